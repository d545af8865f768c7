"""The language switcher, hreflang alternates and the "translation being updated" notice."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Locale, Page, Site

from sites.cache import locale_codes
from sites.public_urls import absolute_url

from ..freshness import is_outdated
from ..locales import (
    HOST_PREFIXES,
    foreign_language_codes,
    language_name,
    site_locale_roots,
    url_strategy,
)
from ..models import UrlStrategy

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    equivalent: bool  # True when the link leads to the same page in that language


def locale_page_url(request: HttpRequest, site: Site, code: str, root: Page, page: Page) -> str:
    """Absolute public address of `page` (in `root`'s tree) for the site's URL strategy."""
    rest = page.url_path[len(root.url_path) :]
    if code == settings.LANGUAGE_CODE:
        return absolute_url(site, rest)
    if url_strategy(site, request) == UrlStrategy.HOST:
        return absolute_url(f"{HOST_PREFIXES[code]}.{site.hostname}", rest)
    return absolute_url(site, f"{code}/{rest}")


def language_links(context) -> list[LanguageLink]:
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_cong_language_links", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        return []
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    current = translation.get_language()
    links = []
    codes = [settings.LANGUAGE_CODE, *foreign_language_codes(request)]
    roots = {code: root for code, root in site_locale_roots(site).items() if code in codes and root.live}
    translations = _translations(page, list(roots.values())) if page is not None else {}
    for code in codes:
        root = roots.get(code)
        if root is None:
            continue
        target, equivalent = root, False
        found = translations.get(root.locale_id)
        if found is not None and found.live and found.alias_of_id is None:
            target, equivalent = found, True
        url = locale_page_url(request, site, code, root, target)
        links.append(LanguageLink(code, language_name(code), url, code == current, equivalent))
    if len(links) < 2:
        links = []  # nothing to switch to
    request._cong_language_links = links
    return links


def _translations(page: Page, roots: list[Page]) -> dict[int, Page]:
    """The page in each of these roots' locales, by locale id; one query for all of them, none for a
    locale home (its translations are the roots themselves)."""
    if any(root.translation_key == page.translation_key for root in roots):
        found = {root.locale_id: root for root in roots}
    else:
        others = [root.locale_id for root in roots if root.locale_id != page.locale_id]
        found = {}
        if others:
            found = {
                translation.locale_id: translation
                for translation in Page.objects.filter(
                    translation_key=page.translation_key, locale_id__in=others
                )
            }
    found[page.locale_id] = page
    return found


@register.inclusion_tag("localization/switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    return {"links": language_links(context)}


@register.inclusion_tag("localization/hreflang.html", takes_context=True)
def hreflang_links(context) -> dict:
    """Alternates only for real equivalents of this page (search engines want no fallbacks)."""
    links = [link for link in language_links(context) if link.equivalent]
    if len(links) < 2:
        return {"links": [], "default": None}
    default = next((link for link in links if link.code == settings.LANGUAGE_CODE), None)
    return {"links": links, "default": default}


@register.inclusion_tag("localization/head.html", takes_context=True)
def localization_head(context) -> dict:
    """Everything the app adds to <head>: its stylesheet and the hreflang alternates."""
    return hreflang_links(context)


@register.inclusion_tag("localization/translation_notice.html", takes_context=True)
def translation_notice(context) -> dict:
    """Readers of an out-of-date translation are told an update is pending (R78)."""
    page = context.get("page")
    if not isinstance(page, Page) or translation.get_language() == settings.LANGUAGE_CODE:
        return {"outdated": False}
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    source = page.get_translation_or_none(source_locale) if source_locale else None
    outdated = bool(source and page.locale_id != source.locale_id and is_outdated(source, page))
    source_url = next(
        (
            link.url
            for link in language_links(context)
            if link.code == settings.LANGUAGE_CODE and link.equivalent
        ),
        "",
    )
    return {"outdated": outdated, "source_url": source_url}


@register.simple_tag(takes_context=True)
def html_lang(context) -> str:
    """BCP 47 form of the page's language (else the active one) for <html lang> (zh-hans → zh-Hans)."""
    locale_id = getattr(context.get("page"), "locale_id", None)
    code = (locale_codes().get(locale_id) if locale_id else None) or translation.get_language()
    code = code or settings.LANGUAGE_CODE
    return "zh-Hans" if code == "zh-hans" else code


@register.filter
def localized_name(agency) -> str:
    """An agency's English name outside Vietnamese pages, when it has one (R76)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE and getattr(agency, "name_en", ""):
        return agency.name_en
    return agency.name


@register.simple_tag
def translator_props(props: str, instance, user) -> str:
    """wagtail-localize's editor props without the alias conversion and sync stop for people who may not
    publish: the editor then offers neither (the URLs refuse them too, see localization.views)."""
    if isinstance(instance, Page) and instance.permissions_for_user(user).can_publish():
        return props
    data = json.loads(props)
    links = data.setdefault("links", {})
    links["convertToAliasUrl"] = None
    links["stopTranslationUrl"] = ""
    return json.dumps(data)


@register.simple_tag
def vietnamese_changes_for(page):
    """The Vietnamese text changed since this translation was last published (see localization.changes)."""
    from ..changes import vietnamese_changes
    from ..locales import source_locale

    source = page.get_translation_or_none(source_locale()) if page is not None else None
    return vietnamese_changes(source.specific, page) if source is not None else []


@register.filter
def changes_json(changes) -> list[dict]:
    """The changed segments as data for the editor's script (the diff is already escaped HTML)."""
    return [{"after": change.after.strip(), "diff_html": str(change.diff_html)} for change in changes]
