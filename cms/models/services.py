"""Phổ biến, hướng dẫn pháp luật (R24); thông tin dịch vụ công ích (R34); the provincial Gazette link (R23)."""

from __future__ import annotations

from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.blocks import CharBlock, PageChooserBlock, StreamBlock, StructBlock, URLBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import AttachmentsBlock, BodyBlock
from .base import ContentPage, ListingPage, MetadataMixin, display


class RelatedDocumentBlock(StructBlock):
    """A law or policy the article explains: a page of this site, or a reference with an optional link."""

    page = PageChooserBlock(label=_("Document page"), required=False)
    reference = CharBlock(label=_("Number and title"), required=False)
    url = URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "doc-full"


class RelatedDocumentsBlock(StreamBlock):
    document = RelatedDocumentBlock()


class DisseminationIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.LegalDisseminationPage"
    listing_filters = ("sector",)
    listing_year_field = "date"
    listing_order = ("-date",)
    subpage_types = ["cms.LegalDisseminationPage"]

    class Meta:
        verbose_name = _("legal dissemination section")


class LegalDisseminationPage(ContentPage):
    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "dissemination"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    date = models.DateField(_("date"))
    sector = models.ForeignKey(
        "cms.Sector",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    law_issue_date = models.DateField(
        _("issue date of the law or policy"),
        null=True,
        blank=True,
        help_text=_("Starts the posting deadline."),
    )
    summary = models.TextField(_("summary"))
    related_documents = StreamField(
        RelatedDocumentsBlock(), verbose_name=_("related legal documents"), blank=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("attachments"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("sector"), FieldPanel("law_issue_date")]),
        FieldPanel("summary"),
        FieldPanel("related_documents"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.DisseminationIndexPage"]
    is_article = True

    class Meta:
        verbose_name = _("legal dissemination article")

    def facts(self):
        return [
            (_("Date"), self.date),
            (_("Field"), self.sector),
            (_("Law or policy issued on"), self.law_issue_date),
        ]

    def dc_defaults(self):
        relations = []
        for block in self.related_documents:
            value = block.value
            relations.append(value["page"].full_url if value["page"] else value["url"] or value["reference"])
        return {"subject": [self.sector], "description": self.summary, "relation": relations}


class PublicServiceIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.PublicServicePage"
    listing_filters = ("kind",)
    listing_order = ("kind", "title")
    subpage_types = ["cms.PublicServicePage"]

    class Meta:
        verbose_name = _("public-utility services section")


class PublicServicePage(ContentPage):
    """Dịch vụ công ích, dịch vụ xã hội: transport, health, education, water, daily-life services (TN26 4.15)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class Kind(models.TextChoices):
        TRANSPORT = "transport", _("Transport")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        UTILITIES = "utilities", _("Electricity and water")
        ENVIRONMENT = "environment", _("Sanitation and environment")
        SOCIAL = "social", _("Social protection")
        OTHER = "other", _("Other daily-life services")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    provider = models.CharField(_("provider"), max_length=255)
    summary = models.TextField(_("summary"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("details"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("provider")]),
        FieldPanel("summary"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("opening_hours"), FieldPanel("website")]),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("provider")]
    parent_page_types = ["cms.PublicServiceIndexPage"]

    class Meta:
        verbose_name = _("public-utility service")

    def facts(self):
        return [
            (_("Kind"), display(self, "kind")),
            (_("Provider"), self.provider),
            (_("Address"), self.address),
            (_("Phone"), self.phone),
            (_("Opening hours"), self.opening_hours),
            (_("Website"), self.website),
        ]

    def dc_defaults(self):
        return {"subject": [self.get_kind_display()], "description": self.summary, "creator": [self.provider]}


class GazetteLinkPage(MetadataMixin, Page):
    """Công báo in link mode (R23): the menu entry leads to the province's Gazette site."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    gazette_url = models.URLField(_("Gazette site address"))
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("gazette_url"), FieldPanel("intro")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Official Gazette link")

    def serve(self, request, *args, **kwargs):
        if request.GET.get("print") or request.GET.get("show"):
            return super().serve(request, *args, **kwargs)
        return redirect(self.gazette_url)
