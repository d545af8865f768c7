"""Monthly, half-year and yearly activity reports: quota, on-time rate, rejections by reason, exports (R114–R116)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from cms.models import NewsIndexPage, NewsPage
from moderation.models import ModerationSettings, Submission
from moderation.reports import build_report
from sites.models import Agency, AgencyGroup
from sites.publishing import publishing_without_review
from sites.reports import PeriodError, parse_period
from tests.conftest import group_of, login_admin

from .conftest import act, draft_page, submit, verify


def publish_news(site, slug: str, n: int, ordinary: int = 0) -> None:
    """Seed published news directly (the gate records it as published without review): `n` typical
    activity items supplied to the portal, and `ordinary` other news that the quota does not count."""
    with publishing_without_review("test fixture"):
        index = NewsIndexPage(title="Tin tức", slug=f"tin-{slug}")
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
        for i in range(n + ordinary):
            typical = i < n
            page = NewsPage(
                title=f"Tin {slug} {i}",
                slug=f"{slug}-{i}",
                date=dt.date.today(),
                is_typical=typical,
                show_on_portal=typical,
            )
            index.add_child(instance=page)
            page.save_revision().publish()


@pytest.fixture
def activity(wards, make_agency, client, django_capture_on_commit_callbacks):
    """This month, under Thái Nguyên 2026's quota: a department with 1 typical news item and 1 ordinary one
    (under quota), a ward with 1 typical item (compliant), one item rejected with two reasons."""
    rules = ModerationSettings.load()
    rules.profile = "thainguyen-2026"
    rules.save()
    department = make_agency("Sở Khoa học và Công nghệ", "sokhcn", kind=Agency.Kind.DEPARTMENT)
    publish_news(department.site, "kh", 1, ordinary=1)
    publish_news(wards.an_xuyen.site, "ax", 1)
    page = draft_page(wards.an_xuyen.site.root_page, "Tin chưa rõ nguồn", "chua-ro-nguon", wards.contributor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, wards.contributor, page)
        verify(client, wards.editor, page)
        act(client, wards.head, page, "reject", reasons=["c", "d"], comment="Sai sự thật")
        submit(client, wards.contributor, page)
        act(client, wards.head, page, "approve")
    return department


def test_periods():
    assert parse_period("2026-06").start == dt.date(2026, 6, 1) and parse_period("2026-06").months == 1
    half = parse_period("2026-h2")
    assert (half.start, half.end, half.months) == (dt.date(2026, 7, 1), dt.date(2027, 1, 1), 6)
    assert parse_period("2026").months == 12
    for bad in ("2026-13", "June", "2026-H3"):
        with pytest.raises(PeriodError):
            parse_period(bad)


def test_monthly_report_counts_quota_on_time_and_reasons(activity, wards):
    report = build_report(parse_period(None), [activity.site, wards.an_xuyen.site, wards.tan_thanh.site])
    rows = {row.agency.domain_label: row for row in report.rows}
    assert rows["sokhcn"].news == 1 and rows["sokhcn"].quota == 2 and rows["sokhcn"].under_quota
    assert rows["anxuyen"].news == 1 and rows["anxuyen"].quota == 1 and not rows["anxuyen"].under_quota
    assert rows["tanthanh"].under_quota  # nothing published
    # An Xuyên: the introduction page from provisioning, the news item and the approved page (not the index).
    assert rows["anxuyen"].published_total == 3
    # One item rejected with two reasons: one rejection, two reasons.
    assert rows["anxuyen"].rejected == 1 and rows["anxuyen"].rejections == {"c": 1, "d": 1}
    assert next(label for label, _count in rows["anxuyen"].reason_label_list).startswith("c) ")
    # The approved page had a deadline (5 working days for "other") and was published at once.
    assert (rows["anxuyen"].with_deadline, rows["anxuyen"].on_time, rows["anxuyen"].on_time_rate) == (
        1,
        1,
        100.0,
    )
    assert {r.agency.domain_label for r in report.under_quota} == {"sokhcn", "tanthanh"}

    # Late publication lowers the rate.
    submission = Submission.objects.get(page__slug="chua-ro-nguon")
    Submission.objects.filter(pk=submission.pk).update(due_at=submission.published_at - dt.timedelta(hours=1))
    report = build_report(parse_period(None), [wards.an_xuyen.site])
    assert report.rows[0].on_time_rate == 0.0

    # Over a half-year the quota scales to six months.
    today = timezone.localdate()
    half = f"{today.year}-H{1 if today.month <= 6 else 2}"
    report = build_report(parse_period(half), [activity.site])
    assert report.rows[0].quota == 12


def test_report_view_and_exports(activity, wards, portal, make_user, client):
    provincial = make_user("bbt.tinh", group_of(portal, AgencyGroup.Role.BOARD))
    login_admin(client, provincial)
    response = client.get("/admin/moderation/reports/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'aria-labelledby="chart-title"' in html
        and "Sở Khoa học và Công nghệ" in html
        and "moderation-under-quota" in html
    )
    # Bars are drawn with plain decimal coordinates (the Vietnamese locale writes 12,5).
    widths = re.findall(r'<rect x="260" y="\d+" width="([^"]+)"', html)
    assert widths and all(re.fullmatch(r"\d+(\.\d+)?", w) for w in widths)

    response = client.get("/admin/moderation/reports/?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert len(header) == len(rows[1])
    with translation.override("vi"):  # the admin's default language
        under, published, yes = gettext("Under quota"), gettext("Published"), gettext("yes")
    assert body["Sở Khoa học và Công nghệ"][under] == yes
    ward = body["Ủy ban nhân dân phường An Xuyên"]
    assert ward[under] != yes and ward[published] == "3"
    assert [value for key, value in ward.items() if key.endswith("Không đúng sự thật")] == ["1"]

    response = client.get("/admin/moderation/reports/?export=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0] == header
    by_name = {row[0]: row for row in values[1:]}
    assert by_name["Ủy ban nhân dân phường An Xuyên"][3] == 3
    department_row = next(
        row for row in sheet.iter_rows(min_row=3) if row[0].value == "Sở Khoa học và Công nghệ"
    )
    assert department_row[0].fill.fgColor.rgb.endswith("FDE2E1")  # highlighted: under quota

    # A bad period is a 400 with a sentence, not a crash.
    response = client.get("/admin/moderation/reports/?period=2026-13")
    html = response.content.decode()
    assert response.status_code == 400 and "2026-H1" in html
    assert "moderation-under-quota" not in html  # no other period's figures under the error


def test_site_staff_see_only_their_site_in_reports(activity, wards, client):
    login_admin(client, wards.head)
    html = client.get("/admin/moderation/reports/").content.decode()
    assert "Ủy ban nhân dân phường An Xuyên" in html and "Sở Khoa học và Công nghệ" not in html
    rows = client.get("/admin/moderation/reports/?export=csv").content.decode("utf-8-sig").splitlines()
    assert len(rows) == 2
