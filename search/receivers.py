"""Attachment text is extracted in the background when a page with attachments is published and when
a file is uploaded or replaced; the task then reindexes the live pages that attach the file."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from cms.models import LegalDocumentPage, ProcedurePage
from cms.models.legal import ATTACHMENT_EXTENSIONS

from .tasks import extract_attachment_text


def _enqueue(document_id: int) -> None:
    transaction.on_commit(lambda: extract_attachment_text.delay(document_id))
    transaction.on_commit(lambda: extract_attachment_text.delay(document_id))


def extract_on_publish(sender, instance, **kwargs) -> None:
    for document in instance.attachment_documents():
        _enqueue(document.pk)


def extract_on_upload(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw and (instance.file_extension or "").lower() in ATTACHMENT_EXTENSIONS:
        _enqueue(instance.pk)


def connect() -> None:
    for model in (LegalDocumentPage, ProcedurePage):
        page_published.connect(extract_on_publish, sender=model, dispatch_uid=f"extract-{model.__name__}")
    post_save.connect(extract_on_upload, sender=get_document_model(), dispatch_uid="extract-on-upload")
