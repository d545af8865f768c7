"""Liveness and readiness for load balancers and monitoring (R95, R109).

``/healthz`` says the process answers (no I/O). ``/readyz`` checks each dependency with a short
timeout and reports its latency; any failure answers 503 and names the failing part.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    milliseconds: float
    detail: str

    def as_dict(self) -> dict:
        return {"ok": self.ok, "ms": round(self.milliseconds, 1), "detail": self.detail}


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache() -> str:
    ping = getattr(cache, "ping", None)
    if ping is None:
        return "local memory"
    ping()
    return "redis"


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    return "redis"


def check_search() -> str:
    from search.reconcile import node_backend

    backend = node_backend(timeout=2)
    if backend is None:
        return "database"
    if not backend.es.ping():
        raise ConnectionError("search node does not answer")
    return "node"


def check_media() -> str:
    name = default_storage.save(f".readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise OSError("media storage returned different bytes")
    finally:
        default_storage.delete(name)
    return type(default_storage).__name__


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "search": check_search,
    "media": check_media,
}


def run_checks() -> list[CheckResult]:
    results = []
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as error:  # a readiness probe reports every failure, whatever its kind
            detail, ok = type(error).__name__, False
        results.append(CheckResult(name, ok, (time.perf_counter() - started) * 1000, detail))
    return results
