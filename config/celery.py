"""Celery application. Broker is Redis in production; the embedded default runs tasks eagerly.

A job whose broker is unreachable runs in the sending process instead of raising (R95): a publish
whose ``on_commit`` hand-off fails would otherwise answer 500 after its rows were committed. The
work is done late and slower, never lost, and the request still completes.
"""

from __future__ import annotations

import logging
import os
import time

from celery import Celery, Task
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

logger = logging.getLogger(__name__)
# Seconds during which a process that found the broker down runs jobs in-process without trying it.
BROKER_RETRY_AFTER_SECONDS = 10.0
_broker_down_until = 0.0


class BrokerFailSafeTask(Task):
    """A task that runs in-process when the broker cannot take it."""

    def apply_async(self, args=None, kwargs=None, task_id=None, **options):
        global _broker_down_until
        if self.app.conf.task_always_eager or time.monotonic() >= _broker_down_until:
            try:
                return super().apply_async(args, kwargs, task_id=task_id, **options)
            except (OperationalError, ConnectionError, OSError) as error:
                if time.monotonic() >= _broker_down_until:
                    logger.warning("Broker unavailable, running %s in this process: %s", self.name, error)
                _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER_SECONDS
        else:
            logger.info("Broker marked unavailable, running %s in this process", self.name)
        # throw=False: a failing job is recorded on its result and logged, never raised into the
        # request that merely handed it over.
        result = self.apply(args, kwargs, task_id=task_id, throw=False)
        if result.failed():
            logger.error("In-process run of %s failed: %r", self.name, result.result)
        return result


def broker_marked_down() -> bool:
    return time.monotonic() < _broker_down_until


# The django-tasks bridge and the email task live outside any app's tasks.py; autodiscovery would miss them.
app = Celery("cong", include=["config.tasks_backend", "sites.notifications"], task_cls=BrokerFailSafeTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
