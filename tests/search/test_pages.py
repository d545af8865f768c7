"""Public pages of legal documents and procedures (R22, R30) and their listings (R18, R82)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from cms.models import LegalDocumentAttachment, LegalField, ProcedureIndexPage, ProcedurePage

from .conftest import _store, make_pdf

pytestmark = pytest.mark.django_db


def get(client, page, **params):
    _site_id, _root, path = page.get_url_parts()
    return client.get(path, params, HTTP_HOST="camau.localhost")


def test_document_page_shows_the_seven_fields_and_a_download(client, make_document):
    pdf = make_pdf("Toan van")
    old = make_document("514/QĐ-UBND", "Quy chế cũ", issued_on=dt.date(2012, 4, 6))
    page = make_document(
        "68/2026/QĐ-UBND",
        "Ban hành Quy chế quản lý Cổng Thông tin điện tử",
        summary="Quy chế quản lý, vận hành và cung cấp thông tin",
        attachments=[pdf],
        fields=("Công nghệ thông tin",),
    )
    page.effective_on = dt.date(2026, 5, 28)
    page.relations.create(kind="replaces", target=old)
    page.save_revision().publish()
    html = get(client, page).content.decode()
    for text in (
        "68/2026/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân tỉnh Cà Mau",
        "12/05/2026",
        "28/05/2026",
        "Quy chế quản lý, vận hành và cung cấp thông tin",
        "Công nghệ thông tin",
    ):
        assert text in html
    assert f'href="{pdf.url}" download' in html
    assert "Quy chế cũ" in html  # replaces …
    assert (
        "Ban hành Quy chế quản lý Cổng Thông tin điện tử" in get(client, old).content.decode()
    )  # … replaced by


def test_attachments_must_be_pdf_docx_or_odt(make_document):
    spreadsheet = _store("bang.xlsx", b"PK\x03\x04")
    with pytest.raises(ValidationError, match=r"bang\.xlsx.*\.xlsx"):
        LegalDocumentAttachment(document=spreadsheet).clean()
    LegalDocumentAttachment(document=make_pdf("ok")).clean()


def test_listing_filters_combine(client, legal_index, make_document):
    make_document(
        "42/2022/NĐ-CP",
        "Nghị định về thông tin",
        type_name="Nghị định",
        issuer="Chính phủ",
        issued_on=dt.date(2022, 6, 24),
    )
    make_document(
        "43/2011/NĐ-CP",
        "Nghị định cũ",
        type_name="Nghị định",
        issuer="Chính phủ",
        issued_on=dt.date(2011, 6, 13),
    )
    qd = make_document("68/2026/QĐ-UBND", "Quy chế", issued_on=dt.date(2026, 5, 12))

    def numbers(**params):
        html = get(client, legal_index, **params).content.decode()
        return re.findall(r'<td><a href="[^"]+">([^<]+)</a>', html)

    assert numbers() == ["68/2026/QĐ-UBND", "42/2022/NĐ-CP", "43/2011/NĐ-CP"]
    nd = qd.document_type.__class__.objects.get(name="Nghị định").pk
    assert numbers(type=nd) == ["42/2022/NĐ-CP", "43/2011/NĐ-CP"]
    assert numbers(type=nd, year=2022) == ["42/2022/NĐ-CP"]
    assert numbers(number="68/2026") == ["68/2026/QĐ-UBND"]
    assert numbers(number="68/2026/qđ-ubnd") == ["68/2026/QĐ-UBND"]
    assert numbers(issued_from="2012-01-01", issued_to="2023-01-01") == ["42/2022/NĐ-CP"]
    assert numbers(type="x", year="abc", issued_from="nonsense") == [
        "68/2026/QĐ-UBND",
        "42/2022/NĐ-CP",
        "43/2011/NĐ-CP",
    ]


@pytest.fixture
def procedure(portal, make_document):
    basis = make_document(
        "63/2010/NĐ-CP", "Về kiểm soát thủ tục hành chính", type_name="Nghị định", issuer="Chính phủ"
    )
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc")
    portal.site.root_page.add_child(instance=index)
    form = make_pdf("Mau to khai")
    form.title = "Mẫu tờ khai đăng ký"
    form.save()
    page = ProcedurePage(
        title="Đăng ký thường trú",
        code="1.004194",
        field=LegalField.objects.create(name="Đăng ký, quản lý cư trú"),
        administrative_level=ProcedurePage.Level.COMMUNE,
        implementing_agency="Công an cấp xã",
        steps=[
            (
                "step",
                {
                    "description": "<p>Nộp hồ sơ tại Công an cấp xã</p>",
                    "responsible": "Cán bộ tiếp nhận",
                    "time_limit": "Trong ngày",
                },
            ),
            ("step", {"description": "<p>Nhận kết quả</p>", "responsible": "", "time_limit": ""}),
        ],
        submission_methods="<p>Trực tiếp hoặc trực tuyến qua Cổng Dịch vụ công quốc gia</p>",
        dossier=[
            ("item", {"name": "Tờ khai thay đổi thông tin cư trú", "originals": 1, "copies": 0, "note": ""})
        ],
        dossier_sets=1,
        processing_time="07 ngày làm việc",
        applicants="Công dân Việt Nam",
        result="Thông báo kết quả đăng ký thường trú",
        fees="<p>Lệ phí 20.000 đồng</p>",
        requirements="<p>Có chỗ ở hợp pháp</p>",
        responsibilities="<p>Công an cấp xã thẩm định hồ sơ</p>",
        service_level=ProcedurePage.ServiceLevel.FULL,
        national_portal_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004194",
    )
    page.legal_basis = [basis]
    page.attachments.add(page.attachments.model(document=form))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_procedure_page_shows_every_component(client, procedure):
    html = get(client, procedure).content.decode()
    for text in (
        "Đăng ký thường trú",
        "1.004194",
        "Đăng ký, quản lý cư trú",
        "Công an cấp xã",  # name, code, field, agency
        "Nộp hồ sơ tại Công an cấp xã",
        "Cán bộ tiếp nhận",  # steps and who is responsible
        "Trực tiếp hoặc trực tuyến",  # method
        "Tờ khai thay đổi thông tin cư trú",  # dossier
        "07 ngày làm việc",
        "Công dân Việt Nam",
        "Thông báo kết quả đăng ký thường trú",  # time, applicants, result
        "Lệ phí 20.000 đồng",
        "Mẫu tờ khai đăng ký",
        "Có chỗ ở hợp pháp",  # fees, forms, requirements
        "63/2010/NĐ-CP",  # legal basis, linked
        "Công an cấp xã thẩm định hồ sơ",  # responsibilities
        "ma_thu_tuc=1.004194",  # national portal link
    ):
        assert text in html, text
    assert 'href="/van-ban/' in html


def test_procedure_listing_groups_by_field_with_level(client, procedure):
    html = get(client, procedure.get_parent()).content.decode()
    assert "Đăng ký, quản lý cư trú" in html and "1.004194" in html
    assert (
        "Đăng ký thường trú"
        not in get(client, procedure.get_parent(), service_level="partial").content.decode()
    )


def test_statuses_follow_the_dates(make_document):
    from cms.tasks import refresh_legal_document_statuses

    today = dt.date.today()
    pending = make_document("1/2030/QĐ-UBND", "Chưa có hiệu lực", issued_on=today - dt.timedelta(days=30))
    pending.effective_on = today + dt.timedelta(days=10)
    pending.status = ""
    pending.save_revision().publish()
    ending = make_document(
        "2/2020/QĐ-UBND", "Sắp hết hiệu lực", issued_on=dt.date(2020, 1, 1), status="partly_in_force"
    )
    ending.expires_on = today - dt.timedelta(days=1)
    ending.save_revision().publish()
    pending.refresh_from_db()
    assert pending.status == "not_yet_in_force"

    pending.__class__.objects.filter(pk=pending.pk).update(effective_on=today)
    assert refresh_legal_document_statuses() == 2
    pending.refresh_from_db()
    ending.refresh_from_db()
    assert (pending.status, ending.status) == ("in_force", "expired")
