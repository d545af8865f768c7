"""Editors: a legal document cannot be published without its effective date and a file (R22);
a draft can wait for them. Attachments must be PDF, DOCX or ODT."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import DocumentType, IssuingAuthority, LegalDocumentPage
from tests.conftest import login_admin

from .conftest import _store, make_pdf

pytestmark = pytest.mark.django_db


def form(action: str, attachments: list, **extra) -> dict:
    data = {
        "title": "Ban hành Quy chế thử nghiệm",
        "slug": "qd-99-2026",
        "document_type": DocumentType.objects.get(name="Quyết định").pk,
        "number": "99/2026/QĐ-UBND",
        "issuer": IssuingAuthority.objects.get_or_create(name="Ủy ban nhân dân tỉnh Cà Mau")[0].pk,
        "signer": "",
        "issued_on": "2026-05-12",
        "effective_on": "",
        "expires_on": "",
        "status": "",
        "summary": "Trích yếu",
        "body": streamfield([]),
        "attachments": inline_formset([{"document": d.pk} for d in attachments]),
        "relations": inline_formset([]),
        "national_database_url": "",
        "gazette_reference": "",
        **extra,
    }
    data = nested_form_data(data)
    data[action] = action
    return data


def add(client, legal_index, data):
    return client.post(
        f"/admin/pages/add/cms/legaldocumentpage/{legal_index.pk}/", data, HTTP_HOST="camau.localhost"
    )


def test_publish_needs_effective_date_and_file_but_draft_does_not(client, superuser, legal_index):
    login_admin(client, superuser)
    response = add(client, legal_index, form("action-publish", []))
    assert response.status_code == 200  # the form again, with errors
    assert not LegalDocumentPage.objects.exists()
    errors = response.context["form"].errors
    assert "effective_on" in errors
    assert response.context["form"].formsets["attachments"].non_form_errors()

    response = add(client, legal_index, form("action-save", []))
    assert response.status_code == 302
    draft = LegalDocumentPage.objects.get()
    assert not draft.live

    pdf = make_pdf("Toan van")
    draft.delete()
    response = add(client, legal_index, form("action-publish", [pdf], effective_on="2026-05-28"))
    assert response.status_code == 302, response.context["form"].errors
    assert LegalDocumentPage.objects.get().live


def test_attachment_must_be_pdf_docx_or_odt(client, superuser, legal_index):
    login_admin(client, superuser)
    sheet = _store("bang.xlsx", b"PK\x03\x04")
    response = add(client, legal_index, form("action-publish", [sheet], effective_on="2026-05-28"))
    assert response.status_code == 200
    assert "bang.xlsx” là tệp .xlsx" in response.content.decode()  # the Vietnamese admin names the file
    assert not LegalDocumentPage.objects.exists()
