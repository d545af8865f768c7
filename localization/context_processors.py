"""Public pages in a foreign locale: that locale's menu, home link and English header/footer lines.

Listed after sites.context_processors.branding, whose keys it overrides outside Vietnamese.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from sites.cache import locale_codes
from sites.context_processors import menu, request_agency

from .locales import site_locale_roots
from .models import LanguageSettings, SiteLanguageSettings


class Overlay:
    """An object whose attributes come from `overrides` when non-empty, else from `base`."""

    def __init__(self, base, **overrides):
        self._base = base
        self._overrides = {key: value for key, value in overrides.items() if value}

    def __getattr__(self, name):
        if name in self._overrides:
            return self._overrides[name]
        return getattr(self._base, name)


def has_content(page: Page) -> bool:
    """A listing section (a page type that only holds given child types, like a news index) is
    empty in a locale until one of its children is translated (R80)."""
    if page.get_children().live().exists():
        return True
    subpage_types = getattr(page.specific_class, "subpage_types", None)
    return not subpage_types


def menu_for(root: Page) -> list[Page]:
    return [page for page in root.get_children().live().in_menu().specific() if has_content(page)]


def languages(request: HttpRequest) -> dict:
    language = translation.get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return {"locale_home_url": "/"}
    site = Site.find_for_request(request)
    if site is None or language not in locale_codes().values():
        return {}
    root = site_locale_roots(site).get(language)  # the same cached roots as the language links
    context: dict = {
        "locale_home_url": "/" if getattr(request, "language_host", False) else f"/{language}/",
        # Called by the template only when the menu's rendered fragment is not cached.
        "menu_pages": (lambda: menu(site, language, lambda: menu_for(root)))
        if root is not None and root.live
        else [],
    }
    # Names and lines in English; other languages show the English ones too (TN26 Art 6.1).
    from sites.models import ProvinceProfile, SiteContactSettings

    profile = LanguageSettings.load(request_or_site=request)
    site_languages = SiteLanguageSettings.for_request(request)
    agency = request_agency(request)
    context["contact"] = Overlay(
        SiteContactSettings.for_request(request),
        agency_name=site_languages.agency_name_en or (agency.name_en if agency else ""),
        person_responsible=site_languages.person_responsible_en,
        address=site_languages.address_en,
        licence_line=site_languages.licence_line_en or profile.licence_line_en,
    )
    context["province"] = Overlay(
        ProvinceProfile.load(request_or_site=request),
        portal_name=profile.portal_name_en,
        owner_name=profile.owner_name_en,
        licence_line=profile.licence_line_en,
    )
    return context
