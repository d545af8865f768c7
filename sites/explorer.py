"""The page explorer's site filter, for an installation of thousands of sites (issue 13).

Wagtail's explorer filters by site with one checkbox per site: 3,888 checkboxes rendered on every
explorer view at national scale, which doubled its cost, and a list nobody can use. Here the filter is
a search box: the sites whose name or address contains what was typed, with their pages in every
language. Installed into Wagtail's page filter sets when the app is ready.
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Left, Length
from django.utils.translation import gettext_lazy as _

from .text import address_words, clean_line


class SiteSearchFilter(django_filters.CharFilter):
    """Pages of the sites whose name or host name contains the text ("an xuyen" finds anxuyen.…)."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        from wagtail.models import Page, Site

        text = clean_line(value, 200)  # one NFC line, no control characters (a NUL fails PostgreSQL)
        if not text:
            return qs
        sites = Site.objects.filter(Q(site_name__icontains=text) | Q(hostname__icontains=address_words(text)))
        home_keys = Page.objects.filter(sites_rooted_here__in=sites).values("translation_key")
        # The sites' homes in every language; a page belongs to one if its path starts with the home's.
        homes = (
            Page.objects.filter(translation_key__in=home_keys)
            .annotate(path_length=Length("path"))
            .filter(path=Left(OuterRef("path"), F("path_length")))
        )
        return qs.filter(Exists(homes))


def install() -> None:
    from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet

    for filterset in (PageFilterSet, GenericPageFilterSet):
        filterset.base_filters["site"] = SiteSearchFilter(
            label=_("Site"), help_text=_("Part of the site's name or address, e.g. “An Xuyên” or “anxuyen”.")
        )
