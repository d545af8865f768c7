"""Maintenance notices (R113), the go-live gate (R12) and the EMC code on every public page (R119)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.models import Page, Site

from moderation.calendar import WorkingCalendar
from operations.models import MaintenanceWindow, OperationsSettings, SiteLaunch
from tests.conftest import login_admin


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in English (their msgids); the Vietnamese catalogue translates them."""
    with translation.override("en"):
        yield


WARD = "anxuyen.camau.localhost"


@pytest.fixture
def ward(make_agency):
    from sites.models import Agency

    return make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)


def window(days_ahead: int, *, hours: int = 4, **extra) -> MaintenanceWindow:
    start = WorkingCalendar.current().add_working_days(timezone.now(), days_ahead)
    notice = MaintenanceWindow(
        title="Nâng cấp máy chủ",
        reason="Nâng cấp cơ sở dữ liệu.",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        **extra,
    )
    notice.full_clean()
    notice.save()
    return notice


@pytest.mark.parametrize(
    ("province_days", "ahead", "allowed"), [(7, 7, True), (7, 3, False), (5, 5, True), (5, 4, False)]
)
def test_notice_lead_time_follows_the_province(db, province_days, ahead, allowed):
    setting = OperationsSettings.load()
    setting.maintenance_notice_working_days = province_days
    setting.save()
    if allowed:
        window(ahead)
    else:
        with pytest.raises(ValidationError, match=f"at least {province_days} working days"):
            window(ahead)


def test_short_notice_needs_force_majeure_with_a_reason(db):
    with pytest.raises(ValidationError, match="force majeure reason"):
        window(1, force_majeure=True)
    window(1, force_majeure=True, force_majeure_reason="Sự cố mất điện diện rộng do bão số 3.")


def test_banner_on_affected_sites_until_the_end_then_503_during_the_window(client, ward, portal, superuser):
    notice = window(8, close_public=True)
    notice.sites.set([ward.site])
    assert "maintenance-notice" in client.get("/", HTTP_HOST=WARD).content.decode()
    assert "maintenance-notice" not in client.get("/", HTTP_HOST="camau.localhost").content.decode()

    # The window opens: the public gets 503 with Retry-After; the admin and signed-in staff go on.
    notice.starts_at = timezone.now() - dt.timedelta(minutes=5)
    notice.ends_at = timezone.now() + dt.timedelta(hours=2)
    notice.save()
    response = client.get("/", HTTP_HOST=WARD)
    assert response.status_code == 503
    assert 7000 < int(response["Retry-After"]) <= 7200
    assert "Nâng cấp cơ sở dữ liệu." in response.content.decode()
    assert client.get("/", HTTP_HOST="camau.localhost").status_code == 200
    assert client.get("/admin/login/", HTTP_HOST=WARD).status_code == 200
    assert client.get("/healthz", HTTP_HOST=WARD).status_code == 200
    login_admin(client, superuser)
    assert client.get("/", HTTP_HOST=WARD).status_code == 200
    assert client.get("/admin/", HTTP_HOST=WARD).status_code == 200

    # After the expected recovery time the banner is gone.
    client.logout()
    notice.ends_at = timezone.now() - dt.timedelta(minutes=1)
    notice.save()
    response = client.get("/", HTTP_HOST=WARD)
    assert response.status_code == 200 and "maintenance-notice" not in response.content.decode()


def test_an_all_sites_notice_shows_on_every_site(client, ward, portal):
    window(8)
    for host in (WARD, "camau.localhost"):
        assert "maintenance-notice" in client.get("/", HTTP_HOST=host).content.decode()


def test_emc_code_on_every_public_page_of_its_own_site(client, ward, portal, settings):
    settings.CONG_EMC_SCRIPT_URL = "https://emc.example.gov.vn/emc.js"
    for site, code in ((ward.site, "EMC-CM-ANXUYEN"), (portal.site, "EMC-CM-PORTAL")):
        launch = SiteLaunch.for_site(site)
        launch.emc_code = code
        launch.save()
    for page in Page.objects.live().specific().filter(depth__gt=1):
        _site_id, root_url, path = page.get_url_parts()
        host = root_url.split("://")[1].split(":")[0]
        html = client.get(path, HTTP_HOST=host).content.decode()
        expected = "EMC-CM-ANXUYEN" if host == WARD else "EMC-CM-PORTAL"
        assert f'<meta name="emc-site-id" content="{expected}">' in html, path
        assert 'src="https://emc.example.gov.vn/emc.js"' in html
        other = "EMC-CM-PORTAL" if expected == "EMC-CM-ANXUYEN" else "EMC-CM-ANXUYEN"
        assert other not in html


