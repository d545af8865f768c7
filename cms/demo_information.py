"""Demo step (settings.CONG_DEMO_STEPS): every mandated information item on the portal and a few component
sites, in Vietnamese. Facts about Cà Mau are real where known; people's names are illustrative.
Rerunnable: pages are found by slug and updated, files by title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.models import Page

from sites.models import Agency
from sites.publishing import publish, publish_child

from .models import (
    AdministrativeMapPage,
    AgencyProfilePage,
    AnnouncementPage,
    BudgetDisclosurePage,
    BudgetIndexPage,
    ContactDirectoryPage,
    DirectionIndexPage,
    DirectionPage,
    DisseminationIndexPage,
    GazetteLinkPage,
    LeaderIndexPage,
    LeaderPage,
    LegalDisseminationPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    OrganisationStructurePage,
    OrganisationUnitPage,
    PlanIndexPage,
    PlanPage,
    ProjectIndexPage,
    ProjectPage,
    ProvinceTopicPage,
    PublicServiceIndexPage,
    PublicServicePage,
    ScienceIndexPage,
    ScienceProgrammePage,
    Sector,
    StandardPage,
    StatisticsIndexPage,
    StatisticsReportPage,
    WorkScheduleIndexPage,
    WorkSchedulePage,
)
from .models.direction import ScheduleEntry

ILLUSTRATIVE = "Họ tên lãnh đạo trong bản trình diễn là dữ liệu minh họa."

SECTORS = [
    ("Kế hoạch và đầu tư", "Planning and investment", "ke-hoach-dau-tu"),
    ("Giao thông vận tải", "Transport", "giao-thong-van-tai"),
    ("Nông nghiệp và môi trường", "Agriculture and environment", "nong-nghiep-moi-truong"),
    ("Khoa học và công nghệ", "Science and technology", "khoa-hoc-cong-nghe"),
    ("Tài chính", "Finance", "tai-chinh"),
    ("Đất đai", "Land", "dat-dai"),
    ("Y tế", "Health", "y-te"),
    ("Năng lượng", "Energy", "nang-luong"),
]


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def paragraphs(*texts: str) -> list:
    return [("paragraph", p(text)) for text in texts]


def demo_document(agency: Agency, title: str, filename: str, content: str) -> Document:
    document = Document.objects.filter(title=title, collection=agency.collection).first()
    if document is None:
        document = Document(title=title, collection=agency.collection)
        document.file.save(filename, ContentFile(content.encode("utf-8")), save=False)
        document.save()
    return document


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ASCII text lines (the demo has no scanned map to upload)."""
    text = " T* ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj" for line in lines)
    stream = f"BT /F1 14 Tf 72 760 Td 18 TL {text} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def demo_pdf(agency: Agency, title: str, filename: str, lines: list[str]) -> Document:
    document = Document.objects.filter(title=title, collection=agency.collection).first()
    if document is None:
        document = Document(title=title, collection=agency.collection)
        document.file.save(filename, ContentFile(simple_pdf(lines)), save=False)
        document.save()
    return document


def attachment(document: Document, kind: str) -> list:
    return [("attachment", {"document": document, "title": "", "kind": kind})]


def _section(parent: Page, model: type[Page], slug: str, title: str, menu: bool = False, **fields) -> Page:
    return publish_child(parent, model, slug, title=title, show_in_menus=menu, **fields)


def _intro_root(home: Page) -> Page:
    intro = Page.objects.child_of(home).filter(slug="gioi-thieu").first()
    return intro or _section(home, StandardPage, "gioi-thieu", "Giới thiệu", menu=True)


def load(progress: Callable[[str], None] = lambda line: None) -> None:
    portal = Agency.objects.filter(kind=Agency.Kind.PROVINCE).exclude(site=None).first()
    if portal is None:
        progress("  no portal site: run load_demo first")
        return
    with transaction.atomic():
        for name, name_en, slug in SECTORS:
            Sector.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en})
        for name, slug in [
            ("Kinh tế", "kinh-te"),
            ("Văn hóa - Xã hội", "van-hoa-xa-hoi"),
            ("Du lịch", "du-lich"),
        ]:
            NewsCategory.objects.update_or_create(site=None, slug=slug, defaults={"name": name})
        load_portal(portal)
        progress("  portal: introduction, news, direction, schedule, plans, projects, budget, statistics …")
        for label, loader in (("sokhcn", load_department), ("anxuyen", load_ward)):
            agency = Agency.objects.filter(domain_label=label, parent=None).exclude(site=None).first()
            if agency is not None:
                loader(agency)
                progress(f"  {agency.hostname}: information items")


# --- portal ----------------------------------------------------------------------------------------


