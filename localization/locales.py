"""Locales, locale roots and who may work on them.

Every site has one page tree per locale: the Vietnamese home page is the Site's root and each foreign
locale's home page is its wagtail-localize translation, a sibling under Wagtail's root node. Because
that sibling lies outside the Vietnamese subtree, it inherits neither the site's page permissions nor
its workflow; `ensure_locale_roots` gives it both (issue 6, item 3).

We deliberately do not use wagtail-localize's LocaleSynchronization: it fills foreign trees with
aliases of untranslated Vietnamese pages, which would publish Vietnamese text under /en/ and put empty
sections in the English menu (R80). A foreign tree holds only pages someone has translated.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupPagePermission, Locale, Page, Site, WorkflowPage
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from sites.cache import cached_fragment
from sites.models import Agency, AgencyGroup

from .models import LanguageSettings, SiteLanguageSettings, TranslatorGroup, UrlStrategy

# english.camau.gov.vn (CM26 Art 5.2.b); the other prefixes follow the same pattern.
HOST_PREFIXES: dict[str, str] = {"en": "english", "ko": "korean", "zh-hans": "chinese", "ja": "japanese"}
PREFIX_LANGUAGES: dict[str, str] = {prefix: code for code, prefix in HOST_PREFIXES.items()}

# What a translator may do on their locale's tree: write and submit, never publish.
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def source_locale() -> Locale:
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def foreign_language_codes(request=None) -> list[str]:
    return LanguageSettings.load(request_or_site=request).foreign_language_codes()


def foreign_locales() -> list[Locale]:
    """The enabled foreign locales, created on first use so enabling a language needs no migration."""
    return [Locale.objects.get_or_create(language_code=code)[0] for code in foreign_language_codes()]


def url_strategy(site: Site, request=None) -> str:
    """The site's choice, else the province's; with a request, read through Wagtail's per-request cache."""
    if request is not None and Site.find_for_request(request) == site:
        override = SiteLanguageSettings.for_request(request).url_strategy
    else:
        override = SiteLanguageSettings.for_site(site).url_strategy
    return override or LanguageSettings.load(request_or_site=request).effective_url_strategy


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


# --- translating through wagtail-localize ----------------------------------------------------


def translate_page(
    page: Page,
    locale: Locale,
    strings: Mapping[str, str] | None = None,
    *,
    user=None,
    publish: bool = True,
) -> Page:
    """Create or update the `locale` translation of `page` with wagtail-localize.

    `strings` maps Vietnamese segment text to its translation (what a translator types in the
    translation editor); segments without one keep the source text. The source is re-read from the
    page first, which is what "Sync translated pages" does.
    """
    page = page.specific
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        if strings:
            for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
                text = strings.get(segment.string.data)
                if text:
                    StringTranslation.objects.update_or_create(
                        translation_of=segment.string,
                        locale=locale,
                        context=segment.context,
                        defaults={
                            "data": text,
                            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                            "last_translated_by": user,
                        },
                    )
        # wagtail-localize publishes in an on_commit callback; publish here so callers (and the
        # demo's ordering of events) see the published translation at once.
        translation.save_target(user=user, publish=False)
        translated = page.get_translation(locale).specific
        if publish:
            translated.get_latest_revision().publish(user=user)
            translated.refresh_from_db()
    return translated


def source_string(value: str, locale: Locale | None = None) -> String | None:
    return String.objects.filter(locale=locale or source_locale(), data=value).first()


# --- locale roots ------------------------------------------------------------------------------


def translator_group(agency: Agency, locale: Locale) -> Group:
    """English uses the agency's provisioned translators group; each further locale gets its own."""
    link = TranslatorGroup.objects.filter(agency=agency, locale=locale).select_related("group").first()
    if link is not None:
        return link.group
    if locale.language_code == "en":
        group = AgencyGroup.objects.get(agency=agency, role=AgencyGroup.Role.TRANSLATORS).group
    else:
        base = AgencyGroup.objects.get(agency=agency, role=AgencyGroup.Role.TRANSLATORS).group
        group, _created = Group.objects.get_or_create(name=f"{base.name} ({locale.language_code})")
        group.permissions.add(*base.permissions.all())
    TranslatorGroup.objects.create(agency=agency, locale=locale, group=group)
    return group


