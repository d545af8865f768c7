"""A small province for the API: portal and ward content in every state a reader must or must not see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageViewRestriction

from cms.models import (
    AnnouncementPage,
    DocumentType,
    IssuingAuthority,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    ProcedureIndexPage,
    ProcedurePage,
)
from sites.models import Agency
from tests.factories import (
    AnnouncementPageFactory,
    LegalDocumentPageFactory,
    NewsPageFactory,
    ProcedurePageFactory,
    UserFactory,
)

PORTAL = "camau.localhost"
WARD = "anxuyen.camau.localhost"

# A person who edits and owns content: nothing about them may appear in any API answer.
EDITOR = {
    "username": "bientap.nguyenvanan",
    "email": "nguyenvanan.canhan@gmail.com",
    "first_name": "Nguyễn Văn",
    "last_name": "Ẩn Danh",
}


# How an answer page names its asker: still about a person, so never in the API.
ASKER = "Ông Trần Văn Hỏi, khóm 5"


def api(host: str = PORTAL, path: str = "/api/v1/", **params):
    return Client(HTTP_HOST=host).get(path, params)


@pytest.fixture(autouse=True)
def api_isolation(settings, tmp_path):
    """Each test starts with an empty API cache and a generous rate limit (tests of the limit lower it)."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CONG_API_RATE_LIMIT = "10000/m"
    cache.clear()
    yield
    cache.clear()


def _publish(parent: Page, page: Page, user) -> Page:
    page.owner = user
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def _pdf(title: str):
    document = get_document_model()(title=title)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


@dataclass
class Province:
    portal: Agency
    ward: Agency
    document: LegalDocumentPage
    amending: LegalDocumentPage
    draft_document: LegalDocumentPage
    private_document: LegalDocumentPage
    procedure: ProcedurePage
    portal_news: NewsPage
    english_news: NewsPage
    redrafted_news: NewsPage
    ward_news_for_portal: NewsPage
    ward_news_local: NewsPage
    announcement: AnnouncementPage
    editor: object
    answer: Page
    consultation: Page


