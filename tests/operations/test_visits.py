"""First-party visit statistics (R117): no cookies, no address, bots excluded, buffered in Redis."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from operations import visits
from operations.models import DailyVisits
from operations.tasks import flush_visits
from sites.models import Agency, AgencyGroup
from tests.conftest import group_of, login_admin, require_service

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36"
)
WARD = "anxuyen.camau.localhost"


@pytest.fixture
def ward(make_agency):
    return make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)


@pytest.fixture
def empty_buffer():
    client = visits._redis()
    if client is not None:
        for key in [*client.scan_iter(match="cong:visits*")]:
            client.delete(key)
    return client


def totals() -> tuple[int, int]:
    rows = DailyVisits.objects.all()
    return sum(r.views for r in rows), sum(r.visits for r in rows)


def test_views_are_buffered_in_redis_and_flushed_without_cookies_or_addresses(client, ward, empty_buffer):
    require_service("REDIS_URL", "Redis")
    response = client.get("/", HTTP_HOST=WARD, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.113.1.7")
    assert response.status_code == 200 and not response.cookies
    client.get("/gioi-thieu/", HTTP_HOST=WARD, HTTP_USER_AGENT=BROWSER, HTTP_REFERER=f"http://{WARD}/")
    client.get(
        "/gioi-thieu/", HTTP_HOST=WARD, HTTP_USER_AGENT=BROWSER, HTTP_REFERER="https://www.google.com/"
    )
    for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5", "", "UptimeRobot/2.0"):
        client.get("/", HTTP_HOST=WARD, HTTP_USER_AGENT=agent)
    client.get("/khong-co/", HTTP_HOST=WARD, HTTP_USER_AGENT=BROWSER)  # 404: not a view
    client.get("/", HTTP_HOST=WARD, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")

    assert totals() == (0, 0)  # buffered, not yet in the database
    buffered = {
        field.decode(): int(value)
        for key in empty_buffer.scan_iter(match="cong:visits:*")
        for field, value in empty_buffer.hgetall(key).items()
    }
    assert sum(v for k, v in buffered.items() if k.endswith(":v")) == 3
    assert "203.113.1.7" not in repr(buffered)

    assert flush_visits() == 2  # two pages
    assert totals() == (3, 2)  # three views; the view from the home page is not a new visit
    assert not [*empty_buffer.scan_iter(match="cong:visits*")]
    field_names = {field.name for field in DailyVisits._meta.get_fields()}
    assert not field_names & {"ip", "address", "user_agent", "session", "cookie"}


def test_with_redis_down_views_are_counted_in_the_database(client, ward, redis_cache):
    redis_cache.stop()
    for _ in range(3):
        assert client.get("/", HTTP_HOST=WARD, HTTP_USER_AGENT=BROWSER).status_code == 200
    assert totals() == (3, 3)
    assert flush_visits() == 0


def test_monthly_report_per_site_for_each_users_sites_and_safe_export(
    client, ward, portal, superuser, make_user
):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=10)
    home = ward.site.root_page.specific
    home.title = '=HYPERLINK("http://evil.example","Bấm")'
    home.save_revision().publish()
    DailyVisits.objects.create(site=ward.site, page=home, date=today, views=40, visits=25)
    DailyVisits.objects.create(site=portal.site, page=portal.site.root_page, date=today, views=90, visits=70)
    DailyVisits.objects.create(site=ward.site, page=home, date=last_month, views=7, visits=7)

    login_admin(client, superuser)
    month = f"{today:%Y-%m}"
    html = client.get(
        f"/admin/operations/visits/?month={month}", HTTP_HOST="camau.localhost"
    ).content.decode()
    assert ">90<" in html and ">40<" in html and ">130<" in html
    html = client.get(f"/admin/operations/visits/?month={last_month:%Y-%m}").content.decode()
    assert ">7<" in html
    csv = client.get(
        f"/admin/operations/visits/?month={month}&site={ward.site.pk}&export=csv"
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv
    xlsx = client.get(f"/admin/operations/visits/?month={month}&export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/admin/operations/visits/?month=2026-13").status_code == 400

    # A ward editor sees the ward only, and not another site by its id.
    editor = make_user("bientap-anxuyen", group_of(ward, AgencyGroup.Role.EDITORS))
    client.logout()
    login_admin(client, editor)
    html = client.get(f"/admin/operations/visits/?month={month}").content.decode()
    assert ">40<" in html and ">90<" not in html
    refused = client.get(f"/admin/operations/visits/?month={month}&site={portal.site.pk}")
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message.
    assert refused.status_code in (302, 403) and ">90<" not in refused.content.decode()