def load_portal(portal: Agency) -> None:
    home = portal.site.root_page.specific
    intro = _intro_root(home)
    publish_child(
        intro,
        AgencyProfilePage,
        "tong-quan",
        title="Tổng quan về tỉnh Cà Mau",
        summary="Cà Mau là tỉnh cực Nam của Tổ quốc, được sắp xếp từ tỉnh Cà Mau và tỉnh Bạc Liêu từ ngày 01/7/2025.",
        functions=p(
            "Ủy ban nhân dân tỉnh là cơ quan chấp hành của Hội đồng nhân dân tỉnh, cơ quan hành chính nhà nước "
            "ở địa phương, chịu trách nhiệm trước Hội đồng nhân dân tỉnh và cơ quan hành chính nhà nước cấp trên.",
            "Ủy ban nhân dân tỉnh tổ chức thi hành Hiến pháp, pháp luật và nghị quyết của Hội đồng nhân dân tỉnh; "
            "quản lý nhà nước trên các lĩnh vực kinh tế - xã hội, quốc phòng, an ninh trên địa bàn tỉnh.",
        ),
        history=p(
            "Tỉnh Cà Mau được tái lập từ ngày 01/01/1997 khi tỉnh Minh Hải được chia thành hai tỉnh Cà Mau và "
            "Bạc Liêu. Theo Nghị quyết số 202/2025/QH15 của Quốc hội, từ ngày 01/7/2025 tỉnh Cà Mau và tỉnh Bạc "
            "Liêu được sắp xếp thành tỉnh Cà Mau; chính quyền địa phương tổ chức theo hai cấp (tỉnh và xã).",
        ),
    )
    structure = publish_child(
        intro,
        OrganisationStructurePage,
        "co-cau-to-chuc",
        title="Cơ cấu tổ chức",
        intro=p("Các cơ quan chuyên môn và đơn vị trực thuộc Ủy ban nhân dân tỉnh Cà Mau."),
    )
    publish_child(
        structure,
        OrganisationUnitPage,
        "van-phong-ubnd-tinh",
        title="Văn phòng Ủy ban nhân dân tỉnh",
        kind="advisory",
        functions=p(
            "Tham mưu tổng hợp, giúp Ủy ban nhân dân tỉnh tổ chức các hoạt động chung; quản lý, vận hành Cổng "
            "Thông tin điện tử tỉnh (Quyết định số 68/2026/QĐ-UBND)."
        ),
        address="Số 2 Hùng Vương, phường An Xuyên, tỉnh Cà Mau",
    )
    for agency in Agency.objects.active().filter(
        kind__in=[Agency.Kind.DEPARTMENT, Agency.Kind.PROVINCIAL_UNIT]
    ):
        publish_child(
            structure,
            OrganisationUnitPage,
            agency.domain_label,
            title=agency.name,
            kind="advisory" if agency.kind == Agency.Kind.DEPARTMENT else "affiliated",
            functions=p(
                f"{agency.name} là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân "
                "tỉnh quản lý nhà nước về ngành, lĩnh vực được giao."
            ),
            address=agency.address,
            phone=agency.phone,
            email=agency.email,
            website=f"https://{agency.hostname}/",
        )
    leaders = publish_child(intro, LeaderIndexPage, "lanh-dao", title="Lãnh đạo tỉnh", intro=p(ILLUSTRATIVE))
    for slug, name, position, duties in (
        (
            "chu-tich",
            "Nguyễn Văn Minh",
            "Chủ tịch Ủy ban nhân dân tỉnh",
            "Lãnh đạo, điều hành chung mọi công việc của Ủy ban nhân dân tỉnh; trực tiếp phụ trách các lĩnh vực "
            "nội vụ, quốc phòng, an ninh, tài chính và quy hoạch.",
        ),
        (
            "pho-chu-tich-kinh-te",
            "Trần Thị Thu Hà",
            "Phó Chủ tịch Ủy ban nhân dân tỉnh",
            "Phụ trách các lĩnh vực kinh tế, đầu tư, xây dựng, giao thông vận tải, công thương, năng lượng.",
        ),
        (
            "pho-chu-tich-van-xa",
            "Lê Hoàng Phúc",
            "Phó Chủ tịch Ủy ban nhân dân tỉnh",
            "Phụ trách các lĩnh vực văn hóa, xã hội, y tế, giáo dục, khoa học và công nghệ, chuyển đổi số.",
        ),
    ):
        publish_child(
            leaders,
            LeaderPage,
            slug,
            title=name,
            position=position,
            biography=p(
                f"{name}, sinh năm 1972, quê quán tỉnh Cà Mau. Trình độ chuyên môn: Thạc sĩ Quản lý công; "
                "lý luận chính trị: Cao cấp.",
                "Trước khi giữ chức vụ hiện nay từng công tác tại các sở, ngành và địa phương trong tỉnh.",
            ),
            duties=p(duties),
            term="2021 – 2026",
        )
    for slug, topic, title, summary, body in (
        (
            "dieu-kien-tu-nhien",
            "natural",
            "Điều kiện tự nhiên",
            "Cà Mau nằm ở cực Nam của Tổ quốc, có ba mặt giáp biển, diện tích tự nhiên khoảng 7.942 km².",
            [
                "Địa hình thấp, bằng phẳng, nhiều sông rạch và rừng ngập mặn ven biển. Khí hậu nhiệt đới gió mùa "
                "với hai mùa rõ rệt: mùa mưa từ tháng 5 đến tháng 11 và mùa khô từ tháng 12 đến tháng 4 năm sau.",
                "Phía Đông và Nam giáp Biển Đông, phía Tây giáp vịnh Thái Lan. Hệ sinh thái rừng đước, rừng tràm "
                "U Minh Hạ và Vườn quốc gia Mũi Cà Mau là những giá trị tự nhiên đặc sắc.",
            ],
        ),
        (
            "lich-su",
            "history",
            "Lịch sử hình thành",
            "Từ vùng đất Long Xuyên xưa đến tỉnh Cà Mau ngày nay.",
            [
                "Tỉnh Cà Mau được tái lập năm 1997 và được sắp xếp cùng tỉnh Bạc Liêu thành tỉnh Cà Mau từ ngày "
                "01/7/2025. Cuộc khởi nghĩa Hòn Khoai năm 1940 là dấu son trong lịch sử đấu tranh cách mạng của "
                "nhân dân Cà Mau."
            ],
        ),
        (
            "van-hoa",
            "culture",
            "Truyền thống văn hóa",
            "Nơi hội tụ văn hóa của các dân tộc Kinh, Khmer, Hoa.",
            [
                "Nghệ thuật Đờn ca tài tử Nam Bộ được UNESCO ghi danh năm 2013; Bạc Liêu là cái nôi của bản Dạ cổ "
                "hoài lang. Lễ hội Nghinh Ông Sông Đốc là di sản văn hóa phi vật thể quốc gia; đồng bào Khmer có lễ "
                "hội Ok Om Bok và đua ghe Ngo."
            ],
        ),
        (
            "di-tich-danh-thang",
            "landmarks",
            "Di tích, danh thắng",
            "Mũi Cà Mau, Hòn Khoai, U Minh Hạ, Nhà Công tử Bạc Liêu, cánh đồng điện gió.",
            [
                "Khu du lịch Mũi Cà Mau với cột mốc tọa độ quốc gia GPS 0001; Khu dự trữ sinh quyển thế giới Mũi "
                "Cà Mau được UNESCO công nhận năm 2009; Vườn quốc gia U Minh Hạ; cụm đảo Hòn Khoai; Nhà Công tử "
                "Bạc Liêu và cánh đồng điện gió ven biển."
            ],
        ),
    ):
        publish_child(
            intro,
            ProvinceTopicPage,
            slug,
            title=title,
            topic=topic,
            summary=summary,
            body=paragraphs(*body),
            location="Tỉnh Cà Mau",
        )
    map_file = demo_pdf(
        portal,
        "Bản đồ hành chính tỉnh Cà Mau (2025)",
        "ban-do-hanh-chinh-ca-mau.pdf",
        [
            "Ban do hanh chinh tinh Ca Mau",
            "64 don vi hanh chinh cap xa: 9 phuong, 55 xa",
            "Hieu luc tu 01/7/2025",
        ],
    )
    publish_child(
        intro,
        AdministrativeMapPage,
        "ban-do-hanh-chinh",
        title="Bản đồ hành chính",
        summary="Tỉnh Cà Mau có diện tích tự nhiên 7.942,39 km² và 64 đơn vị hành chính cấp xã (9 phường, "
        "55 xã) từ ngày 01/7/2025.",
        map_document=map_file,
        effective_date=dt.date(2025, 7, 1),
    )
    publish_child(
        intro,
        ContactDirectoryPage,
        "danh-ba",
        title="Danh bạ cơ quan nhà nước",
        intro=p("Địa chỉ, điện thoại, fax và thư điện tử của các cơ quan nhà nước trên địa bàn tỉnh."),
        scope=ContactDirectoryPage.Scope.ALL,
    )

    # News: categories, attribution, an announcement.
    news = Page.objects.child_of(home).filter(slug="tin-tuc").first()
    news = news.specific if news else _section(home, NewsIndexPage, "tin-tuc", "Tin tức - Sự kiện", menu=True)
    tourism = NewsCategory.objects.get(site=None, slug="du-lich")
    article = publish_child(
        news,
        NewsPage,
        "le-hoi-nghinh-ong-song-doc",
        title="Khai mạc Lễ hội Nghinh Ông Sông Đốc năm 2026",
        date=dt.date(2026, 3, 20),
        event_time=dt.datetime(2026, 3, 20, 7, 0, tzinfo=dt.UTC),
        location="Thị trấn Sông Đốc cũ, tỉnh Cà Mau",
        summary="Lễ hội Nghinh Ông Sông Đốc, di sản văn hóa phi vật thể quốc gia, thu hút hàng chục nghìn "
        "lượt người dân và du khách.",
        author="Minh Anh; Hoàng Nam",
        source="Báo Cà Mau",
        is_reused=True,
        body=paragraphs(
            "Sáng 20/3, lễ rước Ông trên biển diễn ra với sự tham gia của hàng trăm tàu cá. Lễ hội là dịp ngư "
            "dân cầu mong mưa thuận gió hòa, ra khơi bám biển an toàn."
        ),
    )
    article.categories.set([tourism])
    publish(article)
    publish_child(
        news,
        AnnouncementPage,
        "thong-bao-lay-y-kien-du-thao",
        title="Thông báo lấy ý kiến dự thảo Quy chế quản lý Cổng Thông tin điện tử",
        date=dt.date(2026, 4, 1),
        valid_until=dt.date(2026, 4, 30),
        summary="Văn phòng UBND tỉnh đề nghị các cơ quan, đơn vị góp ý dự thảo trước ngày 30/4/2026.",
    )

    # Direction, operating information and the leaders' weekly schedule.
    direction = _section(
        home,
        DirectionIndexPage,
        "chi-dao-dieu-hanh",
        "Chỉ đạo điều hành",
        menu=True,
        intro="Văn bản chỉ đạo, trả lời kiến nghị, khen thưởng, lịch làm việc của lãnh đạo tỉnh.",
    )
    for slug, kind, title, summary, number in (
        (
            "phong-chong-han-man",
            "direction",
            "Chỉ đạo chủ động phòng, chống hạn hán, xâm nhập mặn mùa khô 2025–2026",
            "Chủ tịch UBND tỉnh yêu cầu các sở, ngành, địa phương chủ động trữ nước ngọt, bảo vệ sản xuất.",
            "03/CT-UBND",
        ),
        (
            "tra-loi-kien-nghi-cu-tri",
            "petition",
            "Trả lời kiến nghị của cử tri về nâng cấp đường giao thông nông thôn",
            "UBND tỉnh trả lời kiến nghị của cử tri sau kỳ họp thứ 5 Hội đồng nhân dân tỉnh.",
            "125/UBND-XD",
        ),
        (
            "khen-thuong-doanh-nghiep",
            "reward",
            "Tặng Bằng khen cho doanh nghiệp có thành tích xuất khẩu thủy sản",
            "Khen thưởng các doanh nghiệp có thành tích xuất sắc trong xuất khẩu tôm năm 2025.",
            "210/QĐ-UBND",
        ),
    ):
        publish_child(
            direction,
            DirectionPage,
            slug,
            title=title,
            kind=kind,
            date=dt.date(2026, 3, 5),
            summary=summary,
            document_number=number,
            document_date=dt.date(2026, 3, 4),
            signer="Chủ tịch UBND tỉnh",
        )
    load_schedule(
        direction, ["Chủ tịch Nguyễn Văn Minh", "Phó Chủ tịch Trần Thị Thu Hà", "Phó Chủ tịch Lê Hoàng Phúc"]
    )

    # Plans, projects, budget, statistics.
    plans = _section(
        home,
        PlanIndexPage,
        "quy-hoach-ke-hoach",
        "Quy hoạch, kế hoạch",
        intro="Chiến lược, quy hoạch, kế hoạch phát triển kinh tế - xã hội của tỉnh.",
    )
    publish_child(
        plans,
        PlanPage,
        "quy-hoach-tinh-2021-2030",
        title="Quy hoạch tỉnh Cà Mau thời kỳ 2021–2030, tầm nhìn đến năm 2050",
        kind="master_plan",
        level="provincial",
        sector=Sector.objects.get(slug="ke-hoach-dau-tu"),
        status="implementing",
        summary="Quy hoạch định hướng phát triển kinh tế biển, năng lượng tái tạo, nuôi trồng thủy sản "
        "và du lịch sinh thái.",
        decision_number="1386/QĐ-TTg",
        approval_date=dt.date(2023, 11, 17),
        approving_authority="Thủ tướng Chính phủ",
        period_start=2021,
        period_end=2030,
    )
    plan_data = demo_document(
        portal,
        "Kế hoạch phát triển kinh tế - xã hội năm 2026 - chỉ tiêu",
        "ke-hoach-2026.csv",
        "chi_tieu,don_vi,ke_hoach_2026\nTăng trưởng GRDP,%,8\nThu ngân sách nhà nước,tỷ đồng,10000\n",
    )
    publish_child(
        plans,
        PlanPage,
        "ke-hoach-ktxh-2026",
        title="Kế hoạch phát triển kinh tế - xã hội năm 2026",
        kind="development_plan",
        level="provincial",
        sector=Sector.objects.get(slug="ke-hoach-dau-tu"),
        status="implementing",
        summary="Các chỉ tiêu chủ yếu về kinh tế, xã hội, môi trường năm 2026.",
        decision_number="30/NQ-HĐND",
        approval_date=dt.date(2025, 12, 10),
        approving_authority="Hội đồng nhân dân tỉnh",
        period_start=2026,
        period_end=2026,
        attachments=attachment(plan_data, "data"),
    )

    projects = _section(
        home,
        ProjectIndexPage,
        "du-an-dau-tu",
        "Dự án đầu tư, đấu thầu, mua sắm công",
        intro="Danh mục dự án đang chuẩn bị đầu tư, đang triển khai và đã hoàn tất.",
    )
    for slug, fields in (
        (
            "duong-ho-chi-minh-nam-can-dat-mui",
            {
                "title": "Đường Hồ Chí Minh đoạn Năm Căn – Đất Mũi",
                "category": "investment",
                "main_objective": "Hoàn thành tuyến đường Hồ Chí Minh đến Mũi Cà Mau, kết nối giao thông và phát triển du lịch.",
                "sector": "giao-thong-van-tai",
                "project_type": "national",
                "start_date": dt.date(2022, 1, 1),
                "end_date": dt.date(2026, 12, 31),
                "total_budget": Decimal("2900000000000"),
                "funding_source": "Ngân sách trung ương",
                "funding_type": "state_budget",
                "status": "under_way",
                "investor": "Bộ Xây dựng",
                "location": "Huyện Năm Căn, Ngọc Hiển cũ",
            },
        ),
        (
            "dien-gio-ngoai-khoi",
            {
                "title": "Dự án điện gió ven biển khu vực Đông Hải",
                "category": "calling",
                "main_objective": "Kêu gọi đầu tư điện gió ven biển theo Quy hoạch điện VIII.",
                "sector": "nang-luong",
                "project_type": "ppp",
                "start_date": dt.date(2026, 6, 1),
                "end_date": dt.date(2030, 12, 31),
                "total_budget": Decimal("8500000000000"),
                "funding_source": "Vốn nhà đầu tư",
                "funding_type": "private",
                "status": "preparing",
                "location": "Ven biển phía Đông tỉnh Cà Mau",
            },
        ),
        (
            "mua-sam-thiet-bi-y-te",
            {
                "title": "Gói thầu mua sắm trang thiết bị y tế cho trạm y tế xã",
                "category": "procurement",
                "main_objective": "Trang bị thiết bị khám chữa bệnh ban đầu cho trạm y tế các xã.",
                "sector": "y-te",
                "project_type": "goods",
                "start_date": dt.date(2025, 3, 1),
                "end_date": dt.date(2025, 10, 31),
                "total_budget": Decimal("18500000000"),
                "funding_source": "Ngân sách tỉnh",
                "funding_type": "state_budget",
                "status": "completed",
                "investor": "Sở Y tế tỉnh Cà Mau",
            },
        ),
    ):
        fields["sector"] = Sector.objects.get(slug=fields["sector"])
        publish_child(projects, ProjectPage, slug, **fields)

    budgets = _section(home, BudgetIndexPage, "ngan-sach", "Công khai ngân sách")
    estimate = demo_document(
        portal,
        "Dự toán ngân sách tỉnh năm 2026 - biểu tổng hợp",
        "du-toan-2026.csv",
        "noi_dung,du_toan_trieu_dong\nTổng thu ngân sách nhà nước trên địa bàn,10000000\n"
        "Tổng chi ngân sách địa phương,21000000\n",
    )
    publish_child(
        budgets,
        BudgetDisclosurePage,
        "du-toan-2026",
        title="Công khai dự toán ngân sách nhà nước năm 2026",
        kind="estimate",
        fiscal_year=2026,
        resolution_number="32/NQ-HĐND",
        resolution_date=dt.date(2025, 12, 10),
        approving_authority="Hội đồng nhân dân tỉnh Cà Mau",
        total_revenue=Decimal("10000000000000"),
        total_expenditure=Decimal("21000000000000"),
        summary="Số liệu dự toán thu, chi ngân sách địa phương năm 2026 đã được HĐND tỉnh quyết định.",
        attachments=attachment(estimate, "data"),
    )

    stats = _section(home, StatisticsIndexPage, "thong-ke", "Thông tin thống kê")
    data = demo_document(
        portal,
        "Số liệu kinh tế - xã hội quý I/2026",
        "ktxh-quy-1-2026.csv",
        "chi_tieu,don_vi,quy_I_2026\nSản lượng thủy sản,tấn,150000\nKhách du lịch,lượt người,1200000\n",
    )
    publish_child(
        stats,
        StatisticsReportPage,
        "ktxh-quy-1-2026",
        title="Tình hình kinh tế - xã hội quý I năm 2026",
        period_type="quarter",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        sector=Sector.objects.get(slug="ke-hoach-dau-tu"),
        publishing_agency="Thống kê tỉnh Cà Mau",
        publication_date=dt.date(2026, 4, 6),
        summary="Sản xuất thủy sản, du lịch và thu ngân sách quý I tiếp tục tăng so với cùng kỳ.",
        methodology=p("Số liệu tổng hợp từ báo cáo thống kê cơ sở và điều tra chọn mẫu theo Luật Thống kê."),
        analysis=p("Khu vực nông, lâm nghiệp và thủy sản giữ vai trò trụ cột; du lịch phục hồi mạnh."),
        data_files=attachment(data, "data"),
    )

    dissemination = _section(
        home, DisseminationIndexPage, "pho-bien-phap-luat", "Phổ biến, giáo dục pháp luật"
    )
    publish_child(
        dissemination,
        LegalDisseminationPage,
        "luat-tiep-can-thong-tin",
        title="Quyền tiếp cận thông tin của công dân theo Luật Tiếp cận thông tin",
        date=dt.date(2026, 2, 10),
        sector=Sector.objects.get(slug="ke-hoach-dau-tu"),
        law_issue_date=dt.date(2016, 4, 6),
        summary="Công dân được tiếp cận thông tin của cơ quan nhà nước bằng cách tự do tiếp cận hoặc yêu cầu "
        "cung cấp thông tin.",
        related_documents=[
            ("document", {"page": None, "reference": "Luật Tiếp cận thông tin số 104/2016/QH13", "url": ""})
        ],
        body=paragraphs(
            "Luật quy định các thông tin phải được công khai rộng rãi trên cổng thông tin điện tử, trong đó có "
            "văn bản quy phạm pháp luật, chiến lược, quy hoạch, dự án đầu tư và ngân sách."
        ),
    )
    services = _section(home, PublicServiceIndexPage, "dich-vu-cong-ich", "Dịch vụ công ích")
    publish_child(
        services,
        PublicServicePage,
        "benh-vien-da-khoa-tinh",
        title="Bệnh viện Đa khoa tỉnh Cà Mau",
        kind="health",
        provider="Sở Y tế",
        summary="Khám, chữa bệnh đa khoa tuyến tỉnh; cấp cứu 24/24 giờ.",
        address="Phường Tân Thành, tỉnh Cà Mau",
        opening_hours="Cấp cứu 24/24; khám bệnh 7:00–17:00",
    )
    publish_child(
        services,
        PublicServicePage,
        "cap-nuoc-sinh-hoat",
        title="Cấp nước sinh hoạt đô thị",
        kind="utilities",
        provider="Công ty Cổ phần Cấp nước Cà Mau",
        summary="Đăng ký lắp đặt, thanh toán tiền nước, báo sự cố đường ống.",
    )
    publish_child(
        home,
        GazetteLinkPage,
        "cong-bao",
        title="Công báo tỉnh",
        gazette_url="https://congbao.camau.gov.vn/",
        intro="Công báo điện tử tỉnh Cà Mau.",
        show_in_menus=False,
    )


