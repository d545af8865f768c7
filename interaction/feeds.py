"""RSS of draft consultations (R69): on the portal every site's, on a component site its own."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.queries import public_pages
from sites.models import Agency
from sites.public_urls import absolute_url, page_url

from .models import ConsultationPage


class ConsultationFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        self.request = request
        return site

    def title(self, site) -> str:
        return _("Draft consultations – %(site)s") % {"site": site.site_name or site.hostname}

    # Absolute on the configured scheme and port (sites.public_urls), not the request's.
    def link(self, site) -> str:
        return page_url(site.root_page, self.request) or absolute_url(self.request)

    def feed_url(self, site) -> str:
        return absolute_url(self.request, self.request.path)

    def description(self, site) -> str:
        return self.title(site)

    def items(self, site):
        pages = public_pages(ConsultationPage)
        agency = Agency.objects.filter(site=site).first()
        if agency is None or not agency.is_portal:
            pages = pages.descendant_of(site.root_page)
        return pages.order_by("-opens_at")[:30]

    def item_title(self, item: ConsultationPage) -> str:
        return f"{item.title} ({item.get_state_display()})"

    def item_description(self, item: ConsultationPage) -> str:
        closes = item.closes_at.astimezone().strftime("%d/%m/%Y %H:%M")
        return _("Comments until %(closes)s. %(summary)s") % {
            "closes": closes,
            "summary": strip_tags(item.summary)[:500],
        }

    def item_link(self, item: ConsultationPage) -> str:
        return page_url(item, self.request)

    def item_pubdate(self, item: ConsultationPage):
        return item.opens_at
