"""Demo: the Cà Mau portal in English – home, introduction pages, a few news items – with one
translation deliberately left behind its Vietnamese source, so the freshness report has work."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from django.db import transaction
from wagtail.models import Locale, Page

from sites.models import Agency
from sites.publishing import publish, publish_child

from .freshness import is_outdated
from .locales import ensure_locale_roots, translate_page
from .models import LanguageSettings, SiteLanguageSettings

PORTAL_EN = {
    "agency_name_en": "Ca Mau Provincial People's Committee",
    "address_en": "No. 2 Hung Vuong Street, An Xuyen Ward, Ca Mau Province",
}

# Introduction pages (R76's mandatory English set); the affiliated-units page stays untranslated so
# the report shows a missing item.
INTRO_PAGES = [
    (
        "co-cau-to-chuc",
        "Cơ cấu tổ chức",
        "Ủy ban nhân dân tỉnh gồm Chủ tịch, các Phó Chủ tịch và các Ủy viên.",
        "Organisational structure",
        "The Provincial People's Committee consists of the Chairman, the Vice Chairmen and the members.",
    ),
    (
        "chuc-nang-nhiem-vu",
        "Chức năng, nhiệm vụ",
        "Ủy ban nhân dân tỉnh là cơ quan hành chính nhà nước ở địa phương, thực hiện quản lý nhà nước trên địa bàn tỉnh.",
        "Functions and duties",
        "The Provincial People's Committee is the local state administrative body that manages the province.",
    ),
    (
        "danh-ba",
        "Thông tin liên hệ",
        "Văn phòng Ủy ban nhân dân tỉnh, số 2 Hùng Vương, phường An Xuyên, tỉnh Cà Mau.",
        "Contacts",
        "Office of the Provincial People's Committee, No. 2 Hung Vuong Street, An Xuyen Ward, Ca Mau Province.",
    ),
    (
        "don-vi-truc-thuoc",
        "Đơn vị trực thuộc",
        "Các sở, ban, ngành và đơn vị trực thuộc Ủy ban nhân dân tỉnh.",
        "",
        "",
    ),
]

NEWS_EN = {
    "quy-che-moi-ve-cong-thong-tin-dien-tu": (
        "Province issues new rules on the e-government portal and component sites",
        "On 12 May 2026 the Ca Mau Provincial People's Committee issued Decision 68/2026/QD-UBND on managing "
        "and operating the provincial portal and agency websites, effective from 28 May 2026.",
    ),
    "trang-thanh-phan-cap-xa": (
        "Communes and wards use fourth-level domains under camau.gov.vn",
        "The websites of commune and ward People's Committees are component sites of the provincial portal "
        "and use the unit's full name, without diacritics, as their domain.",
    ),
}
# This one is republished in Vietnamese after its translation: the report must list it.
OUTDATED_SLUG = "trang-thanh-phan-cap-xa"


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    # The content demo may already have built this section with a richer page type: translate that.
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return publish_child(parent, model, slug, **fields)


def load_translations(progress: Callable[[str], None] = print) -> None:
    portal = Agency.objects.filter(kind=Agency.Kind.PROVINCE).select_related("site").first()
    if portal is None or portal.site is None:
        progress("  localization: no provincial portal, nothing to translate")
        return
    en = Locale.objects.get_or_create(language_code="en")[0]
    with transaction.atomic():
        site_languages = SiteLanguageSettings.for_site(portal.site)
        for field, value in PORTAL_EN.items():
            setattr(site_languages, field, value)
        site_languages.save()
        profile = LanguageSettings.load()
        if not profile.licence_line_en:
            profile.licence_line_en = (
                "Owner: Ca Mau Provincial People's Committee. Operated by the Office of the Provincial "
                "People's Committee (Decision 68/2026/QD-UBND)."
            )
            profile.save()
        ensure_locale_roots(portal, [en])

        home = portal.site.root_page.specific
        translate_page(
            home,
            en,
            {home.title: portal.name_en or "Ca Mau Provincial People's Committee"} | _intro_strings(home),
        )
        _translate_introduction(home, en)
        _translate_news(home, en)
    progress("  localization: English portal home, introduction pages and news (one out of date)")


def _translate_introduction(home: Page, en: Locale) -> None:
    from cms.models import StandardPage

    intro = StandardPage.objects.child_of(home).filter(slug="gioi-thieu").first()
    if intro is None:
        return
    translate_page(intro, en, {intro.title: "Introduction"})
    for slug, title, summary, title_en, summary_en in INTRO_PAGES:
        page = _child(
            intro,
            StandardPage,
            slug,
            title=title,
            summary=summary,
            body=[("paragraph", f"<p>{escape(summary)}</p>")],
        )
        if title_en:
            # The content demo's page may carry another title: translate the one it has.
            translate_page(page, en, {page.title: title_en, title: title_en, summary: summary_en})


def _translate_news(home: Page, en: Locale) -> None:
    from cms.demo import NEWS
    from cms.models import NewsPage

    original_summaries = {slug: summary for _date, slug, _title, summary in NEWS}
    news_index = home.get_children().filter(slug="tin-tuc").first()
    if news_index is None:
        return
    translate_page(news_index, en, {news_index.title: "News and events"})
    for slug, (title_en, summary_en) in NEWS_EN.items():
        item = NewsPage.objects.child_of(news_index).filter(slug=slug).first()
        if item is None:
            continue
        strings = {
            item.title: title_en,
            item.summary: summary_en,
            original_summaries.get(slug, item.summary): summary_en,  # the body repeats it
            item.source: "Ca Mau Provincial Portal",
        }
        translate_page(item, en, strings, publish=True)

    outdated = NewsPage.objects.child_of(news_index).filter(slug=OUTDATED_SLUG).first()
    if outdated is not None:
        # The Vietnamese text gains a sentence after the translation was made (R78).
        extra = " Tên miền do Sở Khoa học và Công nghệ quản lý."
        if not outdated.summary.endswith(extra):
            outdated.summary += extra
        publish(outdated)
        outdated.refresh_from_db()
        english = outdated.get_translation(en)
        if not is_outdated(outdated, english):
            raise RuntimeError("the demo's out-of-date translation is not detected as out of date")


def _intro_strings(home: Page) -> dict[str, str]:
    intro = "Cổng Thông tin điện tử tỉnh Cà Mau là kênh thông tin chính thức"
    return dict.fromkeys(
        _segments_starting(home, intro),
        "The Ca Mau Provincial Portal is the official online channel of the Provincial People's Committee, "
        "bringing together information from the departments and the communes and wards.",
    )


def _segments_starting(page: Page, prefix: str) -> list[str]:
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _created = TranslationSource.update_or_create_from_instance(page.specific)
    return [
        s.string.data
        for s in StringSegment.objects.filter(source=source).select_related("string")
        if s.string.data.startswith(prefix)
    ]