def load_schedule(parent: Page, leaders: list[str]) -> None:
    """This week's and last week's schedule, so the demo always shows a current week."""
    schedules = publish_child(
        parent, WorkScheduleIndexPage, "lich-lam-viec", title="Lịch làm việc của lãnh đạo"
    )
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    for week_start in (monday - dt.timedelta(days=7), monday):
        number = week_start.isocalendar().week
        entries = [
            ScheduleEntry(
                date=week_start,
                start_time=dt.time(7, 30),
                leader=leaders[0],
                content="Họp giao ban lãnh đạo Ủy ban nhân dân",
                venue="Phòng họp A",
            ),
            ScheduleEntry(
                date=week_start + dt.timedelta(days=1),
                start_time=dt.time(8, 0),
                leader=leaders[-1],
                content="Làm việc với các đơn vị về chuyển đổi số",
                venue="Hội trường",
                participants="Các sở, ngành liên quan",
            ),
            ScheduleEntry(
                date=week_start + dt.timedelta(days=3),
                start_time=dt.time(14, 0),
                leader=leaders[min(1, len(leaders) - 1)],
                content="Kiểm tra công trình kè chống sạt lở",
                venue="Bờ biển Tây",
            ),
        ]
        publish_child(
            schedules,
            WorkSchedulePage,
            f"tuan-{number}-{week_start.year}",
            title=f"Lịch làm việc tuần {number} năm {week_start.year}",
            week_start=week_start,
            entries=entries,
        )


