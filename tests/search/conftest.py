"""Fixtures for legal documents, procedures and search."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalField,
)
from tests.conftest import refresh_search_index


@pytest.fixture
def legal_index(portal) -> LegalDocumentIndexPage:
    home = portal.site.root_page
    index = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    home.add_child(instance=index)
    return index


@pytest.fixture
def make_document(legal_index):
    def make(
        number: str,
        title: str,
        *,
        type_name: str = "Quyết định",
        issuer: str = "Ủy ban nhân dân tỉnh Cà Mau",
        issued_on: dt.date = dt.date(2026, 5, 12),
        body: str = "",
        summary: str = "",
        fields: tuple[str, ...] = (),
        parent=None,
        attachments=(),
        status: str = "",
    ) -> LegalDocumentPage:
        page = LegalDocumentPage(
            title=title,
            number=number,
            document_type=DocumentType.objects.get(name=type_name),
            issuer=IssuingAuthority.objects.get_or_create(name=issuer)[0],
            issued_on=issued_on,
            summary=summary,
            status=status,
            body=[("paragraph", f"<p>{body}</p>")] if body else [],
        )
        page.fields = [LegalField.objects.get_or_create(name=name)[0] for name in fields]
        for document in attachments:
            page.attachments.add(LegalDocumentAttachment(document=document))
        (parent or legal_index).add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


def make_docx(text: str, title: str = "dinh-kem.docx"):
    import docx

    buffer = BytesIO()
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(buffer)
    return _store(title, buffer.getvalue())


def make_pdf(text: str, title: str = "dinh-kem.pdf"):
    """A one-page PDF whose text layer holds ``text`` (ASCII; PDF base fonts have no Vietnamese)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return _store(title, out.getvalue())


def _store(title: str, content: bytes):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(title, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def search_page(client):
    def get(query: str, host: str = "camau.localhost", **params):
        refresh_search_index()
        return client.get("/search/", {"q": query, **params}, HTTP_HOST=host)

    return get


@pytest.fixture(autouse=True)
def empty_search_node():
    """Each test starts with empty indices: the database rolls back after a test, the search node does not."""
    import os

    if os.environ.get("SEARCH_URL"):
        from modelsearch.backends import get_search_backend

        backend = get_search_backend()
        pattern = f"{backend.index_prefix}*"
        # The test node has no reindex module (no _delete_by_query): delete the hits one by one.
        hits = backend.es.search(
            index=pattern, body={"query": {"match_all": {}}, "size": 10_000, "_source": False}
        )
        actions = [
            {"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]} for hit in hits["hits"]["hits"]
        ]
        if actions:
            backend.bulk(backend.es, actions, refresh=True, raise_on_error=False)
    yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded test files go to a temporary folder, not the worktree's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
