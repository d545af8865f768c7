"""The demo province has items in review, overdue, returned and rejected, and the views show them."""

from __future__ import annotations

from wagtail.models import Site

from moderation.models import ModerationSettings, Submission
from moderation.reports import build_report, chart_bars
from sites.models import Agency, AgencyGroup
from sites.reports import parse_period
from tests.conftest import group_of, login_admin

CHART = 'aria-labelledby="chart-title"'  # the quota chart (the admin's icons are SVG too)


def test_demo_items_show_in_the_views(demo_db, client, make_user):
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert {"in_review", "returned", "rejected", "published"} <= statuses
    assert Submission.objects.count() == 24  # 6 items on each of 4 sites
    overdue = Submission.objects.overdue()
    assert overdue.count() >= 4

    portal = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    provincial = make_user("demo.bbt.tinh", group_of(portal, AgencyGroup.Role.BOARD))
    login_admin(client, provincial)
    html = client.get("/admin/moderation/deadlines/").content.decode()
    assert "Quyết định công bố danh mục thủ tục hành chính" in html
    assert "Ủy ban nhân dân phường An Xuyên" in html and "Sở Khoa học và Công nghệ" in html

    html = client.get("/admin/moderation/reports/").content.decode()
    # Cà Mau 2026 (the default profile) sets no quota: no quota chart, nobody "under quota".
    assert CHART not in html and "moderation-under-quota" not in html
    assert "b) Thuộc bí mật nhà nước" in html  # reasons by label, not bare codes

    # Hand-counted for each demo site this month (moderation/demo.py, cms/demo.py):
    # 1 item rejected with two reasons (b, d), 2 returns (one returned, one returned then restarted),
    # 1 item published by the workflow; the two communes each supplied 1 typical news item.
    report = build_report(parse_period(None), Site.objects.all())
    rows = {row.agency.domain_label or "portal": row for row in report.rows}
    for label in ("portal", "anxuyen", "tanthanh", "sokhcn"):
        row = rows[label]
        assert (row.rejected, dict(row.rejections), row.returned) == (1, {"b": 1, "d": 1}, 2), label
        assert row.quota is None
    assert report.totals()["rejections"] == 4 and report.totals()["rejection_reasons"] == 8

    rules = ModerationSettings.load()
    rules.profile = "thainguyen-2026"
    rules.save()
    report = build_report(parse_period(None), Site.objects.all())
    rows = {row.agency.domain_label or "portal": row for row in report.rows}
    assert (rows["anxuyen"].news, rows["anxuyen"].quota, rows["anxuyen"].under_quota) == (1, 1, False)
    assert (rows["tanthanh"].news, rows["tanthanh"].quota, rows["tanthanh"].under_quota) == (1, 1, False)
    assert (rows["sokhcn"].news, rows["sokhcn"].quota, rows["sokhcn"].under_quota) == (0, 2, True)
    assert rows["portal"].quota is None
    html = client.get("/admin/moderation/reports/").content.decode()
    assert CHART in html and "moderation-under-quota" in html
    bars = {bar["label"]: bar for bar in chart_bars(report, limit=500)}
    assert "Ủy ban nhân dân tỉnh Cà Mau" not in bars  # no quota: not drawn
    assert bars["Ủy ban nhân dân phường An Xuyên"]["value"] == 1
    csv_rows = client.get("/admin/moderation/reports/?export=csv").content.decode("utf-8-sig").splitlines()
    assert len(csv_rows) == 1 + Agency.objects.with_site().count()
