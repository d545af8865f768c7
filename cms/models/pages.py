"""Page types. Every site's tree starts at a HomePage; the portal's home also lists the component sites."""

from __future__ import annotations

from functools import cached_property
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, Site
from wagtail.search import index

from sites.cache import content_topic
from sites.collation import vietnamese_key
from sites.context_processors import request_agency
from sites.models import Agency

from ..blocks import AttachmentsBlock, BodyBlock
from ..listing import ChoiceFilter, run_listing
from ..queries import mark_origins, portal_condition, public_pages
from .base import ContentPage, MetadataMixin
from .snippets import NewsCategory

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


class HomePage(MetadataMixin, Page):
    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        if site is not None and site.root_page_id == self.pk:
            agency = request_agency(request)
        else:
            agency = Agency.objects.filter(site__root_page=self).first()
        context["sections"] = HomeSections(self, agency)
        if agency is None or agency.is_portal:
            # Called by the template only when its rendered fragment is not cached: the directory
            # grows with the number of sites, and no request should load (or unpickle) it otherwise.
            context["show_directory"] = True
            context["directory"] = component_site_directory
        return context


class HomeSections:
    """A home's latest news and quick links. The template keeps them rendered as a fragment
    (sites.cache) until a page of the kinds they show changes in the home's tree (its ``topics``;
    every tree's news for the portal), so they are queried only when that fragment is not kept."""

    def __init__(self, home: HomePage, agency: Agency | None) -> None:
        self.home = home
        self.agency = agency
        self.portal = agency is not None and agency.is_portal

    @cached_property
    def topics(self) -> list[str]:
        news = content_topic(NewsPage, None if self.portal else self.home.path)
        return [news, *(content_topic(model, self.home.path) for model, _key in quick_link_models())]

    @cached_property
    def latest_news(self) -> list[NewsPage]:
        if self.portal:
            news = NewsPage.for_portal(locale=self.home.locale_id)
        else:
            news = public_pages(NewsPage).descendant_of(self.home)
        latest = list(NewsPage.as_cards(news).order_by("-date", "-pk")[:6])
        if self.portal:
            mark_origins(latest, self.agency)
        return latest

    @cached_property
    def quick_links(self) -> list[tuple[str, Page]]:
        return home_quick_links(self.home)


def quick_link_models() -> list[tuple[type[Page], str]]:
    """(page model, icon key) for each entry of settings.CONG_HOME_QUICK_LINKS whose app is installed:
    procedures, documents, the leaders' schedule, budget … (and whatever other apps add, e.g. Q&A)."""
    from django.apps import apps
    from django.conf import settings

    models_and_keys = []
    for model_label, key in getattr(settings, "CONG_HOME_QUICK_LINKS", []):
        try:
            models_and_keys.append((apps.get_model(model_label), key))
        except (LookupError, ValueError):
            continue  # an app that is not installed
    return models_and_keys


def home_quick_links(home: Page) -> list[tuple[str, Page]]:
    """(icon key, page) for each quick-link page type (quick_link_models) present under this home.
    The first of each type in tree order; two queries for all of them."""
    from django.contrib.contenttypes.models import ContentType

    keys: dict[int, str] = {}
    for model, key in quick_link_models():
        keys.setdefault(ContentType.objects.get_for_model(model).pk, key)
    first_paths = (
        public_pages(Page)
        .descendant_of(home)
        .filter(content_type__in=list(keys))
        .values("content_type")
        .annotate(first=models.Min("path"))
        .values_list("first", flat=True)
    )
    pages = {page.content_type_id: page for page in Page.objects.filter(path__in=list(first_paths))}
    return [(key, pages[type_id]) for type_id, key in keys.items() if type_id in pages]


def component_site_directory() -> list[tuple[str, str, int, list[Agency]]]:
    """(kind, its name, how many, the agencies to list) for each kind of active agency with a site,
    in the directory's order. A kind of more than settings.CONG_DIRECTORY_LIST_LIMIT sites lists none:
    the home offers a search and a link to the whole directory (cms.views.component_sites) instead of
    thousands of links."""
    from django.conf import settings

    limit = getattr(settings, "CONG_DIRECTORY_LIST_LIMIT", 150)
    agencies = Agency.objects.active().with_site().exclude(kind=Agency.Kind.PROVINCE)
    counts = dict(agencies.values_list("kind").annotate(number=models.Count("pk")).order_by())
    listed = [kind for kind, number in counts.items() if number <= limit]
    rank = {kind: n for n, kind in enumerate(DIRECTORY_ORDER)}
    ordered = sorted(
        agencies.filter(kind__in=listed).select_related("site"),
        key=lambda a: (rank.get(a.kind, 99), vietnamese_key(a.name)),
    )
    groups = {kind: list(group) for kind, group in groupby(ordered, key=lambda a: a.kind)}
    return [
        (kind, Agency.Kind(kind).label, counts[kind], groups.get(kind, []))
        for kind in sorted(counts, key=lambda kind: rank.get(kind, 99))
    ]


