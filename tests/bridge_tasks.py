"""A django-tasks job used only by the Celery bridge test; the worker imports it by path."""

from django.core.cache import cache
from django_tasks import task


@task()
def store_in_cache(key: str, value: str) -> str:
    cache.set(key, value, timeout=60)
    return value
