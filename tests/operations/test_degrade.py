"""Degrade, don't fail (R95): each service is stopped for real during requests and publishes."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from wagtail.models import Page

from cms.models import NewsPage
from search.models import PendingIndexUpdate
from search.tasks import reconcile_index
from tests.conftest import refresh_search_index

from .faults import TcpProxy


def public_urls() -> list[tuple[str, str]]:
    """Every live page of every site, plus the non-page public addresses."""
    from sites.retirement import retired_hosts

    urls = []
    retired = set(retired_hosts())
    for page in Page.objects.live().specific().exclude(depth=1):
        _site_id, root_url, path = page.get_url_parts()
        host = root_url.split("://", 1)[1].split(":")[0]
        if host not in retired:
            urls.append((host, path))
    hosts = {host for host, _ in urls}
    for host in hosts:
        urls += [
            (host, "/search/?q=k%C3%AAnh"),
            (host, "/sitemap.xml"),
            (host, "/robots.txt"),
            (host, "/rss/"),
        ]
    return urls


def test_public_pages_answer_200_with_redis_down(client, province, redis_cache):
    urls = public_urls()
    assert len(urls) > 10
    for host, path in urls:  # warm: the retired-hosts table and Wagtail's site roots are cached
        assert client.get(path, HTTP_HOST=host).status_code == 200, (host, path)
    assert cache.get("cong:sites:retired-hosts")

    redis_cache.stop()
    started = time.monotonic()
    for host, path in urls:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, (host, path, response.status_code)
    # The retired commune's host still redirects, from the database.
    response = client.get("/gioi-thieu/", HTTP_HOST="tanthanh.camau.localhost")
    assert response.status_code == 301
    assert response["Location"].startswith("http://anxuyen.camau.localhost")
    per_request = (time.monotonic() - started) / (len(urls) + 1)
    assert per_request < 1.0, f"{per_request:.2f} s a request with Redis down"

    # A publish with the cache down completes and is served at once.
    news = province["news"]
    page = NewsPage(title="Ra quân mùa khô 2026", slug="ra-quan-mua-kho", date=dt.date(2026, 1, 5))
    news.add_child(instance=page)
    page.save_revision().publish()
    assert client.get(page.url, HTTP_HOST="anxuyen.camau.localhost").status_code == 200

    # Writes that clear cached values do not fail either (a retirement clears the hosts table).
    assert cache.get("anything", "default") == "default"
    assert cache.set("anything", 1) is None
    assert cache.delete("anything") is False

    redis_cache.start()  # back: the cache is used again once the pause is over
    time.sleep(5.1)
    cache.set("anything", "again")
    assert cache.get("anything") == "again"


def test_publish_with_the_broker_down_completes_and_runs_its_jobs_here(
    province, celery_on_private_redis, django_capture_on_commit_callbacks
):
    celery_on_private_redis.stop()
    news = province["news"]
    page = NewsPage(
        title="Hội nghị tổng kết mùa khô Tân Phú", slug="tong-ket-mua-kho", date=dt.date(2026, 4, 2)
    )
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        news.add_child(instance=page)
        page.save_revision().publish()
    assert callbacks, "the bridge hands jobs over after commit"
    assert time.monotonic() - started < 15

    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    # The indexing job ran in this process, so the page is findable at once.
    refresh_search_index()
    assert [p.title for p in NewsPage.objects.live().search("tổng kết mùa khô")] == [page.title]


def test_a_page_published_while_the_search_node_is_down_is_found_after_it_returns(
    province, search_proxy, client
):
    reconcile_index()  # the node is up: this run sets the watermark
    search_proxy.cut()
    news = province["news"]
    page = NewsPage(title="Khởi công cầu Gành Hào mới", slug="cau-ganh-hao", date=dt.date(2026, 5, 6))
    news.add_child(instance=page)
    page.save_revision().publish()  # the node refuses; the failure is recorded, the page is live
    assert Page.objects.get(pk=page.pk).live
    assert PendingIndexUpdate.objects.filter(object_id=str(page.pk)).exists()

    # Pages keep serving and search answers from the database with a notice.
    assert client.get(page.url, HTTP_HOST="anxuyen.camau.localhost").status_code == 200
    response = client.get("/search/?q=ganh+hao", HTTP_HOST="anxuyen.camau.localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert "search-fallback" in html and "Khởi công cầu Gành Hào mới" in html
    assert reconcile_index()["node_down"] == 1  # the periodic job waits for the node

    search_proxy.restore()
    returned = time.monotonic()
    counts = reconcile_index()  # the next beat run (every 30 s)
    assert counts["retried"] >= 1
    refresh_search_index()
    found = [p.title for p in NewsPage.objects.live().search("Gành Hào")]
    assert found == ["Khởi công cầu Gành Hào mới"]
    assert time.monotonic() - returned < 60
    assert not PendingIndexUpdate.objects.filter(object_id=str(page.pk)).exists()
    response = client.get("/search/?q=ganh+hao", HTTP_HOST="anxuyen.camau.localhost")
    assert "search-fallback" not in response.content.decode()


def test_reconcile_job_runs_within_a_minute(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["search-reconcile-index"]
    assert schedule["task"] == reconcile_index.name and schedule["schedule"] <= 60


def test_database_outage_answers_503_maintenance_page_then_recovers(committed_db, province):
    connection = connections["default"]
    real = (connection.settings_dict["HOST"], connection.settings_dict["PORT"])
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL to cut")
    proxy = TcpProxy(real[0] or "127.0.0.1", int(real[1] or 5432))
    proxy.start()
    client = Client(raise_request_exception=False)
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", str(proxy.port)
    try:
        assert client.get("/", HTTP_HOST="anxuyen.camau.localhost").status_code == 200
        proxy.cut()
        connection.close()
        # A page already in the page cache is still served (the hit reads no database row)…
        cached = client.get("/", HTTP_HOST="anxuyen.camau.localhost")
        assert cached.status_code == 200 and cached["X-Cong-Cache"] == "hit"
        # …any other gets the maintenance page.
        response = client.get("/?trang=2", HTTP_HOST="anxuyen.camau.localhost")
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        assert 'class="maintenance-page"' in response.content.decode()
        proxy.restore()
        connection.close()
        assert client.get("/", HTTP_HOST="anxuyen.camau.localhost").status_code == 200
    finally:
        connection.close()
        connection.settings_dict["HOST"], connection.settings_dict["PORT"] = real
        proxy.close()
