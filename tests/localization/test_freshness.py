"""Out-of-date translations: report, listing flag, reader notice, translators' email (R76, R78)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.models import Locale, Site

from cms.models import NewsPage
from localization.demo import OUTDATED_SLUG, load_translations
from localization.freshness import outdated_translations
from localization.locales import translate_page
from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

# No module-wide django_db mark: the demo test's database is swapped in before its transaction opens.


@pytest.fixture
def demo(demo_db):
    return Site.objects.get(hostname="camau.localhost")


def test_demo_report_lists_the_outdated_translation_and_an_update_clears_it(
    client, demo, superuser, django_capture_on_commit_callbacks
):
    load_translations(progress=lambda line: None)  # the demo step is idempotent
    en = Locale.objects.get(language_code="en")
    source = NewsPage.objects.descendant_of(demo.root_page).get(slug=OUTDATED_SLUG)
    english = source.get_translation(en)
    report_url = reverse("localization:outdated", args=[demo.pk])

    login_admin(client, superuser)
    html = client.get(report_url).content.decode()
    table = html.split('id="outdated-translations"', 1)[1].split("</table>", 1)[0]
    assert english.title in table
    assert table.count("<tr>") == 2  # header + the one deliberately outdated item
    # The mandatory English set: the affiliated-units page has no English version.
    mandatory = html.split('id="mandatory-english"', 1)[1].split("</table>", 1)[0]
    assert "Đơn vị trực thuộc" in mandatory
    assert mandatory.count('class="missing"') == 1
    # The work list exports like every Wagtail report: one row per outdated translation, dates dd/mm/yyyy.
    for export in ("csv", "xlsx"):
        response = client.get(report_url, {"export": export})
        assert response.status_code == 200 and response["Content-Disposition"].endswith(f'.{export}"')
    response = client.get(report_url, {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == english.title and rows[1][2] == source.title
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", rows[1][3])

    # Readers of the English page are told an update is pending.
    assert "being updated" in client.get(english.url, HTTP_HOST="camau.localhost").content.decode()

    # A translator's way through: sync the new Vietnamese text, translate, publish (board).
    client.post(reverse("localization:sync", args=[english.pk]))
    assert outdated_translations(demo)  # synced but not republished: still pending
    translate_page(source, en, {source.summary: "Updated English summary."})
    html = client.get(report_url).content.decode()
    with override("vi"):  # the admin speaks the default language
        assert gettext("Every translation is up to date.") in html
    assert "being updated" not in client.get(english.url, HTTP_HOST="camau.localhost").content.decode()


def test_admin_listing_flags_outdated_translations(client, english_portal, superuser, en):
    intro = english_portal["intro"]
    login_admin(client, superuser)
    english_home = english_portal["home"].get_translation(en)
    listing = reverse("wagtailadmin_explore", args=[english_home.pk])
    assert "data-localization-outdated" not in client.get(listing).content.decode()
    intro.save_revision().publish()
    assert "data-localization-outdated" in client.get(listing).content.decode()


def test_translators_are_emailed_when_a_translated_page_changes(
    english_portal, make_user, make_agency, portal, django_capture_on_commit_callbacks
):
    make_user("bien-dich", group_of(portal, AgencyGroup.Role.TRANSLATORS))
    ward = make_agency("Phường An Xuyên", "anxuyen")
    make_user("bien-dich-xa", group_of(ward, AgencyGroup.Role.TRANSLATORS))
    make_user("bien-tap", group_of(portal, AgencyGroup.Role.EDITORS))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        english_portal["intro"].save_revision().publish()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bien-dich@camau.gov.vn"]
    assert "Giới thiệu" in message.subject
    assert "/admin/pages/" in message.body


def test_untranslated_pages_send_no_email(
    english_portal, make_user, portal, django_capture_on_commit_callbacks
):
    make_user("bien-dich", group_of(portal, AgencyGroup.Role.TRANSLATORS))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        english_portal["item"].save_revision().publish()
    assert mail.outbox == []


def test_report_is_limited_to_the_users_own_sites(client, make_agency, make_user, portal):
    ward = make_agency("Phường An Xuyên", "anxuyen")
    translator = make_user("bien-dich-xa", group_of(ward, AgencyGroup.Role.TRANSLATORS))
    login_admin(client, translator)
    assert client.get(reverse("localization:index")).url == reverse(
        "localization:outdated", args=[ward.site.pk]
    )
    response = client.get(reverse("localization:outdated", args=[portal.site.pk]))
    assert response.status_code in (302, 403)