def ensure_locale_roots(agency: Agency, locales: list[Locale] | None = None) -> dict[str, Page]:
    """Give the agency's site a home page in every enabled foreign locale, with its permissions
    and workflow. Idempotent; a new locale root starts as an unpublished draft for translators."""
    site = agency.site
    if site is None:
        return {}
    home = site.root_page.specific
    roots: dict[str, Page] = {}
    created = False
    for locale in locales if locales is not None else foreign_locales():
        root = home.get_translation_or_none(locale)
        if root is None or _claimed_draft(home, root, locale):
            strings = (
                {home.title: agency.name_en} if agency.name_en and locale.language_code == "en" else None
            )
            root = translate_page(home, locale, strings, publish=False)
            created = True
        mirror_permissions(agency, home, root, locale)
        mirror_workflow(home, root)
        roots[locale.language_code] = root
    if created:
        Site.clear_site_root_paths_cache()
    return roots


def _claimed_draft(home: Page, root: Page, locale: Locale) -> bool:
    """The draft that provisioning's claim copied for a new site (localization.signals), which
    wagtail-localize has not filled in yet: never published and no translation of the home."""
    return (
        root.first_published_at is None
        and not Translation.objects.filter(
            source__object_id=home.translation_key, target_locale=locale
        ).exists()
    )


def mirror_permissions(agency: Agency, home: Page, root: Page, locale: Locale) -> None:
    """The site's groups keep on the locale root what they have on the Vietnamese root; the
    locale's translators get edit rights there only (no publish: their work goes to review)."""
    from django.contrib.auth.models import Permission

    translators = {link.group_id for link in TranslatorGroup.objects.filter(agency=agency)}
    translators.add(AgencyGroup.objects.get(agency=agency, role=AgencyGroup.Role.TRANSLATORS).group_id)
    grants = [
        GroupPagePermission(group_id=grant.group_id, page=root, permission_id=grant.permission_id)
        for grant in GroupPagePermission.objects.filter(page=home).exclude(group_id__in=translators)
    ]
    group = translator_group(agency, locale)
    grants += [
        GroupPagePermission(group=group, page=root, permission=permission)
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=TRANSLATOR_PAGE_PERMISSIONS
        )
    ]
    # Unique per (group, page, permission): a rerun adds only what is missing.
    GroupPagePermission.objects.bulk_create(grants, ignore_conflicts=True)


def mirror_workflow(home: Page, root: Page) -> None:
    """A translation follows the same moderation as its Vietnamese source (issue 3's workflow)."""
    # Fresh from the database: a caller's instance may carry a cached, since replaced, assignment.
    workflow = Page.objects.get(pk=home.pk).get_workflow()
    if workflow is None:
        WorkflowPage.objects.filter(page=root).delete()
        return
    if root.get_workflow() != workflow:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def site_for_page(page: Page) -> Site | None:
    """The site a page of any locale belongs to."""
    agency = Agency.objects.for_page(page)
    return agency.site if agency is not None else None


def site_locale_roots(site: Site) -> dict[str, Page]:
    """The site's home page in each language it has (its locale roots), by language code. Kept as a
    fragment: publishing, unpublishing, moving or deleting a locale home replaces the version
    (caching.signals, ``changes_menu``)."""

    def compute() -> dict[str, Page]:
        roots = Page.objects.filter(depth=2, translation_key=site.root_page.translation_key)
        return {root.locale.language_code: root for root in roots.select_related("locale")}

    return cached_fragment("locale-roots", compute, site.pk)


def locale_root(site: Site, locale: Locale) -> Page | None:
    root = site.root_page
    if root.locale_id == locale.id:
        return root
    return root.get_translation_or_none(locale)


def is_host_strategy(site: Site) -> bool:
    return url_strategy(site) == UrlStrategy.HOST
