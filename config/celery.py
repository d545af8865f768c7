"""Celery application. Broker is Redis in production; the embedded default runs tasks eagerly."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

# The django-tasks bridge and the email task live outside any app's tasks.py; autodiscovery would miss them.
app = Celery("cong", include=["config.tasks_backend", "sites.notifications"])
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