def test_emc_code_rejects_markup(db, ward):
    launch = SiteLaunch.for_site(ward.site)
    launch.emc_code = '"><script>alert(1)</script>'
    with pytest.raises(ValidationError):
        launch.full_clean(exclude=["site"])


@pytest.fixture
def draft_sites(settings):
    settings.CONG_NEW_SITE_STATUS = SiteLaunch.Status.DRAFT


def test_a_new_site_answers_only_to_signed_in_staff_until_it_goes_live(client, draft_sites, ward, superuser):
    launch = SiteLaunch.for_site(ward.site)
    assert launch.status == SiteLaunch.Status.DRAFT
    response = client.get("/", HTTP_HOST=WARD)
    assert (
        response.status_code == 404 and "site-not-launched" in response.content.decode()
    ) or response.status_code == 404
    assert client.get("/search/?q=a", HTTP_HOST=WARD).status_code == 404
    assert client.get("/admin/login/", HTTP_HOST=WARD).status_code == 200
    login_admin(client, superuser)
    assert client.get("/", HTTP_HOST=WARD).status_code == 200

    # Going live needs the approval and the EMC code; the error names what is missing.
    launch.status = SiteLaunch.Status.LIVE
    with pytest.raises(ValidationError) as error, translation.override("en"):  # requests left "vi" active
        launch.save()
    message = str(error.value)
    assert "approval decision" in message and "approval date" in message and "EMC" in message
    launch = SiteLaunch.for_site(ward.site)
    launch.approval_reference, launch.approval_date = "2150/QĐ-UBND", dt.date(2026, 7, 1)
    launch.status = SiteLaunch.Status.LIVE
    with pytest.raises(ValidationError, match="EMC"):
        launch.save()
    launch.emc_code = "EMC-CM-ANXUYEN"
    launch.save()
    client.logout()
    assert client.get("/", HTTP_HOST=WARD).status_code == 200


def test_where_the_province_does_not_require_emc_the_approval_is_enough(db, draft_sites, ward):
    setting = OperationsSettings.load()
    setting.emc_required = False
    setting.save()
    launch = SiteLaunch.for_site(ward.site)
    launch.approval_reference, launch.approval_date = "2150/QĐ-UBND", dt.date(2026, 7, 1)
    launch.status = SiteLaunch.Status.LIVE
    launch.save()


def test_go_live_through_the_admin_settings_form_names_the_missing_items(
    client, draft_sites, ward, superuser
):
    login_admin(client, superuser)
    url = f"/admin/settings/operations/sitelaunch/{ward.site.pk}/"
    response = client.post(
        url, {"status": "live", "approval_reference": "", "approval_date": "", "emc_code": ""}, HTTP_HOST=WARD
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-message" in html or "help-critical" in html
    assert "EMC" in html
    assert SiteLaunch.for_site(Site.objects.get(pk=ward.site.pk)).status == SiteLaunch.Status.DRAFT


def test_english_pages_show_the_notice_in_english_when_it_has_an_english_version(client, ward, portal):
    """R76: the English portal carries the notice in English (it showed the Vietnamese title and reason
    under the English label); without an English version the Vietnamese text stands."""
    notice = window(8, title_en="Database server upgrade", reason_en="The portal will be unavailable.")
    english = client.get("/en/", HTTP_HOST="camau.localhost").content.decode()
    assert "Planned maintenance" in english and "Database server upgrade" in english
    assert "The portal will be unavailable." in english and notice.title not in english
    vietnamese = client.get("/", HTTP_HOST="camau.localhost").content.decode()
    assert notice.title in vietnamese and "Database server upgrade" not in vietnamese

    # During the window the English maintenance page is in English too.
    notice.starts_at = timezone.now() - dt.timedelta(minutes=5)
    notice.ends_at = timezone.now() + dt.timedelta(hours=2)
    notice.close_public = True
    notice.save()
    closed = client.get("/en/", HTTP_HOST="camau.localhost")
    assert closed.status_code == 503
    assert (
        '<html lang="en">' in closed.content.decode() and "Database server upgrade" in closed.content.decode()
    )
    assert "The portal will be unavailable." in closed.content.decode()

    notice.title_en = notice.reason_en = ""
    notice.save()
    english = client.get("/en/", HTTP_HOST="camau.localhost").content.decode()
    assert notice.title in english and notice.reason in english
