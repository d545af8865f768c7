"""Demo content: the five seed regulations (full text) and the national documents they cite, loaded
through the legal-document importer, and a few real news items."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from html import escape
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from sites.publishing import publish, publish_child

from .legal_import import LegalDocumentImporter, read_rows
from .models import (
    HomePage,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    NewsIndexPage,
    NewsPage,
)

LEGAL_DOCUMENTS_FILE = Path(__file__).resolve().parent / "demo_data" / "legal_documents.json"


NEWS = [
    (
        dt.date(2026, 5, 12),
        "quy-che-moi-ve-cong-thong-tin-dien-tu",
        "UBND tỉnh ban hành Quy chế quản lý, vận hành Cổng Thông tin điện tử và các trang thành phần",
        "Ngày 12/5/2026, UBND tỉnh Cà Mau ban hành Quyết định số 68/2026/QĐ-UBND về Quy chế quản lý, "
        "vận hành và cung cấp thông tin đối với Cổng Thông tin điện tử, Trang thông tin điện tử của cơ "
        "quan nhà nước trên địa bàn tỉnh, có hiệu lực từ ngày 28/5/2026.",
    ),
    (
        dt.date(2026, 5, 28),
        "quy-che-514-het-hieu-luc",
        "Quyết định số 514/QĐ-UBND năm 2012 hết hiệu lực từ ngày 28/5/2026",
        "Theo Điều 2 Quyết định số 68/2026/QĐ-UBND, Quy chế phối hợp cung cấp và xử lý thông tin trên "
        "Cổng Thông tin điện tử tỉnh ban hành kèm Quyết định số 514/QĐ-UBND ngày 06/4/2012 hết hiệu lực "
        "kể từ ngày Quy chế mới có hiệu lực.",
    ),
    (
        dt.date(2026, 6, 1),
        "trang-thanh-phan-cap-xa",
        "Các xã, phường sử dụng tên miền cấp 4 dưới tên miền camau.gov.vn",
        "Trang thông tin điện tử của Ủy ban nhân dân các xã, phường, đặc khu là trang thành phần của "
        "Cổng Thông tin điện tử tỉnh, sử dụng tên miền theo tên đầy đủ của đơn vị, tiếng Việt không dấu, "
        "viết liền (Điều 5 Quy chế ban hành kèm Quyết định số 68/2026/QĐ-UBND).",
    ),
]


# Each demo ward publishes its own stories; those marked for the portal appear in the portal's news
# listing, feed and search as the ward's original (NewsPage.for_portal), never as a copy.
WARD_NEWS = {
    "anxuyen": [
        (
            dt.date(2026, 6, 3),
            "ra-quan-lam-sach-kenh-rach",
            "Phường An Xuyên ra quân làm sạch kênh rạch, hưởng ứng Ngày Môi trường thế giới",
            "Sáng 3/6, hơn 300 đoàn viên, hội viên và người dân phường An Xuyên ra quân vớt rác, phát "
            "quang bờ kênh Rạch Rập, thu gom gần 5 tấn rác thải.",
            True,
        ),
        (
            dt.date(2026, 5, 20),
            "hop-dan-khom-2",
            "Khóm 2 tổ chức họp dân bàn kế hoạch nâng cấp hẻm bê tông",
            "Người dân khóm 2 thống nhất đóng góp ngày công, cùng Nhà nước nâng cấp 450 m hẻm bê tông.",
            False,
        ),
    ],
    "tanthanh": [
        (
            dt.date(2026, 6, 5),
            "tiep-nhan-ho-so-truc-tuyen",
            "Phường Tân Thành đạt 92% hồ sơ thủ tục hành chính tiếp nhận trực tuyến",
            "Trong 5 tháng đầu năm 2026, Bộ phận Một cửa phường Tân Thành tiếp nhận 1.846 hồ sơ, trong đó "
            "92% nộp trực tuyến qua Cổng Dịch vụ công quốc gia.",
            True,
        ),
    ],
}


def ward_stories(site: Site) -> list[tuple]:
    agency = getattr(site, "agency", None)
    label = agency.domain_label if agency is not None else ""
    if label in WARD_NEWS:
        return WARD_NEWS[label]
    name = agency.name if agency is not None else site.site_name
    return [
        (
            dt.date(2026, 6, 2),
            "tong-ve-sinh-moi-truong",
            f"{name} tổ chức tổng vệ sinh môi trường khu dân cư",
            f"{name} phát động người dân tổng vệ sinh đường phố, khơi thông cống rãnh trước mùa mưa.",
            True,
        )
    ]


def full_text_docx(page: LegalDocumentPage) -> bytes:
    """The document as an editable DOCX: its details, then its full text (or its summary when the demo
    holds only the reference of a national document), heading by heading."""
    import docx
    from django.utils.html import strip_tags

    document = docx.Document()
    document.core_properties.title = f"{page.document_type} {page.number}"
    document.core_properties.author = str(page.issuer)
    document.add_heading(f"{page.document_type} số {page.number}", level=1)
    document.add_paragraph(page.title)
    document.add_paragraph(f"Cơ quan ban hành: {page.issuer}. Ngày ban hành: {page.issued_on:%d/%m/%Y}.")
    if page.effective_on:
        document.add_paragraph(f"Ngày có hiệu lực: {page.effective_on:%d/%m/%Y}.")
    if page.body:
        for block in page.body:
            if block.block_type == "heading":
                document.add_heading(block.value, level=2)
            elif block.block_type == "paragraph":
                document.add_paragraph(strip_tags(block.value.source))
    else:
        document.add_paragraph(page.summary or page.title)
        document.add_paragraph(
            "Toàn văn chính thức: Cơ sở dữ liệu quốc gia về văn bản pháp luật (vbpl.vn) và Công báo."
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def attach_text_files(index: Page) -> int:
    """Give every document under ``index`` without a file one (R22: the full text must be downloadable)."""
    from django.core.files.base import ContentFile
    from django.utils.text import slugify
    from wagtail.documents import get_document_model

    from sites.models import Agency
    from sites.text import fold

    Document = get_document_model()
    agency = Agency.objects.for_page(index)
    collection = {"collection": agency.collection} if agency and agency.collection_id else {}
    attached = 0
    for page in LegalDocumentPage.objects.child_of(index).filter(attachments__isnull=True):
        name = slugify(fold(f"{page.document_type.abbreviation or page.document_type.name} {page.number}"))
        title = f"{page.document_type} {page.number} (toàn văn)"
        file = Document.objects.filter(title=title, **collection).first()
        if file is None:
            file = Document(title=title, **collection)
            file.file.save(f"{name or 'van-ban'}.docx", ContentFile(full_text_docx(page)), save=False)
            file.save()
        page.attachments.add(LegalDocumentAttachment(document=file))
        publish(page)
        attached += 1
    return attached


def load_content(portal_site: Site, commune_sites: list[Site], progress: Callable[[str], None]) -> None:
    with transaction.atomic():
        home = portal_site.root_page.specific
        assert isinstance(home, HomePage)
        home.intro = (
            "<p>Cổng Thông tin điện tử tỉnh Cà Mau là kênh thông tin chính thức của Ủy ban nhân dân "
            "tỉnh trên môi trường mạng, tích hợp thông tin của các sở, ban, ngành và Ủy ban nhân dân "
            "các xã, phường.</p>"
        )
        publish(home)

        documents = publish_child(
            home,
            LegalDocumentIndexPage,
            "van-ban",
            title="Văn bản quy phạm pháp luật",
            intro="<p>Văn bản quy phạm pháp luật và văn bản quản lý hành chính về Cổng Thông tin điện tử.</p>",
            show_in_menus=True,
        )
        importer = LegalDocumentImporter(documents, LEGAL_DOCUMENTS_FILE.parent, progress=lambda line: None)
        result = importer.run(read_rows(LEGAL_DOCUMENTS_FILE))
        if result.errors:
            raise ValueError(f"{LEGAL_DOCUMENTS_FILE}: " + "; ".join(map(str, result.errors)))
        # "created" is kept for first-time objects only: a rerun's log must not contain it.
        progress(f"  legal documents: {result.created} new, {result.updated} updated")
        attach_text_files(documents)

        news_index = _news_index(portal_site)
        for date, slug, title, summary in NEWS:
            publish_child(
                news_index,
                NewsPage,
                slug,
                title=title,
                date=date,
                summary=summary,
                search_description=summary,
                source="Cổng Thông tin điện tử tỉnh Cà Mau",
                body=[("paragraph", f"<p>{escape(summary)}</p>")],
            )
        provincial_slugs = [slug for _date, slug, _title, _summary in NEWS]
        for site in commune_sites:
            news_index = _news_index(site)
            # Earlier demos copied the provincial stories onto each ward: the portal now shows ward
            # news itself, so those copies go.
            for copy in Page.objects.child_of(news_index).filter(slug__in=provincial_slugs):
                copy.delete()
            for date, slug, title, summary, show_on_portal in ward_stories(site):
                publish_child(
                    news_index,
                    NewsPage,
                    slug,
                    title=title,
                    date=date,
                    summary=summary,
                    search_description=summary,
                    # A ward's own activity supplied to the portal is typical: TN26 Art 7.3's quota counts it.
                    is_typical=show_on_portal,
                    show_on_portal=show_on_portal,
                    source=site.site_name or site.hostname,
                    body=[("paragraph", f"<p>{escape(summary)}</p>")],
                )
        progress(f"  news on the portal and {len(commune_sites)} wards (shown on the portal where marked)")


def _news_index(site: Site) -> Page:
    return publish_child(
        site.root_page, NewsIndexPage, "tin-tuc", title="Tin tức - Sự kiện", show_in_menus=True
    )
