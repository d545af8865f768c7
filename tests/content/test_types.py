"""Each information item (R18–R37) can be created and renders its key fields on its site."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cms.models import (
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
    StatisticsIndexPage,
    StatisticsReportPage,
    WorkScheduleIndexPage,
    WorkSchedulePage,
)
from cms.models.direction import ScheduleEntry
from cms.models.introduction import AdministrativeArea
from sites.models import Agency

from .conftest import attachment, get, publish

HOST = "camau.localhost"


def html_of(page) -> str:
    response = get(HOST, page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_introduction_pages(home, image, document, make_agency):
    make_agency(
        "Sở Khoa học và Công nghệ",
        "sokhcn",
        Agency.Kind.DEPARTMENT,
        phone="0290 3831 264",
        fax="0290 3831 265",
    )
    profile = publish(
        home,
        AgencyProfilePage(
            title="Giới thiệu chung",
            slug="gioi-thieu-chung",
            functions="<p>Cơ quan hành chính nhà nước ở địa phương.</p>",
            history="<p>Tỉnh Cà Mau được tái lập năm 1997.</p>",
            org_chart=image,
        ),
    )
    structure = publish(
        profile, OrganisationStructurePage(title="Cơ cấu tổ chức", slug="co-cau", org_chart=image)
    )
    office = publish(
        structure,
        OrganisationUnitPage(
            title="Văn phòng UBND tỉnh",
            slug="van-phong",
            functions="<p>Tham mưu tổng hợp.</p>",
            head_name="Lê Văn B",
        ),
    )
    publish(
        office, OrganisationUnitPage(title="Phòng Kinh tế", slug="phong-kinh-te", functions="<p>Kinh tế.</p>")
    )
    leaders = publish(profile, LeaderIndexPage(title="Lãnh đạo tỉnh", slug="lanh-dao"))
    leader = publish(
        leaders,
        LeaderPage(
            title="Nguyễn Văn An",
            slug="nguyen-van-an",
            position="Chủ tịch UBND tỉnh",
            photo=image,
            biography="<p>Sinh năm 1970 tại Cà Mau.</p>",
            duties="<p>Lãnh đạo, điều hành chung.</p>",
        ),
    )
    topic = publish(
        profile,
        ProvinceTopicPage(
            title="Điều kiện tự nhiên",
            slug="dieu-kien-tu-nhien",
            topic="natural",
            location="Mũi Cà Mau",
            body=[("paragraph", "<p>Ba mặt giáp biển.</p>")],
        ),
    )
    map_page = AdministrativeMapPage(title="Bản đồ hành chính", slug="ban-do", map_document=document)
    map_page.areas = [
        AdministrativeArea(name="Phường An Xuyên", natural_area_km2=Decimal("39.45")),
        AdministrativeArea(name="Xã Đất Mũi", natural_area_km2=Decimal("145.20")),
    ]
    map_page = publish(profile, map_page)
    contacts = publish(profile, ContactDirectoryPage(title="Danh bạ", slug="danh-ba"))

    html = html_of(profile)
    assert "Cơ quan hành chính nhà nước" in html and "tái lập năm 1997" in html and "Nguyễn Văn An" in html
    html = html_of(structure)
    assert "Văn phòng UBND tỉnh" in html and "Phòng Kinh tế" in html
    assert html.index("Văn phòng UBND tỉnh") < html.index("Phòng Kinh tế")
    assert "Tham mưu tổng hợp" in html_of(office)
    html = html_of(leader)
    assert "Chủ tịch UBND tỉnh" in html and "Sinh năm 1970" in html and "Lãnh đạo, điều hành chung" in html
    assert "<img" in html
    assert "Nguyễn Văn An" in html_of(leaders)
    assert "Ba mặt giáp biển" in html_of(topic)
    html = html_of(map_page)
    assert "Xã Đất Mũi" in html and "145,20" in html and "184,65" in html and document.url in html
    html = html_of(contacts)
    assert "Sở Khoa học và Công nghệ" in html and "0290 3831 265" in html and "ubnd@camau.gov.vn" in html


def test_news_announcement_direction_and_schedule(home, image, document):
    news_index = publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    category = NewsCategory.objects.create(name="Kinh tế", slug="kinh-te")
    other = publish(news_index, NewsPage(title="Tin liên quan", slug="lien-quan", date=dt.date(2026, 5, 1)))
    news = NewsPage(
        title="Khai mạc Lễ hội Nghinh Ông",
        slug="nghinh-ong",
        date=dt.date(2026, 5, 20),
        summary="Sáng nay lễ hội khai mạc.",
        author="Minh Anh; Hoàng Nam",
        source="Báo Cà Mau",
        source_url="https://baocamau.vn/",
        featured_image=image,
        image_caption="Lễ nghinh Ông trên biển",
        image_author="Hữu Nghĩa",
        location="Sông Đốc",
    )
    from cms.models import NewsPageRelatedLink

    news.related_links = [NewsPageRelatedLink(target=other)]
    news = publish(news_index, news)
    news.categories.add(category)
    news.save_revision().publish()
    announcement = publish(
        news_index,
        AnnouncementPage(
            title="Thông báo tuyển dụng viên chức",
            slug="tuyen-dung",
            date=dt.date(2026, 6, 1),
            valid_until=dt.date(2026, 6, 30),
            attachments=attachment(document),
        ),
    )
    html = html_of(news)
    for text in (
        "Lễ nghinh Ông trên biển",
        "Hữu Nghĩa",
        "Minh Anh; Hoàng Nam",
        "Báo Cà Mau",
        "Kinh tế",
        "Tin liên quan",
    ):
        assert text in html
    assert "<img" in html
    html = html_of(news_index)
    assert "Khai mạc Lễ hội Nghinh Ông" in html and "Thông báo tuyển dụng viên chức" in html
    filtered = get(HOST, news_index.url, category="kinh-te").content.decode()
    assert "Khai mạc Lễ hội Nghinh Ông" in filtered and "Tin liên quan" not in filtered
    assert "30/06/2026" in html_of(announcement)

    directions = publish(home, DirectionIndexPage(title="Chỉ đạo điều hành", slug="chi-dao"))
    direction = publish(
        directions,
        DirectionPage(
            title="Chỉ thị về phòng chống hạn mặn",
            slug="han-man",
            kind="direction",
            date=dt.date(2026, 3, 2),
            summary="Chủ động ứng phó hạn mặn mùa khô.",
            document_number="05/CT-UBND",
            signer="Chủ tịch UBND tỉnh",
        ),
    )
    reward = publish(
        directions,
        DirectionPage(
            title="Khen thưởng doanh nghiệp",
            slug="khen-thuong",
            kind="reward",
            date=dt.date(2026, 4, 1),
            summary="Khen thưởng.",
        ),
    )
    assert "05/CT-UBND" in html_of(direction)
    listing = get(HOST, directions.url, kind="reward").content.decode()
    assert reward.title in listing and direction.title not in listing

    schedules = publish(directions, WorkScheduleIndexPage(title="Lịch làm việc", slug="lich-lam-viec"))
    week = WorkSchedulePage(title="Lịch làm việc tuần 23", slug="tuan-23", week_start=dt.date(2026, 6, 1))
    week.entries = [
        ScheduleEntry(
            date=dt.date(2026, 6, 1),
            start_time=dt.time(7, 30),
            leader="Chủ tịch Nguyễn Văn An",
            content="Họp giao ban",
            venue="Phòng họp số 1",
        ),
        ScheduleEntry(
            date=dt.date(2026, 6, 3),
            start_time=dt.time(14, 0),
            leader="Phó Chủ tịch Trần Thị Bình",
            content="Kiểm tra đê biển Tây",
            venue="Xã Khánh Bình",
        ),
    ]
    week = publish(schedules, week)
    html = html_of(week)
    assert "Họp giao ban" in html and "Phòng họp số 1" in html and "07:30" in html and "03/06/2026" in html
    one = get(HOST, week.url, leader="Phó Chủ tịch Trần Thị Bình").content.decode()
    assert "Kiểm tra đê biển Tây" in one and "Họp giao ban" not in one
    assert week.title in html_of(schedules)
    assert "print-view" in get(HOST, week.url, print="1").content.decode()


def test_plans_projects_budget(home, sector, document):
    plans = publish(home, PlanIndexPage(title="Quy hoạch, kế hoạch", slug="quy-hoach"))
    plan = publish(
        plans,
        PlanPage(
            title="Quy hoạch tỉnh Cà Mau thời kỳ 2021–2030",
            slug="quy-hoach-tinh",
            kind="master_plan",
            summary="Tầm nhìn đến năm 2050.",
            decision_number="1386/QĐ-TTg",
            approval_date=dt.date(2023, 11, 17),
            period_start=2021,
            period_end=2030,
            attachments=attachment(document, "decision"),
        ),
    )
    html = html_of(plan)
    assert "1386/QĐ-TTg" in html and "2021–2030" in html and document.url in html
    assert plan.title in get(HOST, plans.url, kind="master_plan", year="2023").content.decode()
    assert plan.title not in get(HOST, plans.url, kind="waste").content.decode()

    projects = publish(home, ProjectIndexPage(title="Dự án", slug="du-an"))
    project = publish(
        projects,
        ProjectPage(
            title="Dự án đường ven biển",
            slug="duong-ven-bien",
            category="investment",
            main_objective="Kết nối các huyện ven biển",
            sector=sector,
            project_type="group_a",
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2027, 12, 31),
            total_budget=Decimal("3500000000000"),
            currency="VND",
            funding_source="Ngân sách trung ương",
            status="under_way",
        ),
    )
    html = html_of(project)
    assert (
        "Kết nối các huyện ven biển" in html
        and "3.500.000.000.000 VND" in html
        and "Ngân sách trung ương" in html
    )
    assert "01/01/2024 – 31/12/2027" in html
    assert project.title in get(HOST, projects.url, status="under_way").content.decode()
    assert project.title not in get(HOST, projects.url, status="completed").content.decode()

    budgets = publish(home, BudgetIndexPage(title="Ngân sách", slug="ngan-sach"))
    budget = publish(
        budgets,
        BudgetDisclosurePage(
            title="Công khai dự toán ngân sách năm 2026",
            slug="du-toan-2026",
            kind="estimate",
            fiscal_year=2026,
            resolution_number="25/NQ-HĐND",
            resolution_date=dt.date(2025, 12, 10),
            approving_authority="HĐND tỉnh Cà Mau",
            summary="Số liệu dự toán.",
            attachments=attachment(document, "data"),
        ),
    )
    assert "25/NQ-HĐND" in html_of(budget)
    assert budget.title in get(HOST, budgets.url, fiscal_year="2026").content.decode()


def test_statistics_science_dissemination_services_gazette(home, sector, document):
    stats = publish(home, StatisticsIndexPage(title="Thống kê", slug="thong-ke"))
    report = publish(
        stats,
        StatisticsReportPage(
            title="Tình hình kinh tế - xã hội quý I/2026",
            slug="quy-1-2026",
            period_type="quarter",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
            summary="GRDP tăng 7,2%.",
            methodology="<p>Phương pháp chọn mẫu.</p>",
            analysis="<p>Phân tích tăng trưởng.</p>",
            data_files=attachment(document, "data"),
        ),
    )
    html = html_of(report)
    assert "Phương pháp chọn mẫu" in html and "Phân tích tăng trưởng" in html and "31/03/2026" in html
    assert document.url in html

    science = publish(home, ScienceIndexPage(title="Khoa học", slug="khoa-hoc"))
    programme = publish(
        science,
        ScienceProgrammePage(
            title="Nghiên cứu nuôi tôm sinh thái",
            slug="tom-sinh-thai",
            code="ĐTKH-01/2025",
            management_level="provincial",
            sector=sector,
            host_organisation="Trường Đại học Bạc Liêu",
            lead_researcher="TS. Lê Văn C",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 12, 31),
            total_budget=Decimal("1250000000"),
            summary="Mô hình tôm - rừng.",
            acceptance_date=dt.date(2026, 5, 1),
            rating="good",
            result_files=attachment(document, "report"),
        ),
    )
    html = html_of(programme)
    assert "ĐTKH-01/2025" in html and "TS. Lê Văn C" in html and "Trường Đại học Bạc Liêu" in html
    assert programme.title in get(HOST, science.url, management_level="provincial").content.decode()

    dissemination = publish(home, DisseminationIndexPage(title="Phổ biến pháp luật", slug="pho-bien"))
    article = publish(
        dissemination,
        LegalDisseminationPage(
            title="Hướng dẫn Luật Đất đai 2024",
            slug="luat-dat-dai",
            date=dt.date(2026, 2, 1),
            summary="Những điểm mới.",
            law_issue_date=dt.date(2024, 1, 18),
            related_documents=[
                ("document", {"page": None, "reference": "Luật Đất đai số 31/2024/QH15", "url": ""})
            ],
            body=[("paragraph", "<p>Người dân được cấp sổ đỏ.</p>")],
        ),
    )
    html = html_of(article)
    assert "Luật Đất đai số 31/2024/QH15" in html and "Người dân được cấp sổ đỏ" in html

    services = publish(home, PublicServiceIndexPage(title="Dịch vụ công ích", slug="dich-vu-cong-ich"))
    service = publish(
        services,
        PublicServicePage(
            title="Bệnh viện Đa khoa Cà Mau",
            slug="benh-vien",
            kind="health",
            provider="Sở Y tế",
            summary="Khám chữa bệnh.",
            phone="0290 3831 015",
        ),
    )
    assert "0290 3831 015" in html_of(service)

    gazette = publish(
        home, GazetteLinkPage(title="Công báo", slug="cong-bao", gazette_url="https://congbao.camau.gov.vn/")
    )
    response = get(HOST, gazette.url)
    assert response.status_code == 302 and response["Location"] == "https://congbao.camau.gov.vn/"
