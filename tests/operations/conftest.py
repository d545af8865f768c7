"""Fixtures that make services fail for real: a private Redis, proxies in front of shared services."""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import urlparse

import pytest

from cms.models import NewsIndexPage, NewsPage
from config.celery import app as celery_app
from sites.models import Agency
from tests.conftest import require_service

from .faults import TcpProxy


@pytest.fixture
def redis_cache(private_redis, settings):
    """The site's cache on the private Redis, which the test may stop."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "config.cache.FailSafeRedisCache", "LOCATION": private_redis.url},
    }
    return private_redis


@pytest.fixture
def search_proxy(settings):
    """The default search backend reached through a proxy the test may cut (same indices)."""
    url = urlparse(require_service("SEARCH_URL", "The search node"))
    proxy = TcpProxy(url.hostname, url.port)
    proxy.start()
    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    backends["default"]["URLS"] = [f"http://127.0.0.1:{proxy.port}"]
    backends["default"]["TIMEOUT"] = 3
    settings.WAGTAILSEARCH_BACKENDS = backends
    yield proxy
    proxy.close()


@pytest.fixture
def province(make_agency):
    """The portal, a ward with news, and a commune merged into the ward (its host redirects)."""
    ward = make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)
    commune = make_agency("Xã Tân Thành", "tanthanh", kind=Agency.Kind.COMMUNE)
    news = ward.site.root_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    news.add_child(
        instance=NewsPage(title="Nạo vét kênh xáng Phụng Hiệp", slug="nao-vet-kenh", date=dt.date(2026, 3, 4))
    )
    from sites.retirement import retire_agency

    retire_agency(commune, ward)
    return {
        "portal": Agency.objects.get(kind=Agency.Kind.PROVINCE),
        "ward": ward,
        "commune": commune,
        "news": news,
    }


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def celery_on_private_redis(private_redis, settings):
    """Wagtail's jobs go through the Celery bridge to a broker the test may stop."""
    conf = celery_app.conf
    # Read before the Django setting changes: Celery's configuration reads through to it.
    saved = (conf.broker_url, conf.task_always_eager)
    assert saved[1] is True
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.TASKS = {"default": {"BACKEND": "config.tasks_backend.CeleryBackend"}}
    conf.broker_url, conf.task_always_eager = private_redis.url, False
    forget_broker_connections()
    yield private_redis
    conf.broker_url, conf.task_always_eager = saved
    forget_broker_connections()


def forget_broker_connections() -> None:
    """Pooled connections belong to the previous broker address (what Celery does after a fork)."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
