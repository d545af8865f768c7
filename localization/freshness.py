"""Translation freshness (R78) and the mandatory English set (R76), per site."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail_localize.models import TranslationSource

from sites.text import fold

from .locales import foreign_locales, locale_root, source_locale


@dataclass(frozen=True)
class StaleTranslation:
    source: Page
    translation: Page
    source_published_at: datetime | None
    synced_at: datetime | None

    @property
    def locale(self) -> Locale:
        return self.translation.locale

    # The report's export columns.
    @property
    def title(self) -> str:
        return self.translation.title

    @property
    def source_title(self) -> str:
        return self.source.title

    @property
    def language(self) -> str:
        return self.locale.get_display_name()


def _synced_at(page: Page) -> datetime | None:
    source = (
        TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id)
        .only("last_updated_at")
        .first()
    )
    return source.last_updated_at if source else None


def is_outdated(source: Page, translation: Page, synced_at: datetime | None = None) -> bool:
    """Out of date when the Vietnamese page was published after the translation last took in its
    content, or when the new content was synced but the translation is not republished yet."""
    if not source.last_published_at:
        return False
    synced = synced_at if synced_at is not None else _synced_at(source)
    if synced is None:  # translated by hand, outside wagtail-localize
        return (
            translation.last_published_at is None or translation.last_published_at < source.last_published_at
        )
    if source.last_published_at > synced:
        return True
    return translation.live and (
        translation.last_published_at is None or translation.last_published_at < synced
    )


def outdated_translations(site: Site, locales: list[Locale] | None = None) -> list[StaleTranslation]:
    """Every live translation in the site's foreign trees whose Vietnamese source moved on."""
    home = site.root_page
    vi = source_locale()
    results = []
    for locale in locales if locales is not None else foreign_locales():
        root = locale_root(site, locale)
        if root is None:
            continue
        translations = Page.objects.descendant_of(root, inclusive=True).filter(alias_of__isnull=True)
        sources = {
            page.translation_key: page
            for page in Page.objects.descendant_of(home, inclusive=True).filter(
                locale=vi, translation_key__in=translations.values("translation_key")
            )
        }
        synced = dict(
            TranslationSource.objects.filter(object_id__in=list(sources), locale=vi).values_list(
                "object_id", "last_updated_at"
            )
        )
        for translation in translations.order_by("path"):
            source = sources.get(translation.translation_key)
            if source is None:
                continue
            synced_at = synced.get(source.translation_key)
            if is_outdated(source, translation, synced_at):
                results.append(StaleTranslation(source, translation, source.last_published_at, synced_at))
    return results


# The mandatory English set (ND42 Art 7.2; R76): matched on the Vietnamese pages' slugs or titles, among
# the pages whose type declares the item in its `english_set` (docs/adding-a-page-type.md).
MANDATORY_ENGLISH_ITEMS: list[tuple[str, object, tuple[str, ...]]] = [
    ("organisation", _("Organisational structure"), ("co-cau-to-chuc", "to-chuc-bo-may")),
    ("functions", _("Functions, duties and powers"), ("chuc-nang-nhiem-vu", "chuc-nang-nhiem-vu-quyen-han")),
    ("units", _("Affiliated units"), ("don-vi-truc-thuoc", "cac-don-vi-truc-thuoc")),
    ("contacts", _("Contacts of competent officials"), ("lien-he", "thong-tin-lien-he", "danh-ba")),
]


ENGLISH_SET_KEYS = tuple(key for key, _label, _slugs in MANDATORY_ENGLISH_ITEMS)


def english_set_models(key: str) -> list[type[Page]]:
    """The page types that may carry this mandatory English item (their own `english_set` says so;
    tests/test_page_type_contract.py checks every type declares one)."""
    return [model for model in get_page_models() if key in model.__dict__.get("english_set", ())]


@dataclass(frozen=True)
class MandatoryItem:
    key: str
    label: object
    source: Page | None  # the Vietnamese page, or None when the site has none yet
    translation: Page | None  # its published English translation, if any

    @property
    def missing(self) -> bool:
        return self.translation is None


def mandatory_english_set(site: Site) -> list[MandatoryItem]:
    """Each mandatory item with the Vietnamese page that carries it and its English translation."""
    en = Locale.objects.filter(language_code="en").first()
    pages = list(
        Page.objects.descendant_of(site.root_page).live().filter(depth__lte=site.root_page.depth + 2)
    )
    items = []
    for key, label, slugs in MANDATORY_ENGLISH_ITEMS:
        types = {ct.pk for ct in ContentType.objects.get_for_models(*english_set_models(key)).values()}
        source = next(
            (
                p
                for p in pages
                if p.content_type_id in types and (p.slug in slugs or slugify(fold(p.title)) in slugs)
            ),
            None,
        )
        translation = None
        if source is not None and en is not None:
            translation = (
                source.get_translations().filter(locale=en, live=True, alias_of__isnull=True).first()
            )
        items.append(MandatoryItem(key, label, source, translation))
    return items


@dataclass(frozen=True)
class Untranslated:
    page: Page
    locale: Locale


def untranslated_pages(
    site: Site, locales: list[Locale] | None = None, limit: int = 200
) -> list[Untranslated]:
    """Published Vietnamese pages a translator can start now: not in the locale yet, parent translated.
    (Translators cannot browse the Vietnamese tree in the explorer, so this list is their way in.)"""
    home = site.root_page
    results: list[Untranslated] = []
    for locale in locales if locales is not None else foreign_locales():
        root = locale_root(site, locale)
        if root is None:
            continue
        translated = set(
            Page.objects.descendant_of(root, inclusive=True).values_list("translation_key", flat=True)
        )
        candidates = Page.objects.descendant_of(home).live().filter(locale=home.locale_id).order_by("path")
        for page in candidates.exclude(translation_key__in=translated)[: limit * 4]:
            parent_key = Page.objects.filter(path=page.path[: -Page.steplen]).values_list(
                "translation_key", flat=True
            )
            if parent_key and parent_key[0] in translated:
                results.append(Untranslated(page, locale))
            if len(results) >= limit:
                return results
    return results
