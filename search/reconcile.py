"""Keeping the search node in step with the database when it has been away (R95).

Wagtail indexes each saved object in a background job and, for a search node, only logs a failure.
Here a failure is recorded (``PendingIndexUpdate``) and a periodic job (Celery beat, every 30 s)
checks that the node answers, then retries the recorded objects with backoff and re-indexes every
page changed since its last successful run, which also covers jobs lost with a broker or worker.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_instance
from wagtail.models import Page

from .models import IndexWatermark, PendingIndexUpdate

logger = logging.getLogger(__name__)
BATCH = 500
# Clock skew between web servers and a job that committed just before the watermark moved.
OVERLAP = timedelta(minutes=2)


class RecordFailuresMixin:
    """For search-node backends: a failed index update is recorded for the reconcile job."""

    def add(self, obj):
        try:
            return super().add(obj)
        except Exception as error:
            PendingIndexUpdate.record(obj, error)
            raise


def node_backend(timeout: float = 5):
    """The search-node backend, or None when search runs on the database alone."""
    backend = get_search_backend("default", TIMEOUT=timeout)
    return backend if hasattr(backend, "es") else None


def node_answers(backend) -> bool:
    try:
        return bool(backend.es.ping())
    except Exception as error:  # any transport failure means "not now"
        logger.info("Search node does not answer: %s", error)
        return False


def reconcile(now=None) -> dict[str, int]:
    """Retry due failed updates and re-index recently changed pages; nothing while the node is down."""
    backend = node_backend()
    counts = {"retried": 0, "failed": 0, "pages": 0, "node_down": 0}
    if backend is None:
        return counts
    if not node_answers(backend):
        counts["node_down"] = 1
        return counts
    now = now or timezone.now()
    watermark = IndexWatermark.objects.first()
    for pending in PendingIndexUpdate.objects.filter(next_attempt_at__lte=now).order_by("next_attempt_at")[
        :BATCH
    ]:
        obj = pending.load()
        indexed = get_indexed_instance(obj) if obj is not None else None
        try:
            if indexed is not None:
                backend.add(indexed)
        except Exception as error:
            logger.warning("Index retry of %s failed (attempt %s): %s", pending, pending.attempts + 1, error)
            pending.postpone(error)
            counts["failed"] += 1
            continue
        PendingIndexUpdate.objects.filter(pk=pending.pk).delete()
        counts["retried"] += 1
    if watermark is not None:
        since = watermark.reconciled_until - OVERLAP
        changed = Page.objects.filter(
            Q(last_published_at__gte=since) | Q(latest_revision_created_at__gte=since)
        ).specific()
        for page in changed.iterator(chunk_size=200):
            indexed = get_indexed_instance(page)
            if indexed is None:
                continue
            try:
                backend.add(indexed)
                counts["pages"] += 1
            except Exception as error:
                logger.warning("Re-indexing %s failed: %s", page, error)
                counts["failed"] += 1
    if counts["failed"] == 0:
        IndexWatermark.objects.update_or_create(pk=1, defaults={"reconciled_until": now})
    return counts
