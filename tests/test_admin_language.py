"""Every string the admin shows in Vietnamese is translated (issue 15): each role walks its screens in
Vietnamese while every catalogue lookup is recorded; the msgids no catalogue translates must be none."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Locale

from localization.locales import translate_page
from sites.models import AgencyGroup
from tests.admin_language import admin_urls_without_arguments, current_place, recording_untranslated
from tests.conftest import group_of, login_admin
from tests.moderation.conftest import draft_page, submit

pytestmark = pytest.mark.django_db

# GET on these signs out or raises on purpose (Wagtail's error test page).
SIDE_EFFECT_URLS = {"/admin/logout/", "/admin/failwhale/"}


def visit(client: Client, place: str, url: str) -> int:
    current_place[0] = f"{place} {url}"
    return client.get(url, HTTP_ACCEPT_LANGUAGE="vi").status_code


@pytest.fixture
def people(portal, make_agency, make_user, superuser):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    return {
        "editor": make_user("btv.anxuyen", group_of(ward, AgencyGroup.Role.EDITORS), first_name="Lan"),
        "board": make_user("truongban.anxuyen", group_of(ward, AgencyGroup.Role.BOARD)),
        "translator": make_user("bien-dich", group_of(portal, AgencyGroup.Role.TRANSLATORS)),
        "agency_admin": make_user("quantri.anxuyen", group_of(ward, AgencyGroup.Role.ADMINS)),
        "provincial_admin": make_user("quantri.tinh", group_of(portal, AgencyGroup.Role.ADMINS)),
        "superuser": superuser,
        "ward": ward,
    }


def test_no_admin_screen_shows_an_untranslated_string(people, portal, client):
    ward = people["ward"]
    page = draft_page(ward.site.root_page, "Thông báo lịch tiếp công dân", "lich-tiep-cong-dan")
    submit(client, people["editor"], page)
    home = portal.site.root_page
    english_home = translate_page(home, Locale.objects.get(language_code="en"), {})
    role_urls = {
        "editor": ["/admin/", f"/admin/pages/{ward.site.root_page.pk}/", f"/admin/pages/{page.pk}/edit/"],
        "board": ["/admin/", f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/history/"],
        "translator": ["/admin/", f"/admin/pages/{english_home.pk}/", "/admin/localization/outdated/"],
        "agency_admin": ["/admin/", "/admin/agency-users/"],
        "provincial_admin": ["/admin/", "/admin/agency-users/"],
        "superuser": [url for url in admin_urls_without_arguments() if url not in SIDE_EFFECT_URLS]
        + [
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{home.pk}/",
            f"/admin/pages/{home.pk}/add_subpage/",
            f"/admin/pages/add/cms/standardpage/{home.pk}/",
        ],
    }
    with recording_untranslated("vi") as missing:
        for role, urls in role_urls.items():
            client = Client(raise_request_exception=False)
            login_admin(client, people[role])
            for url in urls:
                visit(client, role, url)
    report = "\n".join(f"{msgid!r}  ← {sorted(places)[0]}" for msgid, places in sorted(missing.items()))
    if path := os.environ.get("CONG_UNTRANSLATED_REPORT"):
        with open(path, "w", encoding="utf-8") as report_file:
            json.dump(
                {msgid: sorted(places) for msgid, places in missing.items()}, report_file, ensure_ascii=False
            )
    assert not missing, f"{len(missing)} admin strings lack a Vietnamese translation:\n{report}"


def test_every_javascript_string_of_the_admin_is_translated():
    """The page editor and wagtail-localize's editor translate in the browser (djangojs): every msgid their
    scripts use has a Vietnamese translation upstream or in locale/overrides."""
    import polib
    import wagtail
    import wagtail_localize

    translated = set()
    for package in (wagtail, wagtail_localize):
        for path in Path(package.__path__[0]).glob("**/locale/vi/LC_MESSAGES/djangojs.po"):
            translated |= {entry.msgid for entry in polib.pofile(str(path)).translated_entries()}
    overrides = Path(settings.BASE_DIR) / "locale" / "overrides" / "vi" / "LC_MESSAGES" / "djangojs.po"
    translated |= {entry.msgid for entry in polib.pofile(str(overrides)).translated_entries()}
    used = set()
    for package in (wagtail, wagtail_localize):
        for path in Path(package.__path__[0]).glob("**/locale/en/LC_MESSAGES/djangojs.po"):
            used |= {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}
    assert sorted(used - translated) == []


@pytest.mark.django_db
def test_wagtails_tree_roots_are_named_in_vietnamese(superuser):
    """The page tree's and the collections' roots appear in the explorer, its breadcrumbs and the
    collection lists; Wagtail names them "Root" on installation."""
    from wagtail.models import Collection, Page

    from tests.conftest import login_admin

    assert Page.objects.get(depth=1).title == "Gốc"
    assert Collection.objects.get(depth=1).name == "Gốc"
    client = Client()
    login_admin(client, superuser)
    explorer = client.get(f"/admin/pages/{Page.objects.get(depth=1).pk}/").content.decode()
    assert "Gốc" in explorer and ">Root<" not in explorer
