"""Background work of the search app (Celery; eager in the embedded default and in tests).

Page indexing itself is Wagtail's: saving a page (publish, unpublish, revisions) enqueues
``modelsearch.tasks.insert_or_update_object_task`` through django-tasks, which
config/tasks_backend.py hands to Celery after the transaction commits.
"""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from modelsearch import index
from wagtail.documents import get_document_model

from cms.models import AttachmentText, LegalDocumentPage, ProcedurePage

from .extract import ExtractionError, extract_text
from .reconcile import reconcile
from .signals import page_text_reindexed

logger = logging.getLogger(__name__)


@shared_task(name="search.extract_attachment_text", acks_late=True)
def extract_attachment_text(document_id: int) -> int:
    """Read the file's text (once per file content), then reindex the live pages that attach it."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return 0
    with document.open_file() as handle:
        content = handle.read()
    file_hash = hashlib.sha256(content).hexdigest()
    stored = AttachmentText.objects.filter(document=document).first()
    if stored is None or stored.file_hash != file_hash:
        from io import BytesIO

        try:
            text, error = extract_text(BytesIO(content), document.file_extension), ""
        except ExtractionError as problem:
            text, error = "", str(problem)
            logger.warning("Attachment %s: %s", document.pk, problem)
        AttachmentText.objects.update_or_create(
            document=document, defaults={"text": text, "file_hash": file_hash, "error": error}
        )
    pages = [
        *LegalDocumentPage.objects.live().filter(attachments__document=document).distinct(),
        *ProcedurePage.objects.live().filter(attachments__document=document).distinct(),
    ]

    for page in pages:
        index.insert_or_update_object(page)
        page_text_reindexed.send(sender=type(page), instance=page)
    return len(pages)


@shared_task(name="search.reconcile_index")
def reconcile_index() -> dict[str, int]:
    """Beat, every 30 s: bring the search node up to date after it was unreachable."""
    return reconcile()
