"""Background jobs run in this process for bulk commands (load_demo, imports, provisioning)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.test.utils import override_settings


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
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        ):
            yield
    finally:
        current_app.conf.task_always_eager = eager