# --- component sites ---------------------------------------------------------------------------------


def load_department(agency: Agency) -> None:
    home = agency.site.root_page.specific
    intro = _intro_root(home)
    publish_child(
        intro,
        AgencyProfilePage,
        "chuc-nang-nhiem-vu",
        title="Chức năng, nhiệm vụ",
        functions=p(
            "Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban "
            "nhân dân tỉnh quản lý nhà nước về khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, bưu chính, "
            "viễn thông, công nghệ thông tin, tiêu chuẩn, đo lường, chất lượng."
        ),
        history=p(
            "Sở được tổ chức lại năm 2025 trên cơ sở hợp nhất Sở Khoa học và Công nghệ và Sở Thông tin "
            "và Truyền thông."
        ),
    )
    structure = publish_child(intro, OrganisationStructurePage, "co-cau-to-chuc", title="Cơ cấu tổ chức")
    for slug, title, functions in (
        ("van-phong-so", "Văn phòng Sở", "Tham mưu tổng hợp, tổ chức cán bộ, hành chính, tài chính."),
        (
            "phong-quan-ly-khoa-hoc",
            "Phòng Quản lý khoa học",
            "Quản lý nhiệm vụ khoa học và công nghệ các cấp.",
        ),
        (
            "phong-chuyen-doi-so",
            "Phòng Chuyển đổi số",
            "Quản lý công nghệ thông tin, chuyển đổi số, an toàn thông tin.",
        ),
    ):
        publish_child(
            structure, OrganisationUnitPage, slug, title=title, kind="advisory", functions=p(functions)
        )
    for sub in Agency.objects.active().filter(parent=agency):
        publish_child(
            structure,
            OrganisationUnitPage,
            sub.domain_label,
            title=sub.name,
            kind="public_service",
            functions=p(f"{sub.name} là đơn vị sự nghiệp trực thuộc Sở."),
            website=f"https://{sub.hostname}/",
        )
    leaders = publish_child(intro, LeaderIndexPage, "lanh-dao", title="Lãnh đạo Sở", intro=p(ILLUSTRATIVE))
    publish_child(
        leaders,
        LeaderPage,
        "giam-doc",
        title="Phạm Quốc Thắng",
        position="Giám đốc Sở",
        biography=p("Sinh năm 1975; Tiến sĩ Công nghệ thông tin."),
        duties=p("Phụ trách chung; tổ chức cán bộ; tài chính; chuyển đổi số."),
    )
    publish_child(
        leaders,
        LeaderPage,
        "pho-giam-doc",
        title="Đặng Thị Mỹ Linh",
        position="Phó Giám đốc Sở",
        biography=p("Sinh năm 1980; Thạc sĩ Nuôi trồng thủy sản."),
        duties=p("Phụ trách quản lý khoa học, sở hữu trí tuệ, tiêu chuẩn đo lường chất lượng."),
    )
    publish_child(
        intro, ContactDirectoryPage, "danh-ba", title="Danh bạ", scope=ContactDirectoryPage.Scope.OWN
    )

    science = _section(home, ScienceIndexPage, "de-tai-khoa-hoc", "Chương trình, đề tài khoa học", menu=True)
    sector = Sector.objects.get(slug="khoa-hoc-cong-nghe")
    report = demo_document(
        agency,
        "Báo cáo tổng hợp đề tài tôm - rừng",
        "bao-cao-tom-rung.csv",
        "chi_tieu,gia_tri\nNăng suất tôm sú (kg/ha/năm),450\nDiện tích thử nghiệm (ha),120\n",
    )
    publish_child(
        science,
        ScienceProgrammePage,
        "tom-rung-sinh-thai",
        title="Nghiên cứu mô hình nuôi tôm sinh thái dưới tán rừng ngập mặn đạt chứng nhận quốc tế",
        code="ĐTKH.CM.01-2024",
        management_level="provincial",
        sector=sector,
        host_organisation="Trường Đại học Cần Thơ",
        lead_researcher="PGS.TS. Nguyễn Thanh Tùng",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 12, 31),
        total_budget=Decimal("1850000000"),
        status="accepted",
        rating="good",
        acceptance_date=dt.date(2026, 2, 26),
        summary="Xây dựng quy trình nuôi tôm - rừng đạt chứng nhận hữu cơ, nâng cao thu nhập cho hộ nuôi.",
        results=p("Quy trình được Hội đồng khoa học nghiệm thu, xếp loại Khá."),
        result_files=attachment(report, "report"),
    )
    publish_child(
        science,
        ScienceProgrammePage,
        "ung-dung-ai-du-bao-man",
        title="Ứng dụng trí tuệ nhân tạo dự báo xâm nhập mặn phục vụ sản xuất nông nghiệp",
        code="ĐTKH.CM.03-2025",
        management_level="provincial",
        sector=sector,
        host_organisation="Trung tâm Công nghệ thông tin và Truyền thông",
        lead_researcher="ThS. Võ Minh Khoa",
        start_date=dt.date(2025, 6, 1),
        end_date=dt.date(2027, 5, 31),
        total_budget=Decimal("2400000000"),
        status="under_way",
        summary="Xây dựng mô hình dự báo độ mặn 7 ngày trên các sông chính của tỉnh.",
    )
    news = _section(home, NewsIndexPage, "tin-tuc", "Tin tức - Sự kiện", menu=True)
    publish_child(
        news,
        NewsPage,
        "nghiem-thu-de-tai-tom-rung",
        title="Nghiệm thu đề tài nuôi tôm sinh thái dưới tán rừng",
        date=dt.date(2026, 2, 26),
        summary="Hội đồng khoa học tỉnh nghiệm thu đề tài, xếp loại Khá.",
        author="Phòng Quản lý khoa học",
        source="Sở Khoa học và Công nghệ",
    )


