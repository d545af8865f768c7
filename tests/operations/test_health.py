"""/healthz and /readyz for load balancers: each dependency stopped in turn is named (R95, R109)."""

from __future__ import annotations

import json

import pytest
from django.db import connections

from .faults import TcpProxy

CHECKS = {"database", "cache", "broker", "search", "media"}


def readiness(client, **extra) -> tuple[int, dict]:
    response = client.get("/readyz", HTTP_HOST="camau.localhost", **extra)
    assert response["Cache-Control"] == "no-store"
    return response.status_code, json.loads(response.content)


def test_healthz_answers_without_io_hosts_redirects_or_sessions(
    client, db, settings, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = ["camau.localhost"]
    settings.SECURE_SSL_REDIRECT = True  # a probe over plain HTTP is not redirected
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert not response.cookies
    assert client.post("/healthz", HTTP_HOST="10.0.0.7").status_code == 405


def test_readyz_all_up_reports_each_check_with_latency(client, db, redis_cache, celery_on_private_redis):
    status, body = readiness(client, HTTP_X_FORWARDED_PROTO="http")
    assert status == 200, body
    assert set(body["checks"]) == CHECKS and body["failing"] == []
    for result in body["checks"].values():
        assert result["ok"] and result["ms"] >= 0


def test_readyz_names_redis_when_it_is_stopped(client, db, redis_cache, celery_on_private_redis):
    redis_cache.stop()
    status, body = readiness(client)
    assert status == 503
    assert body["failing"] == ["cache", "broker"]
    assert body["checks"]["database"]["ok"]


def test_readyz_names_the_search_node_when_it_is_cut(client, db, search_proxy):
    search_proxy.cut()
    status, body = readiness(client)
    assert status == 503 and body["failing"] == ["search"]
    search_proxy.restore()
    assert readiness(client)[0] == 200


def test_readyz_names_media_storage_that_cannot_be_written(client, db, settings, tmp_path):
    # A file where the media folder should be (a lost mount): nothing can be written under it.
    (tmp_path / "mount").write_text("not a folder")
    settings.MEDIA_ROOT = str(tmp_path / "mount" / "media")
    status, body = readiness(client)
    assert status == 503 and body["failing"] == ["media"]


def test_readyz_names_the_database_when_it_is_cut(committed_db, client):
    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL to cut")
    real = (connection.settings_dict["HOST"], connection.settings_dict["PORT"])
    proxy = TcpProxy(real[0] or "127.0.0.1", int(real[1] or 5432))
    proxy.start()
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", str(proxy.port)
    try:
        proxy.cut()
        status, body = readiness(client)
        assert status == 503 and "database" in body["failing"]
    finally:
        connection.close()
        connection.settings_dict["HOST"], connection.settings_dict["PORT"] = real
        proxy.close()
