"""Chiến lược, quy hoạch, kế hoạch (R25); dự án đầu tư, đấu thầu, mua sắm công (R26); dự toán, quyết toán
ngân sách (R27)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import AttachmentsBlock, BodyBlock
from .base import ContentPage, ListingPage, display


class Currency(models.TextChoices):
    VND = "VND", _("Vietnamese đồng (VND)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")


NON_NEGATIVE = MinValueValidator(0, message=_("An amount of money cannot be negative."))


def money(amount, currency: str) -> str:
    if amount is None:
        return ""
    places = 0 if currency == Currency.VND else 2
    # Vietnamese writes 1.250.000.000 (Django's "vi" format has no grouping, so group explicitly).
    formatted = numberformat.format(
        round(amount, places),
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    return f"{formatted} {currency}"


def check_period(start, end, end_field: str = "end_date") -> None:
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


def attachment_kinds(stream) -> set[str]:
    return {block.value["kind"] for block in stream or [] if block.block_type == "attachment"}


# --- strategies, plans, planning ---------------------------------------------------------------------


class PlanIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.PlanPage"
    listing_filters = ("kind", "level", "sector", "status")
    listing_year_field = "approval_date"
    listing_order = ("-approval_date",)
    subpage_types = ["cms.PlanPage"]

    class Meta:
        verbose_name = _("plans section")


class PlanPage(ContentPage):
    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "plans"
    information_dates = {"approval_date": "approval_date"}
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Strategy, orientation")
        MASTER_PLAN = "master_plan", _("Master plan (quy hoạch tỉnh)")
        DEVELOPMENT_PLAN = "development_plan", _("Development plan (kế hoạch)")
        URBAN_PLANNING = "urban_planning", _("Construction and urban planning")
        LAND_USE = "land_use", _("Land-use planning and plan")
        INVESTMENT_INCENTIVE = "investment", _("Investment incentives and opportunities")
        NATURAL_RESOURCES = "resources", _("Natural-resource exploitation")
        WASTE = "waste", _("Waste collection and treatment")
        POLLUTION = "pollution", _("Polluted areas and pollution sources")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        COMMUNE = "commune", _("Commune")
        SECTOR = "sector", _("Sector")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being drawn up")
        APPROVED = "approved", _("Approved")
        IMPLEMENTING = "implementing", _("Being implemented")
        COMPLETED = "completed", _("Completed")
        REVISED = "revised", _("Revised or replaced")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.PROVINCIAL)
    sector = models.ForeignKey(
        "cms.Sector",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPROVED)
    summary = models.TextField(_("summary"))
    decision_number = models.CharField(_("approving decision number"), max_length=100, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    approving_authority = models.CharField(_("approving authority"), max_length=255, blank=True)
    period_start = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    implementation = RichTextField(_("implementation methods and results"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("documents"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("level"), FieldPanel("sector"), FieldPanel("status")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("approval_date")]),
                FieldPanel("approving_authority"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Approval"),
        ),
        FieldPanel("body"),
        FieldPanel("implementation"),
        FieldPanel("attachments"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("decision_number")]
    parent_page_types = ["cms.PlanIndexPage"]

    class Meta:
        verbose_name = _("strategy, plan or planning")

    def validate_content(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end year cannot be before the start year.")})
        if self.kind == self.Kind.URBAN_PLANNING:
            kinds = attachment_kinds(self.attachments)
            if not {"report", "drawing"} <= kinds:
                raise ValidationError(
                    {
                        "attachments": _(
                            "Construction and urban planning needs its explanatory report and its planning "
                            "drawings attached (CM12 Art 8.2.g)."
                        )
                    }
                )

    def facts(self):
        period = "–".join(str(year) for year in (self.period_start, self.period_end) if year)
        return [
            (_("Kind"), display(self, "kind")),
            (_("Level"), display(self, "level")),
            (_("Field"), self.sector),
            (_("Status"), display(self, "status")),
            (_("Approving decision"), self.decision_number),
            (_("Approval date"), self.approval_date),
            (_("Approving authority"), self.approving_authority),
            (_("Period"), period),
        ]

    def dc_defaults(self):
        return {
            "subject": [self.get_kind_display(), self.sector],
            "description": self.summary,
            "creator": [self.approving_authority],
        }


# --- projects, bidding, procurement --------------------------------------------------------------------


class ProjectIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.ProjectPage"
    listing_filters = ("category", "status", "sector", "project_type")
    listing_year_field = "start_date"
    listing_order = ("status", "-start_date")
    subpage_types = ["cms.ProjectPage"]

    class Meta:
        verbose_name = _("projects section")


class ProjectPage(ContentPage):
    """A project with the fields of CM12 Art 8.2.đ–e and ND43 Art 10.1.h."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "plans"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class Category(models.TextChoices):
        INVESTMENT = "investment", _("Investment project")
        BIDDING = "bidding", _("Bidding")
        PROCUREMENT = "procurement", _("Public procurement")
        CALLING = "calling", _("Project calling for investment")

    class ProjectType(models.TextChoices):
        GROUP_A = "group_a", _("Group A")
        GROUP_B = "group_b", _("Group B")
        GROUP_C = "group_c", _("Group C")
        NATIONAL_IMPORTANT = "national", _("Nationally important")
        ODA = "oda", _("ODA or concessional loan")
        PPP = "ppp", _("Public–private partnership")
        GOODS = "goods", _("Goods or services package")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In preparation")
        UNDER_WAY = "under_way", _("Under way")
        COMPLETED = "completed", _("Completed")

    class FundingType(models.TextChoices):
        STATE_BUDGET = "state_budget", _("State budget")
        ODA = "oda", _("ODA")
        CONCESSIONAL = "concessional", _("Concessional loan")
        NON_REFUNDABLE = "grant", _("Non-refundable aid")
        PRIVATE = "private", _("Private capital")
        MIXED = "mixed", _("Mixed sources")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    main_objective = models.TextField(_("main objective"))
    sector = models.ForeignKey(
        "cms.Sector", verbose_name=_("field"), on_delete=models.PROTECT, related_name="+"
    )
    project_type = models.CharField(_("project type"), max_length=20, choices=ProjectType.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    total_budget = models.DecimalField(
        _("total budget"), max_digits=20, decimal_places=2, validators=[NON_NEGATIVE]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    funding_source = models.CharField(_("funding source"), max_length=255)
    funding_type = models.CharField(_("funding type"), max_length=20, choices=FundingType.choices, blank=True)
    donor = models.CharField(_("donor"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    investor = models.CharField(_("investor or project owner"), max_length=255, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    decision_number = models.CharField(_("approving decision"), max_length=100, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("documents"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("status")]),
        FieldPanel("main_objective"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("project_type")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("total_budget"), FieldPanel("currency")]),
                FieldPanel("funding_source"),
                FieldRowPanel([FieldPanel("funding_type"), FieldPanel("donor")]),
            ],
            heading=_("Budget"),
        ),
        FieldRowPanel([FieldPanel("investor"), FieldPanel("location")]),
        FieldPanel("decision_number"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("main_objective"),
        index.SearchField("investor"),
        index.FilterField("status"),
        index.FilterField("category"),
    ]
    parent_page_types = ["cms.ProjectIndexPage"]

    class Meta:
        verbose_name = _("investment, bidding or procurement project")

    def validate_content(self) -> None:
        check_period(self.start_date, self.end_date)

    @property
    def budget_display(self) -> str:
        return money(self.total_budget, self.currency)

    def facts(self):
        return [
            (_("Category"), display(self, "category")),
            (_("Main objective"), self.main_objective),
            (_("Field"), self.sector),
            (_("Project type"), display(self, "project_type")),
            (_("Duration"), f"{self.start_date:%d/%m/%Y} – {self.end_date:%d/%m/%Y}"),
            (_("Total budget"), self.budget_display),
            (_("Funding source"), self.funding_source),
            (_("Funding type"), display(self, "funding_type")),
            (_("Donor"), self.donor),
            (_("Status"), display(self, "status")),
            (_("Investor"), self.investor),
            (_("Location"), self.location),
            (_("Approving decision"), self.decision_number),
        ]

    def dc_defaults(self):
        return {
            "subject": [self.get_category_display(), self.sector],
            "description": self.main_objective,
            "creator": [self.investor],
            "coverage": self.location,
        }


# --- budget and finance --------------------------------------------------------------------------------


class BudgetIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.BudgetDisclosurePage"
    listing_filters = ("kind", "fiscal_year")
    listing_order = ("-fiscal_year", "kind")
    subpage_types = ["cms.BudgetDisclosurePage"]

    class Meta:
        verbose_name = _("budget disclosures section")


class BudgetDisclosurePage(ContentPage):
    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "plans"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class Kind(models.TextChoices):
        ESTIMATE = "estimate", _("Budget estimate (dự toán)")
        EXECUTION = "execution", _("Budget execution report")
        SETTLEMENT = "settlement", _("Final accounts (quyết toán)")
        FINANCIAL_REPORT = "financial_report", _("Annual financial report")

    FISCAL_YEARS = [(year, str(year)) for year in range(2010, 2041)]

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), choices=FISCAL_YEARS)
    resolution_number = models.CharField(_("approving resolution or decision"), max_length=100)
    resolution_date = models.DateField(_("resolution date"))
    approving_authority = models.CharField(_("approving authority"), max_length=255)
    total_revenue = models.DecimalField(
        _("total revenue"), max_digits=20, decimal_places=2, null=True, blank=True, validators=[NON_NEGATIVE]
    )
    total_expenditure = models.DecimalField(
        _("total expenditure"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NON_NEGATIVE],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    summary = models.TextField(_("summary"))
    body = StreamField(BodyBlock(), verbose_name=_("details"), blank=True)
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("documents"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("fiscal_year")]),
        FieldRowPanel([FieldPanel("resolution_number"), FieldPanel("resolution_date")]),
        FieldPanel("approving_authority"),
        FieldRowPanel([FieldPanel("total_revenue"), FieldPanel("total_expenditure"), FieldPanel("currency")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    parent_page_types = ["cms.BudgetIndexPage"]

    class Meta:
        verbose_name = _("budget disclosure")

    def facts(self):
        return [
            (_("Kind"), display(self, "kind")),
            (_("Fiscal year"), self.fiscal_year),
            (_("Approving resolution or decision"), self.resolution_number),
            (_("Resolution date"), self.resolution_date),
            (_("Approving authority"), self.approving_authority),
            (_("Total revenue"), money(self.total_revenue, self.currency)),
            (_("Total expenditure"), money(self.total_expenditure, self.currency)),
        ]

    def dc_defaults(self):
        return {
            "subject": [self.get_kind_display(), str(self.fiscal_year)],
            "description": self.summary,
            "creator": [self.approving_authority],
        }
