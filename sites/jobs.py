"""Background jobs for bulk work: run in this process (load_demo, imports), or once per object (provisioning)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.test.utils import override_settings

# Jobs held back while `coalescing_jobs()` runs: one entry per distinct job, in first-enqueued order.
_held: ContextVar[dict[tuple, tuple[Any, Any, Any, Any]] | None] = ContextVar("cong_held_jobs", default=None)


@contextmanager
def coalescing_jobs() -> Iterator[None]:
    """Run each distinct job enqueued inside the block once, when the block ends.

    Building a page saves it three or four times, and each save enqueues the same search-index and
    reference-index jobs for it. Bulk work (provisioning a site) wraps itself in this so those jobs
    run once per object, on the final rows. Jobs are dropped if the block raises (its transaction is
    rolled back too). Nested blocks join the outermost one. The project's task backends
    (config.tasks_backend) ask `hold_job` before they run or send a job.
    """
    if _held.get() is not None:
        yield
        return
    held: dict[tuple, tuple[Any, Any, Any, Any]] = {}
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
    for backend, task, args, kwargs in held.values():
        backend.enqueue(task, args, kwargs)


def hold_job(backend: Any, task: Any, args: Any, kwargs: Any) -> bool:
    """Keep the job for the end of `coalescing_jobs()` if one is running (True), else False."""
    held = _held.get()
    if held is None:
        return False
    key = (backend.alias, task.module_path, task.queue_name, repr(args), repr(sorted(kwargs.items())))
    held.setdefault(key, (backend, task, args, kwargs))
    return True


@contextmanager
def jobs_in_process() -> Iterator[None]:
    """Run background jobs in this process for a bulk command (load_demo, imports).

    Thousands of saves would otherwise leave thousands of jobs on the broker for a worker that may
    not be running; here each one runs as it is enqueued, and the command's progress covers it.
    """
    from celery import current_app  # the project's app (config.celery), without importing config

    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        with override_settings(TASKS={"default": {"BACKEND": "config.tasks_backend.ImmediateBackend"}}):
            yield
    finally:
        current_app.conf.task_always_eager = eager