class StandardPage(MetadataMixin, Page):
    """Introduction, functions and duties, history and other free-form pages."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ("organisation", "functions", "units", "contacts")

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(MetadataMixin, Page):
    """Tin tức, sự kiện: news and announcements, filterable by category, with an RSS feed per category."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.NewsPage", "cms.AnnouncementPage"]
    # Shows the category list: the page cache purges this page when a category changes (caching app).
    cache_depends_on = ("cms.NewsCategory",)

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = Agency.objects.for_page(self)
        # The portal's listing also carries component sites' news marked for the portal (R11): the
        # originals themselves, attributed to their site in the template, never copies.
        is_portal = agency is not None and agency.is_portal
        items = NewsPage.for_portal(index=self) if is_portal else public_pages(NewsPage).child_of(self)
        site = self.get_site() or (agency.site if agency else None)
        categories = NewsCategory.objects.filter(models.Q(site=site) | models.Q(site__isnull=True))
        # The categories are links above the list (not a form): the filter reads ?category=<slug>.
        by_category = ChoiceFilter(
            "category",
            _("category"),
            choices=[(c.slug, c.name) for c in categories],
            field="categories__slug",
        )
        listing = run_listing(request.GET, NewsPage.as_cards(items), [by_category], order=("-date",))
        context.update(listing.context())
        context["categories"] = categories
        context["aggregates_components"] = is_portal
        context["category"] = next((c for c in categories if c.slug == listing.values["category"]), None)
        if is_portal:
            mark_origins(context["items"], agency)
        context["announcements"] = public_pages(AnnouncementPage).child_of(self).order_by("-date")[:10]
        return context


class NewsPage(ContentPage):
    """A news or event article (R20): attribution per HN19 Art 8.4, featured image, categories, related items."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "news"
    information_dates = {"event_time": ("event_time", "date")}
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    @staticmethod
    def as_cards(queryset: models.QuerySet) -> models.QuerySet:
        """News for cards: each item's image and its renditions come with the items (two queries for
        a whole list) instead of one query for each image and a cache read and write for each picture."""
        return queryset.select_related("featured_image").prefetch_related("featured_image__renditions")

    @classmethod
    def syndicated(cls, locale: Locale | None = None) -> models.QuerySet:
        """Component sites' news their editors marked "show on the provincial portal" (R11)."""
        queryset = public_pages(cls).filter(show_on_portal=True).exclude(portal_condition())
        return queryset.filter(locale=locale) if locale is not None else queryset

    @classmethod
    def for_portal(cls, index: Page | None = None, locale: Locale | int | None = None) -> models.QuerySet:
        """The portal's news: its own items (children of ``index`` when given, else anywhere on the
        portal) and the component sites' items marked for the portal — each story once, the original
        itself (R11, R44)."""
        portal = portal_condition()
        if index is not None:
            own = models.Q(path__startswith=index.path, depth=index.depth + 1)
            locale = locale or index.locale_id  # the id: no query for the Locale row
        else:
            own = portal
        queryset = public_pages(cls).filter(own | (models.Q(show_on_portal=True) & ~portal))
        return queryset.filter(locale=locale) if locale is not None else queryset

    date = models.DateField(_("date"))
    event_time = models.DateTimeField(
        _("event date and time"), null=True, blank=True, help_text=_("When the event itself happened.")
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("The lead paragraph (sapo)."))
    author = models.CharField(
        _("author(s)"), max_length=255, blank=True, help_text=_("Separate several authors with “;”.")
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    is_reused = models.BooleanField(
        _("reused content"),
        default=False,
        help_text=_("Taken from another publication: the source must then be given (HN19 Art 8.4)."),
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_caption = models.CharField(_("image caption"), max_length=255, blank=True)
    image_author = models.CharField(_("photographer"), max_length=255, blank=True)
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("categories"), blank=True)
    show_on_portal = models.BooleanField(_("show on the provincial portal"), default=False)
    is_typical = models.BooleanField(_("typical activity news"), default=False)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("event_time"), FieldPanel("location")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("image_caption"), FieldPanel("image_author")],
            heading=_("Featured image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("is_reused"), FieldPanel("source"), FieldPanel("source_url")],
            heading=_("Author and source"),
        ),
        FieldPanel("categories"),
        FieldRowPanel([FieldPanel("show_on_portal"), FieldPanel("is_typical")]),
        InlinePanel("related_links", label=_("Related items")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    template = "cms/news_page.html"
    is_article = True

    class Meta:
        verbose_name = _("news item")

    def validate_content(self) -> None:
        if self.is_reused and not (self.source or "").strip():
            raise ValidationError({"source": _("Reused content must name its source (HN19 Art 8.4).")})

    @property
    def authors(self) -> list[str]:
        return [name.strip() for name in self.author.split(";") if name.strip()]

    # Read by the page's metadata (Dublin Core) and by its template: loaded once per rendering.
    @cached_property
    def related_pages(self) -> list[Page]:
        return [link.target for link in self.related_links.select_related("target") if link.target.live]

    @cached_property
    def category_list(self) -> list[NewsCategory]:
        return list(self.categories.all())

    def dc_defaults(self) -> dict:
        return {
            "creator": self.authors,
            "subject": [category.name for category in self.category_list],
            "description": self.summary,
            "source": [self.source, self.source_url],
            "relation": [page.full_url for page in self.related_pages],
            "coverage": self.location,
        }


class NewsPageRelatedLink(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("related page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]


class AnnouncementPage(ContentPage):
    """A notice (thông báo): invitations, recruitment, suspension notices … with files and an end date."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "news"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    date = models.DateField(_("date"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("attachments"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("valid_until")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    is_article = True

    class Meta:
        verbose_name = _("announcement")

    def validate_content(self) -> None:
        if self.valid_until and self.date and self.valid_until < self.date:
            raise ValidationError(
                {"valid_until": _("The end date cannot be before the announcement's date.")}
            )

    def facts(self):
        return [(_("Date"), self.date), (_("Valid until"), self.valid_until)]
