"""The demo province has items in review, overdue, returned and rejected, and the views show them."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from moderation.models import Submission
from sites.models import Agency, AgencyGroup
from tests.conftest import group_of, login_admin


def test_demo_items_show_in_the_views(demo_db, client, make_user):
    call_command("load_demo", stdout=StringIO())  # rerunnable: nothing doubles

    statuses = set(Submission.objects.values_list("status", flat=True))
    assert {"in_review", "returned", "rejected", "published"} <= statuses
    assert Submission.objects.count() == 20
    overdue = Submission.objects.overdue()
    assert overdue.count() >= 4

    portal = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    provincial = make_user("demo.bbt.tinh", group_of(portal, AgencyGroup.Role.BOARD))
    login_admin(client, provincial)
    html = client.get("/admin/moderation/deadlines/").content.decode()
    assert "Quyết định công bố danh mục thủ tục hành chính" in html
    assert "Ủy ban nhân dân phường An Xuyên" in html and "Sở Khoa học và Công nghệ" in html

    html = client.get("/admin/moderation/reports/").content.decode()
    assert "<svg" in html and "moderation-under-quota" in html
    csv_rows = client.get("/admin/moderation/reports/?export=csv").content.decode("utf-8-sig").splitlines()
    assert len(csv_rows) == 1 + Agency.objects.with_site().count()
