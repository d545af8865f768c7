"""Giới thiệu (R19, R31): agency profile, organisation structure, leaders, boundary map, province topics and
the contact directory generated from the Agency registry."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.collation import vietnamese_key
from sites.models import Agency

from ..blocks import BodyBlock
from ..queries import public_pages
from .base import ContentPage, MetadataMixin

IMAGE_MODEL = "wagtailimages.Image"


class AgencyProfilePage(ContentPage):
    """Giới thiệu chung: functions, duties and powers, history and the organisation chart of the agency."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ("functions",)

    summary = models.TextField(_("summary"), blank=True)
    functions = RichTextField(_("functions, duties and powers"))
    history = RichTextField(_("summary history"), blank=True)
    org_chart = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("organisation chart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("more information"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("functions"),
        FieldPanel("history"),
        FieldPanel("org_chart"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("functions"), index.SearchField("history")]

    class Meta:
        verbose_name = _("agency profile")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agency"] = Agency.objects.for_page(self)
        context["units"] = public_pages(OrganisationUnitPage).descendant_of(self.get_site().root_page)
        context["leaders"] = public_pages(LeaderPage).descendant_of(self.get_site().root_page)
        return context


class OrganisationStructurePage(ContentPage):
    """Cơ cấu tổ chức: the chart image and the tree of units below it (each unit is a child page)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ("organisation", "units")

    intro = RichTextField(_("introduction"), blank=True)
    org_chart = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("organisation chart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("org_chart")]
    subpage_types = ["cms.OrganisationUnitPage"]

    class Meta:
        verbose_name = _("organisation structure")

    def unit_tree(self) -> list[dict]:
        """Nested units in tree order: [{'unit': page, 'children': [...]}, ...]."""
        units = list(public_pages(OrganisationUnitPage).descendant_of(self).order_by("path"))
        nodes: dict[str, dict] = {}
        roots: list[dict] = []
        for unit in units:
            node = {"unit": unit, "children": []}
            nodes[unit.path] = node
            parent = nodes.get(unit.path[: -Page.steplen])
            (parent["children"] if parent else roots).append(node)
        return roots


class OrganisationUnitPage(ContentPage):
    """An affiliated or internal unit with its functions and duties; units nest to form the tree."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class UnitKind(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership")
        ADVISORY = "advisory", _("Advisory unit (phòng, ban)")
        AFFILIATED = "affiliated", _("Affiliated unit (đơn vị trực thuộc)")
        PUBLIC_SERVICE = "public_service", _("Public service unit (đơn vị sự nghiệp)")

    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.ADVISORY)
    functions = RichTextField(_("functions and duties"))
    head_name = models.CharField(_("head"), max_length=255, blank=True)
    head_title = models.CharField(_("head's position"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("functions"),
        FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_title")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
        FieldPanel("website"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("functions")]
    parent_page_types = ["cms.OrganisationStructurePage", "cms.OrganisationUnitPage"]
    subpage_types = ["cms.OrganisationUnitPage"]

    class Meta:
        verbose_name = _("organisation unit")

    def facts(self):
        head = " ".join(part for part in (self.head_title, self.head_name) if part)
        return [
            (_("Kind"), self.get_kind_display()),
            (_("Head"), head),
            (_("Address"), self.address),
            (_("Phone"), self.phone),
            (_("Fax"), self.fax),
            (_("Email"), self.email),
            (_("Website"), self.website),
        ]


class LeaderIndexPage(MetadataMixin, Page):
    """Lãnh đạo: the agency's leaders in the order the editor gives them."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.LeaderPage"]

    class Meta:
        verbose_name = _("leaders")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = public_pages(LeaderPage).child_of(self).order_by("path")
        return context


class LeaderPage(ContentPage):
    """A leader's profile: a summary biography and the duties assigned are both required (R19)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    position = models.CharField(_("position"), max_length=255)
    photo = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = RichTextField(_("summary biography"))
    duties = RichTextField(_("assigned duties"))
    term = models.CharField(_("term"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("official email"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("duties"),
        FieldRowPanel([FieldPanel("term"), FieldPanel("phone"), FieldPanel("email")]),
    ]
    search_fields = [*Page.search_fields, index.SearchField("position"), index.SearchField("biography")]
    parent_page_types = ["cms.LeaderIndexPage"]

    class Meta:
        verbose_name = _("leader profile")

    def facts(self):
        return [
            (_("Position"), self.position),
            (_("Term"), self.term),
            (_("Phone"), self.phone),
            (_("Email"), self.email),
        ]

    def dc_defaults(self) -> dict:
        return {"subject": [self.position], "description": f"{self.title} – {self.position}"}


class ProvinceTopicPage(ContentPage):
    """Điều kiện tự nhiên, lịch sử, văn hóa, di tích, danh thắng, lễ hội, làng nghề, du lịch (R19, R34)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class Topic(models.TextChoices):
        NATURAL = "natural", _("Natural conditions")
        HISTORY = "history", _("History")
        CULTURE = "culture", _("Cultural traditions")
        LANDMARKS = "landmarks", _("Relics and landmarks")
        FESTIVALS = "festivals", _("Festivals")
        CRAFTS = "crafts", _("Craft villages")
        TOURISM = "tourism", _("Tourist routes and sites")
        SOCIO_ECONOMIC = "socio_economic", _("Socio-economic situation")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    summary = models.TextField(_("summary"), blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    image = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("topic"), FieldPanel("location")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("province profile topic")

    def facts(self):
        return [(_("Topic"), self.get_topic_display()), (_("Location"), self.location)]

    def dc_defaults(self) -> dict:
        return {"subject": [self.get_topic_display()], "coverage": self.location}


class AdministrativeMapPage(ContentPage):
    """Bản đồ địa giới hành chính: the map (image and/or PDF) and the natural area of each commune."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    summary = models.TextField(_("summary"), blank=True)
    map_image = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("map image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    map_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("map file (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    effective_date = models.DateField(_("in effect from"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("map_image"), FieldPanel("map_document")]),
        FieldPanel("effective_date"),
        InlinePanel("areas", label=_("Communes and wards with their natural area")),
    ]

    class Meta:
        verbose_name = _("administrative map")

    def validate_content(self) -> None:
        if not self.map_image and not self.map_document:
            raise ValidationError({"map_image": _("Upload the map as an image or as a PDF file.")})

    def total_area(self):
        return sum((area.natural_area_km2 for area in self.areas.all()), start=0)

    def facts(self):
        return [(_("In effect from"), self.effective_date)]


class AdministrativeArea(Orderable):
    page = ParentalKey(AdministrativeMapPage, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("commune, ward or special zone"), max_length=255)
    natural_area_km2 = models.DecimalField(
        _("natural area (km²)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("An area cannot be negative."))],
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("natural_area_km2"), FieldPanel("population")])]


class ContactDirectoryPage(MetadataMixin, Page):
    """Address, phone, fax and email of state agencies (R19, R31), always read from the Agency registry."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ("contacts",)

    class Scope(models.TextChoices):
        ALL = "all", _("All agencies of the province")
        OWN = "own", _("This agency and its units")

    intro = RichTextField(_("introduction"), blank=True)
    scope = models.CharField(_("agencies listed"), max_length=10, choices=Scope.choices, default=Scope.ALL)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("scope")]

    class Meta:
        verbose_name = _("contact directory")

    def agencies(self):
        agencies = Agency.objects.active().select_related("site").order_by("kind", "name")
        if self.scope == self.Scope.OWN:
            own = Agency.objects.for_page(self)
            if own is None:
                return agencies.none()
            agencies = agencies.filter(models.Q(pk=own.pk) | models.Q(parent=own))
        return agencies

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Vietnamese alphabetical order within each kind (Đ after D, "Cái Nước" before "Châu Thới").
        context["agencies"] = sorted(self.agencies(), key=lambda a: (a.kind, vietnamese_key(a.name)))
        return context
