"""Page types. Every site's tree starts at a HomePage; the portal's home also lists the component sites."""

from __future__ import annotations

from itertools import groupby

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from sites.models import Agency

from ..blocks import BodyBlock

# Component kinds in the order the portal's directory shows them (R11).
DIRECTORY_ORDER = [
    Agency.Kind.DEPARTMENT,
    Agency.Kind.PROVINCIAL_UNIT,
    Agency.Kind.WARD,
    Agency.Kind.COMMUNE,
    Agency.Kind.SPECIAL_ZONE,
    Agency.Kind.SUBUNIT,
    Agency.Kind.ORGANISATION,
]


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = NewsPage.objects.live().descendant_of(self).order_by("-date", "-pk")[:6]
        agency = Agency.objects.filter(site__root_page=self).first()
        if agency is None or agency.is_portal:
            context["directory"] = component_site_directory()
        return context


def component_site_directory() -> list[tuple[str, list[Agency]]]:
    """Active agencies with a site, grouped by kind in the directory's order."""
    agencies = Agency.objects.active().with_site().exclude(kind=Agency.Kind.PROVINCE).select_related("site")
    rank = {kind: n for n, kind in enumerate(DIRECTORY_ORDER)}
    ordered = sorted(agencies, key=lambda a: (rank.get(a.kind, 99), a.name))
    return [(Agency.Kind(kind).label, list(group)) for kind, group in groupby(ordered, key=lambda a: a.kind)]


class StandardPage(Page):
    """Introduction, functions and duties, history and other free-form pages."""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")
        return context


class NewsPage(Page):
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("source"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]

    class Meta:
        verbose_name = _("news item")