def load_ward(agency: Agency) -> None:
    home = agency.site.root_page.specific
    intro = _intro_root(home)
    publish_child(
        intro,
        AgencyProfilePage,
        "chuc-nang-nhiem-vu",
        title="Chức năng, nhiệm vụ",
        functions=p(
            "Ủy ban nhân dân phường là cơ quan hành chính nhà nước ở địa phương, tổ chức thi hành "
            "pháp luật và quản lý nhà nước trên địa bàn phường."
        ),
    )
    leaders = publish_child(
        intro, LeaderIndexPage, "lanh-dao", title="Lãnh đạo phường", intro=p(ILLUSTRATIVE)
    )
    publish_child(
        leaders,
        LeaderPage,
        "chu-tich",
        title="Huỳnh Văn Tài",
        position="Chủ tịch UBND phường",
        biography=p("Sinh năm 1978; Cử nhân Luật."),
        duties=p("Phụ trách chung, quốc phòng, an ninh, nội vụ."),
    )
    publish_child(
        intro,
        ProvinceTopicPage,
        "dieu-kien-tu-nhien",
        title="Điều kiện tự nhiên",
        topic="natural",
        summary="Phường An Xuyên nằm ở trung tâm tỉnh Cà Mau.",
        body=paragraphs("Địa bàn có nhiều kênh rạch, là trung tâm hành chính, thương mại của tỉnh."),
    )
    direction = _section(home, DirectionIndexPage, "chi-dao-dieu-hanh", "Chỉ đạo điều hành", menu=True)
    load_schedule(direction, ["Chủ tịch Huỳnh Văn Tài", "Phó Chủ tịch Lâm Thị Ngọc"])
    dissemination = _section(home, DisseminationIndexPage, "pho-bien-phap-luat", "Phổ biến pháp luật")
    publish_child(
        dissemination,
        LegalDisseminationPage,
        "luat-dat-dai-2024",
        title="Những điểm mới của Luật Đất đai năm 2024",
        date=dt.date(2026, 1, 15),
        sector=Sector.objects.get(slug="dat-dai"),
        law_issue_date=dt.date(2024, 1, 18),
        summary="Tuyên truyền các quy định mới về cấp giấy chứng nhận quyền sử dụng đất.",
        related_documents=[
            ("document", {"page": None, "reference": "Luật Đất đai số 31/2024/QH15", "url": ""})
        ],
        body=paragraphs("Luật Đất đai năm 2024 có hiệu lực từ ngày 01/8/2024."),
    )
    services = _section(home, PublicServiceIndexPage, "dich-vu-cong-ich", "Dịch vụ công ích")
    publish_child(
        services,
        PublicServicePage,
        "tram-y-te-phuong",
        title="Trạm Y tế phường An Xuyên",
        kind="health",
        provider="Trung tâm Y tế khu vực",
        summary="Tiêm chủng mở rộng, khám chữa bệnh ban đầu.",
        opening_hours="7:00–17:00 các ngày làm việc",
    )
