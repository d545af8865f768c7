"""The settings screens and the report menu entry render for the people who use them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from localization.models import LanguageSettings
from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

pytestmark = pytest.mark.django_db


def test_language_settings_screens(client, superuser, portal):
    login_admin(client, superuser)
    generic = reverse(
        "wagtailsettings:edit", args=["localization", "languagesettings", LanguageSettings.load().pk]
    )
    assert client.get(generic).status_code == 200
    per_site = reverse("wagtailsettings:edit", args=["localization", "sitelanguagesettings", portal.site.pk])
    assert client.get(per_site).status_code == 200
    response = client.post(
        generic,
        {
            "url_strategy": "host",
            "enable_japanese": "on",
            "portal_name_en": "Ca Mau Provincial Portal",
            "owner_name_en": "Ca Mau Provincial People's Committee",
            "licence_line_en": "",
            "notify_translators": "on",
        },
    )
    assert response.status_code == 302
    profile = LanguageSettings.load()
    assert profile.effective_url_strategy == "host"
    assert profile.foreign_language_codes() == ["en", "ja"]
    assert portal.site.root_page.get_translations().filter(locale__language_code="ja").exists()


def test_translators_find_the_freshness_report_in_the_menu(client, make_user, portal):
    translator = make_user("bien-dich", group_of(portal, AgencyGroup.Role.TRANSLATORS))
    login_admin(client, translator)
    assert reverse("localization:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(reverse("localization:outdated", args=[portal.site.pk]))
    assert response.status_code == 200
