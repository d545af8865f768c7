"""Background work of the cms app (Celery)."""

from __future__ import annotations

from celery import shared_task
from django.db.models import Q
from django.utils import timezone
from modelsearch import index

from .models import LegalDocumentPage


@shared_task(name="cms.refresh_legal_document_statuses")
def refresh_legal_document_statuses() -> int:
    """Move documents along their dates: not yet in force → in force on the effective date, and
    in force (wholly or partly) → expired on the expiry date. Runs daily (CELERY_BEAT_SCHEDULE)."""
    today = timezone.localdate()
    Status = LegalDocumentPage.Status
    changes = [
        (
            Q(status=Status.NOT_YET, effective_on__lte=today)
            & (Q(expires_on__isnull=True) | Q(expires_on__gt=today)),
            Status.IN_FORCE,
        ),
        (
            Q(status__in=[Status.NOT_YET, Status.IN_FORCE, Status.PARTLY], expires_on__lte=today),
            Status.EXPIRED,
        ),
    ]
    changed = 0
    for condition, status in changes:
        pages = list(LegalDocumentPage.objects.filter(condition))
        # A status is metadata, not an edit: no new revision, but the live page and its index change.
        LegalDocumentPage.objects.filter(pk__in=[p.pk for p in pages]).update(status=status)
        for page in pages:
            page.status = status
            index.insert_or_update_object(page)
        changed += len(pages)
    return changed
