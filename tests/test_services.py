"""The production services, for real: PostgreSQL, Redis, Celery through Redis, the search node."""

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from cms.models import NewsIndexPage, NewsPage
from config.celery import app as celery_app

from . import cache_keys
from .conftest import refresh_search_index, require_service

ROOT = Path(__file__).resolve().parent.parent


def test_the_suite_runs_on_postgresql(db):
    require_service("DATABASE_URL", "PostgreSQL")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_encoding')")
        assert cursor.fetchone()[0] == "UTF8"


def test_cache_is_redis():
    require_service("REDIS_URL", "Redis")
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    key = f"cong-test-{uuid.uuid4()}"
    cache.set(key, "Cà Mau", timeout=30)
    assert cache.get(key) == "Cà Mau"


def test_wagtail_jobs_reach_a_celery_worker_through_redis(db, settings, django_capture_on_commit_callbacks):
    require_service("REDIS_URL", "Redis")
    from tests.bridge_tasks import store_in_cache

    settings.TASKS = {"default": {"BACKEND": "config.tasks_backend.CeleryBackend"}}
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--queues=default",
         "--without-gossip", "--without-mingle", "--loglevel=warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    key = f"cong-bridge-{uuid.uuid4()}"
    # The worker is another process: it writes in the empty key namespace, not this test's (tests/cache_keys.py).
    cache_keys.namespace["run"] = ""
    cache = caches["default"]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = store_in_cache.enqueue(key, "đã chạy")
        assert result.backend == "default"
        # A cold worker on a busy two-core CI machine can take a while to boot Django.
        deadline = time.monotonic() + 180
        while cache.get(key) is None and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        if cache.get(key) is None:
            worker.terminate()
            output = worker.communicate(timeout=30)[0].decode(errors="replace")
            pytest.fail(f"the Celery worker did not run the job; its output:\n{output}")
        assert cache.get(key) == "đã chạy"
    finally:
        celery_app.conf.task_always_eager = eager
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)


def test_a_page_is_indexed_in_the_search_node_and_found(portal):
    require_service("SEARCH_URL", "The search node")
    backend = get_search_backend()
    assert type(backend).__module__.split(".")[-1] in ("elasticsearch8", "opensearch2", "opensearch3")
    news_index = portal.site.root_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    news_index.add_child(
        instance=NewsPage(title="Khánh thành cầu Đầm Cùng", slug="cau-dam-cung", date=dt.date(2026, 6, 2))
    )
    refresh_search_index()
    index_name = backend.get_index_for_model(Page).name
    assert backend.es.indices.exists(index=index_name)
    found = [page.title for page in Page.objects.live().search("Đầm Cùng")]
    assert found == ["Khánh thành cầu Đầm Cùng"]
