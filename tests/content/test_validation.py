"""Admin forms refuse bad input with a clear message, through the page editor and the form API.

Messages are checked in Vietnamese, the editors' default language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    LeaderIndexPage,
    LeaderPage,
    NewsIndexPage,
    NewsPage,
    PlanIndexPage,
    PlanPage,
    ProjectIndexPage,
    ProjectPage,
    ScienceIndexPage,
    ScienceProgrammePage,
    StatisticsIndexPage,
    StatisticsReportPage,
    WorkScheduleIndexPage,
    WorkSchedulePage,
)
from tests.conftest import login_admin

from .conftest import publish


def project_data(sector, **overrides) -> dict:
    data = {
        "title": "Dự án kè chống sạt lở",
        "slug": "ke-chong-sat-lo",
        "category": "investment",
        "main_objective": "Bảo vệ bờ biển Tây",
        "sector": sector.pk,
        "project_type": "group_b",
        "start_date": "2026-01-01",
        "end_date": "2027-06-30",
        "total_budget": "150000000000",
        "currency": "VND",
        "funding_source": "Ngân sách tỉnh",
        "funding_type": "",
        "donor": "",
        "status": "preparing",
        "body": streamfield([]),
        "attachments": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(model, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


def form_for(model, parent, data):
    form_class = model.get_edit_handler().get_form_class()
    return form_class(data, instance=model(), parent_page=parent, for_user=None)


@pytest.fixture
def editor_client(client, superuser):
    login_admin(client, superuser)
    return client


def test_negative_budget_is_refused_in_the_page_editor(editor_client, home, sector):
    projects = publish(home, ProjectIndexPage(title="Dự án", slug="du-an"))
    response = editor_client.post(add_url(ProjectPage, projects), project_data(sector, total_budget="-5"))
    assert response.status_code == 200
    assert "Số tiền không được là số âm." in response.content.decode()
    assert not ProjectPage.objects.exists()

    response = editor_client.post(add_url(ProjectPage, projects), project_data(sector))
    assert response.status_code == 302
    assert ProjectPage.objects.get().total_budget == 150000000000


def test_project_end_before_start_is_refused(editor_client, home, sector):
    projects = publish(home, ProjectIndexPage(title="Dự án", slug="du-an"))
    response = editor_client.post(
        add_url(ProjectPage, projects), project_data(sector, start_date="2026-06-01", end_date="2026-01-01")
    )
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not ProjectPage.objects.exists()


def test_project_requires_the_mandatory_fields(home, sector):
    projects = publish(home, ProjectIndexPage(title="Dự án", slug="du-an"))
    form = form_for(
        ProjectPage, projects, project_data(sector, main_objective="", funding_source="", status="")
    )
    assert not form.is_valid()
    assert {"main_objective", "funding_source", "status"} <= set(form.errors)


def test_science_budget_and_results_rules(home, sector, document):
    science = publish(home, ScienceIndexPage(title="Khoa học", slug="khoa-hoc"))
    data = {
        "title": "Đề tài lúa - tôm",
        "slug": "lua-tom",
        "code": "ĐT-02",
        "management_level": "provincial",
        "sector": sector.pk,
        "host_organisation": "Viện Lúa ĐBSCL",
        "lead_researcher": "PGS. Trần D",
        "start_date": "2025-01-01",
        "end_date": "2024-01-01",
        "total_budget": "-1",
        "currency": "VND",
        "status": "under_way",
        "rating": "good",
        "summary": "Tóm tắt",
        "results": rich_text(""),
        "result_files": streamfield([]),
    }
    form = form_for(ScienceProgrammePage, science, nested_form_data(data))
    assert not form.is_valid()
    assert "Số tiền không được là số âm." in str(form.errors["total_budget"])
    data.update(total_budget="1000", end_date="2026-01-01")
    form = form_for(ScienceProgrammePage, science, nested_form_data(data))
    assert not form.is_valid()
    assert "ngày nghiệm thu" in str(form.errors["acceptance_date"])
    data.update(acceptance_date="2026-02-01")
    assert form_for(ScienceProgrammePage, science, nested_form_data(data)).is_valid()


def test_statistics_need_data_methodology_analysis_and_period(home):
    stats = publish(home, StatisticsIndexPage(title="Thống kê", slug="thong-ke"))
    data = nested_form_data(
        {
            "title": "Niên giám",
            "slug": "nien-giam",
            "period_type": "year",
            "period_start": "2025-12-31",
            "period_end": "2025-01-01",
            "summary": "Niên giám thống kê",
            "methodology": rich_text(""),
            "analysis": rich_text(""),
            "data_files": streamfield([]),
        }
    )
    form = form_for(StatisticsReportPage, stats, data)
    assert not form.is_valid()
    assert {"methodology", "analysis", "data_files", "period_end"} <= set(form.errors)


def test_urban_planning_needs_report_and_drawings(home, document):
    plans = publish(home, PlanIndexPage(title="Quy hoạch", slug="quy-hoach"))
    fields = {
        "title": "Quy hoạch chung đô thị Cà Mau",
        "slug": "qh-do-thi",
        "kind": "urban_planning",
        "level": "provincial",
        "status": "approved",
        "summary": "Quy hoạch chung",
        "implementation": rich_text(""),
        "body": streamfield([]),
    }
    one_file = streamfield([("attachment", {"document": document.pk, "title": "", "kind": "report"})])
    form = form_for(PlanPage, plans, nested_form_data({**fields, "attachments": one_file}))
    assert not form.is_valid()
    assert "bản vẽ đồ án quy hoạch" in str(form.errors["attachments"])
    both = streamfield(
        [
            ("attachment", {"document": document.pk, "title": "", "kind": "report"}),
            ("attachment", {"document": document.pk, "title": "", "kind": "drawing"}),
        ]
    )
    assert form_for(PlanPage, plans, nested_form_data({**fields, "attachments": both})).is_valid()


def test_leader_needs_biography_and_duties(home):
    leaders = publish(home, LeaderIndexPage(title="Lãnh đạo", slug="lanh-dao"))
    data = nested_form_data(
        {
            "title": "Trần Văn E",
            "slug": "tran-van-e",
            "position": "Phó Chủ tịch",
            "biography": rich_text(""),
            "duties": rich_text(""),
        }
    )
    form = form_for(LeaderPage, leaders, data)
    assert not form.is_valid()
    assert {"biography", "duties"} <= set(form.errors)


def test_reused_news_needs_a_source(home):
    news = publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    data = {
        "title": "Tin đăng lại",
        "slug": "tin-dang-lai",
        "date": "2026-06-01",
        "is_reused": "on",
        "source": "",
        "body": streamfield([]),
        "related_links": inline_formset([]),
    }
    form = form_for(NewsPage, news, nested_form_data(data))
    assert not form.is_valid()
    assert "phải ghi rõ nguồn tin" in str(form.errors["source"])
    data["source"] = "Báo Cà Mau"
    assert form_for(NewsPage, news, nested_form_data(data)).is_valid()


def test_schedule_entries_stay_inside_their_week(editor_client, home):
    schedules = publish(home, WorkScheduleIndexPage(title="Lịch", slug="lich"))
    entry = {
        "date": "2026-06-10",
        "start_time": "08:00",
        "leader": "Chủ tịch",
        "content": "Họp",
        "venue": "",
        "participants": "",
    }
    data = nested_form_data(
        {
            "title": "Tuần 23",
            "slug": "tuan-23",
            "week_start": "2026-06-01",
            "note": "",
            "entries": inline_formset([entry], min=1),
        }
    )
    response = editor_client.post(add_url(WorkSchedulePage, schedules), data)
    assert response.status_code == 200
    assert "nằm ngoài tuần 01/06/2026 – 07/06/2026" in response.content.decode()
    data["entries-0-date"] = "2026-06-02"
    data["week_start"] = "2026-06-03"
    response = editor_client.post(add_url(WorkSchedulePage, schedules), data)
    assert "Tuần làm việc phải bắt đầu vào thứ Hai." in response.content.decode()
    data["week_start"] = "2026-06-01"
    response = editor_client.post(add_url(WorkSchedulePage, schedules), data)
    assert response.status_code == 302
    assert WorkSchedulePage.objects.get().entries.get().leader == "Chủ tịch"
