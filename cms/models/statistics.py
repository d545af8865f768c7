"""Thông tin thống kê (R29, ST19 Art 12.3) and chương trình, đề tài khoa học (R28, CM12 Art 8.2.h)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import AttachmentsBlock
from .base import ContentPage, ListingPage, display
from .plans import NON_NEGATIVE, Currency, check_period, money


class StatisticsIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.StatisticsReportPage"
    listing_filters = ("period_type", "sector")
    listing_year_field = "period_start"
    listing_order = ("-period_start",)
    subpage_types = ["cms.StatisticsReportPage"]

    class Meta:
        verbose_name = _("statistics section")


class StatisticsReportPage(ContentPage):
    """Data, report, methodology, analysis and period of the statistics are all required (ND43 Art 12.3)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "statistics"
    information_dates = {"publication_date": "publication_date"}
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class PeriodType(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        HALF_YEAR = "half_year", _("Six months")
        YEAR = "year", _("Year")
        SURVEY = "survey", _("Survey or census")

    period_type = models.CharField(_("period"), max_length=20, choices=PeriodType.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    sector = models.ForeignKey(
        "cms.Sector",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    survey_name = models.CharField(_("survey name"), max_length=255, blank=True)
    publishing_agency = models.CharField(_("publishing agency"), max_length=255, blank=True)
    publication_date = models.DateField(_("publication decision date"), null=True, blank=True)
    summary = models.TextField(_("summary"))
    methodology = RichTextField(_("statistical methodology"))
    analysis = RichTextField(_("analysis of the data"))
    data_files = StreamField(
        AttachmentsBlock(),
        verbose_name=_("data and report files"),
        help_text=_("CSV or XLSX data, PDF report."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("period_type"), FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("survey_name")]),
        FieldRowPanel([FieldPanel("publishing_agency"), FieldPanel("publication_date")]),
        FieldPanel("summary"),
        FieldPanel("data_files"),
        FieldPanel("methodology"),
        FieldPanel("analysis"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("analysis")]
    parent_page_types = ["cms.StatisticsIndexPage"]

    class Meta:
        verbose_name = _("statistics report")

    def validate_content(self) -> None:
        check_period(self.period_start, self.period_end, "period_end")

    def facts(self):
        return [
            (
                _("Period"),
                f"{display(self, 'period_type')}: {self.period_start:%d/%m/%Y} – {self.period_end:%d/%m/%Y}",
            ),
            (_("Field"), self.sector),
            (_("Survey"), self.survey_name),
            (_("Publishing agency"), self.publishing_agency),
            (_("Publication decision date"), self.publication_date),
        ]

    def dc_defaults(self):
        return {
            "subject": [self.sector, self.survey_name],
            "description": self.summary,
            "creator": [self.publishing_agency],
            "coverage": f"{self.period_start.isoformat()}/{self.period_end.isoformat()}",
        }


class ScienceIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.ScienceProgrammePage"
    listing_filters = ("management_level", "sector", "status", "rating")
    listing_year_field = "start_date"
    listing_order = ("-start_date",)
    subpage_types = ["cms.ScienceProgrammePage"]

    class Meta:
        verbose_name = _("science programmes section")


class ScienceProgrammePage(ContentPage):
    """A science and technology programme or project with its results after acceptance (CM12 Art 8.2.h)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "science"
    information_dates = {"approval_date": ("acceptance_date", "approval_date")}
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        MINISTRY = "ministry", _("Ministry")
        PROVINCIAL = "provincial", _("Provincial")
        GRASSROOTS = "grassroots", _("Grassroots (cơ sở)")

    class Rating(models.TextChoices):
        NOT_RATED = "", _("Not yet rated")
        EXCELLENT = "excellent", _("Excellent")
        GOOD = "good", _("Good")
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        UNDER_WAY = "under_way", _("Under way")
        ACCEPTED = "accepted", _("Accepted")
        APPLIED = "applied", _("Results applied")

    code = models.CharField(_("code"), max_length=50)
    management_level = models.CharField(_("management level"), max_length=20, choices=Level.choices)
    sector = models.ForeignKey(
        "cms.Sector", verbose_name=_("field"), on_delete=models.PROTECT, related_name="+"
    )
    host_organisation = models.CharField(_("host organisation"), max_length=255)
    lead_researcher = models.CharField(_("lead researcher"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    total_budget = models.DecimalField(
        _("total budget"), max_digits=20, decimal_places=2, validators=[NON_NEGATIVE]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNDER_WAY)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    summary = models.TextField(_("summary"))
    acceptance_date = models.DateField(_("acceptance date"), null=True, blank=True)
    results = RichTextField(_("results"), blank=True)
    result_files = StreamField(
        AttachmentsBlock(),
        verbose_name=_("summary and application reports"),
        blank=True,
        help_text=_("Mark the summary report as “report” and the application report as “application”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("management_level"), FieldPanel("sector")]),
        FieldRowPanel([FieldPanel("host_organisation"), FieldPanel("lead_researcher")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("approval_date")]),
        FieldRowPanel([FieldPanel("total_budget"), FieldPanel("currency")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("rating")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("acceptance_date"), FieldPanel("results"), FieldPanel("result_files")],
            heading=_("Results after acceptance by the scientific council"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("code"),
        index.SearchField("lead_researcher"),
    ]
    parent_page_types = ["cms.ScienceIndexPage"]

    class Meta:
        verbose_name = _("science programme or project")

    def validate_content(self) -> None:
        check_period(self.start_date, self.end_date)
        has_results = bool((self.results or "").strip()) or bool(self.result_files) or bool(self.rating)
        if has_results and not self.acceptance_date:
            raise ValidationError(
                {
                    "acceptance_date": _(
                        "Results and a rating are published only after acceptance: give its date."
                    )
                }
            )
        if self.acceptance_date and self.start_date and self.acceptance_date < self.start_date:
            raise ValidationError({"acceptance_date": _("Acceptance cannot come before the start date.")})
        if self.result_files and "report" not in {b.value["kind"] for b in self.result_files}:
            raise ValidationError({"result_files": _("Attach the summary report (kind “report”).")})

    @property
    def budget_display(self) -> str:
        return money(self.total_budget, self.currency)

    def facts(self):
        return [
            (_("Code"), self.code),
            (_("Management level"), display(self, "management_level")),
            (_("Field"), self.sector),
            (_("Host organisation"), self.host_organisation),
            (_("Lead researcher"), self.lead_researcher),
            (_("Duration"), f"{self.start_date:%d/%m/%Y} – {self.end_date:%d/%m/%Y}"),
            (_("Total budget"), self.budget_display),
            (_("Status"), display(self, "status")),
            (_("Rating"), display(self, "rating")),
            (_("Acceptance date"), self.acceptance_date),
        ]

    def dc_defaults(self):
        return {
            "subject": [self.sector, self.get_management_level_display()],
            "description": self.summary,
            "creator": [self.lead_researcher, self.host_organisation],
        }
