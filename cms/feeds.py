"""RSS feeds (R73): one per site, and one per news category of that site."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from sites.public_urls import absolute_url, page_url

from .models import AnnouncementPage, DirectionPage, LegalDisseminationPage, NewsCategory, NewsPage
from .queries import is_portal_site, public_pages

FEED_SIZE = 30
ARTICLE_TYPES = (NewsPage, AnnouncementPage, DirectionPage, LegalDisseminationPage)


class SiteFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, category: str | None = None):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        self.request = request
        chosen = None
        if category is not None:
            chosen = NewsCategory.objects.filter(Q(site=site) | Q(site__isnull=True), slug=category).first()
            if chosen is None:
                raise Http404(_("No such news category."))
        return {"site": site, "category": chosen}

    def title(self, obj) -> str:
        name = obj["site"].site_name or obj["site"].hostname
        return f"{name} – {obj['category'].name}" if obj["category"] else name

    # Every address in the feed, its own included, is absolute on the configured scheme and port
    # (sites.public_urls); Django would otherwise prefix the request's host and port.
    def link(self, obj) -> str:
        return page_url(obj["site"].root_page.localized, self.request) or absolute_url(self.request)

    def feed_url(self, obj) -> str:
        return absolute_url(self.request, self.request.path)

    def description(self, obj) -> str:
        return (
            obj["category"].description
            if obj["category"] and obj["category"].description
            else self.title(obj)
        )

    def items(self, obj):
        root = obj["site"].root_page.localized  # the language being read (/en/rss/: the English tree)
        if obj["category"] is not None:
            news = public_pages(NewsPage).descendant_of(root)
            if is_portal_site(obj["site"]):
                news = news | NewsPage.syndicated(root.locale)
            return list(news.filter(categories=obj["category"]).order_by("-first_published_at")[:FEED_SIZE])
        pages = public_pages(Page).descendant_of(root).type(*ARTICLE_TYPES)
        if is_portal_site(obj["site"]):
            # The portal's feed also carries component news marked for the portal (R11), once each.
            pages = pages | Page.objects.filter(pk__in=NewsPage.syndicated(root.locale).values("pk"))
        return list(pages.order_by("-first_published_at").specific()[:FEED_SIZE])

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return getattr(item, "summary", "") or item.search_description

    def item_link(self, item) -> str:
        return page_url(item, self.request)

    def item_pubdate(self, item):
        # The item's own date (what readers see on the page), not when the record was (re)loaded.
        date = getattr(item, "date", None)
        if date:
            return timezone.make_aware(dt.datetime.combine(date, dt.time()))
        return item.first_published_at

    def item_author_name(self, item) -> str | None:
        return getattr(item, "author", "") or None

    def item_categories(self, item):
        if isinstance(item, NewsPage):
            return [category.name for category in item.categories.all()]
        return ()