@pytest.fixture
def province(portal, make_agency) -> Province:
    editor = UserFactory(**EDITOR)
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD)
    home = portal.site.root_page

    legal = _publish(home, LegalDocumentIndexPage(title="Văn bản", slug="van-ban"), editor)
    decision = DocumentType.objects.get(name="Quyết định")
    ubnd = IssuingAuthority.objects.get_or_create(name="Ủy ban nhân dân tỉnh Cà Mau")[0]
    it_field = LegalField.objects.get_or_create(name="Công nghệ thông tin")[0]

    def document(number: str, title: str, issued_on: dt.date, **extra) -> LegalDocumentPage:
        return LegalDocumentPageFactory(
            parent=legal,
            owner=editor,
            title=title,
            number=number,
            document_type=decision,
            issuer=ubnd,
            signer="Phạm Thành Ngại",
            issued_on=issued_on,
            effective_on=issued_on + dt.timedelta(days=10),
            fields=[it_field],
            attachments=[LegalDocumentAttachment(document=_pdf(number.replace("/", "-")))],
            **extra,
        )

    regulation = document("68/2026/QĐ-UBND", "Quy chế quản lý Cổng Thông tin điện tử", dt.date(2026, 5, 12))
    amending = document(
        "75/2026/QĐ-UBND",
        "Sửa đổi Quy chế Cổng Thông tin điện tử",
        dt.date(2026, 6, 20),
        relations=[LegalDocumentRelation(kind="amends", target=regulation)],
    )
    draft = document("99/2026/QĐ-UBND", "Dự thảo chưa ban hành", dt.date(2026, 7, 1), live=False)
    private = document("100/2026/QĐ-UBND", "Văn bản nội bộ có mật khẩu", dt.date(2026, 7, 2))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="mat-khau")

    procedures = _publish(home, ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc"), editor)
    procedure = ProcedurePageFactory(
        parent=procedures,
        owner=editor,
        title="Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
        code="1.004193",
        field=it_field,
        applicants="Tổ chức, doanh nghiệp",
        result="Giấy phép",
        fees="<p>Không</p>",
        national_portal_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004193",
        legal_basis=[regulation, draft, private],
    )

    tourism = NewsCategory.objects.create(name="Du lịch", slug="du-lich")
    news = _publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"), editor)
    portal_news = NewsPageFactory(
        parent=news,
        owner=editor,
        title="Khai mạc Lễ hội Nghinh Ông",
        slug="nghinh-ong",
        date=dt.date(2026, 3, 20),
        author="Minh Anh",
        categories=[tourism],
    )
    redrafted = NewsPageFactory(
        parent=news, owner=editor, title="Tiêu đề đã đăng", slug="da-dang", date=dt.date(2026, 4, 1)
    )
    redrafted.title = "Tiêu đề bản nháp chưa duyệt"
    redrafted.save_revision(user=editor)
    announcement = AnnouncementPageFactory(
        parent=news,
        owner=editor,
        title="Thông báo tuyển dụng",
        slug="tuyen-dung",
        date=dt.date(2026, 4, 2),
        attachments=[("attachment", {"document": _pdf("thong-bao"), "title": "", "kind": "decision"})],
    )

    # The English version of the festival story (R77).
    english = Locale.objects.get(language_code="en")
    english_home = (home.get_translation_or_none(english) or home.copy_for_translation(english)).specific
    english_home.save_revision().publish()
    english_index = news.copy_for_translation(english)
    english_index.save_revision().publish()
    english_news = portal_news.copy_for_translation(english)
    english_news.title = "Nghinh Ong Festival opens"
    english_news.save_revision().publish()
    english_news.refresh_from_db()

    ward_index = _publish(ward.site.root_page, NewsIndexPage(title="Tin tức phường", slug="tin-tuc"), editor)
    for_portal = NewsPageFactory(
        parent=ward_index,
        owner=editor,
        title="Phường An Xuyên ra quân làm sạch kênh rạch",
        slug="lam-sach-kenh",
        date=dt.date(2026, 6, 3),
        show_on_portal=True,
    )
    local = NewsPageFactory(
        parent=ward_index, owner=editor, title="Khóm 2 họp dân", slug="hop-dan", date=dt.date(2026, 5, 20)
    )
    from interaction.models import AnswerPage, ConsultationPage

    questions = Page.objects.child_of(home).get(slug="hoi-dap")
    answer = _publish(
        questions,
        AnswerPage(
            title="Thủ tục cấp lại giấy phép trang thông tin điện tử",
            slug="cap-lai-giay-phep",
            asker=ASKER,
            tracking_code="HD-2026-000123",
            question="Giấy phép bị mất thì xin cấp lại thế nào?",
            answer="Nộp đơn đề nghị cấp lại tại Sở Khoa học và Công nghệ.",
            field=it_field,
            agency=portal,
            asked_at=dt.datetime(2026, 5, 2, 8, 0, tzinfo=dt.UTC),
            answered_at=dt.datetime(2026, 5, 6, 8, 0, tzinfo=dt.UTC),
        ),
        editor,
    )
    consultations = Page.objects.child_of(home).get(slug="lay-y-kien-du-thao")
    consultation = _publish(
        consultations,
        ConsultationPage(
            title="Dự thảo Quy chế phối hợp cung cấp thông tin",
            slug="du-thao-quy-che",
            drafting_agency="Sở Khoa học và Công nghệ",
            summary="<p>Quy định việc phối hợp cung cấp thông tin cho Cổng.</p>",
            opens_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            closes_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
            receiving_unit="Văn phòng UBND tỉnh",
            receiving_address="Số 2 Hùng Vương, Cà Mau",
            receiving_email="vanphong@camau.gov.vn",
        ),
        editor,
    )
    return Province(
        portal=portal,
        ward=ward,
        document=LegalDocumentPage.objects.get(pk=regulation.pk),
        amending=amending,
        draft_document=draft,
        private_document=private,
        procedure=procedure,
        portal_news=portal_news,
        english_news=english_news,
        redrafted_news=redrafted,
        ward_news_for_portal=for_portal,
        ward_news_local=local,
        announcement=announcement,
        editor=editor,
        answer=answer,
        consultation=consultation,
    )
