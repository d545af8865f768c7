"""django-tasks backends: one that hands Wagtail's background jobs to Celery, one that runs them at once.

Wagtail 8 enqueues its own jobs (search indexing, reference index, file deletion) through
django-tasks. No maintained bridge to Celery is published, so `CeleryBackend` is the small piece
that sends each job to one Celery task, which imports the job function and runs it. Both backends
honour `sites.jobs.coalescing_jobs()`.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.backends.immediate import ImmediateBackend as DjangoTasksImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json

from sites.jobs import hold_job


@shared_task(name="config.run_django_task", acks_late=True)
def run_django_task(module_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    task: Task = import_string(module_path)
    return task.call(*args, **kwargs)


def _ready_result(backend: BaseTaskBackend, task: Task, args: Any, kwargs: Any) -> TaskResult:
    return TaskResult(
        task=task,
        id=get_random_id(),
        status=TaskResultStatus.READY,
        enqueued_at=timezone.now(),
        started_at=None,
        last_attempted_at=None,
        finished_at=None,
        args=normalize_json(args),
        kwargs=normalize_json(kwargs),
        backend=backend.alias,
        errors=[],
        worker_ids=[],
    )


class ImmediateBackend(DjangoTasksImmediateBackend):
    """django-tasks' immediate backend (no broker: the embedded default), with `sites.jobs.coalescing_jobs()`."""

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        if hold_job(self, task, args, kwargs):
            return _ready_result(self, task, args, kwargs)
        return super().enqueue(task, args, kwargs)


class CeleryBackend(BaseTaskBackend):
    """Sends django-tasks jobs to Celery once the surrounding transaction commits."""

    supports_defer = True

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        result = _ready_result(self, task, args, kwargs)
        if hold_job(self, task, args, kwargs):
            return result
        options: dict[str, Any] = {"task_id": result.id, "queue": task.queue_name}
        if task.run_after is not None:
            options["eta"] = task.run_after

        def send() -> None:
            run_django_task.apply_async(args=(task.module_path, result.args, result.kwargs), **options)

        # A worker must not look for a row the request has not committed yet. With the broker down
        # the job runs here instead (config.celery.BrokerFailSafeTask), so the publish completes.
        transaction.on_commit(send)
        return result
