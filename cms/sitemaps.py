"""sitemap.xml per site with every locale (R85, R79): the site's Vietnamese tree and its translations
(`/en/…`), each URL listing its live equivalents as `xhtml:link rel="alternate" hreflang`. Locations and
alternates are Wagtail's full URLs, which sites.public_urls puts on the configured scheme and port."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .queries import public_pages


class LocalisedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = [root, *root.get_translations().live()]
        paths = reduce(or_, (Q(path__startswith=page.path) for page in roots))
        return public_pages(Page).filter(paths).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        by_location = {url["location"]: url for url in urls}
        items = list(self.paginator.page(page).object_list)
        # Every item's live translations in one query, not one per item.
        translations: dict[object, list[Page]] = {}
        for other in (
            public_pages(Page)
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .order_by("path")
        ):
            translations.setdefault(other.translation_key, []).append(other)
        for item in items:
            equivalents = translations.get(item.translation_key, [])
            if len(equivalents) < 2:
                continue
            url = by_location.get(item.get_full_url(self.request))
            if url is not None:
                url["alternates"] = [
                    {"lang_code": other.locale.language_code, "location": other.get_full_url(self.request)}
                    for other in equivalents
                ]
        return urls
