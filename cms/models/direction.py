"""Thông tin chỉ đạo, điều hành (R21): directions, petition responses, rewards and penalties, personnel and
policy news, and the leaders' weekly work schedule (lịch làm việc)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.collation import sorted_vietnamese

from ..blocks import AttachmentsBlock, BodyBlock
from ..queries import public_pages
from .base import ContentPage, ListingPage


class DirectionIndexPage(ListingPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.DirectionPage"
    listing_filters = ("kind",)
    listing_year_field = "date"
    listing_order = ("-date",)
    subpage_types = ["cms.DirectionPage", "cms.WorkScheduleIndexPage"]

    class Meta:
        verbose_name = _("direction and administration section")


class DirectionPage(ContentPage):
    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "news"
    information_dates = {"event_time": "date"}
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    class Kind(models.TextChoices):
        DIRECTION = "direction", _("Direction of the leaders")
        PETITION = "petition", _("Response to petitions")
        REWARD = "reward", _("Reward or penalty")
        PERSONNEL = "personnel", _("New personnel")
        POLICY = "policy", _("New policy")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DIRECTION)
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=255, blank=True)
    organisation = models.CharField(
        _("organisation concerned"), max_length=255, blank=True, help_text=_("For rewards and penalties.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("attachments"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_date")]),
                FieldPanel("signer"),
                FieldPanel("organisation"),
            ],
            heading=_("Issuing document"),
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("document_number"),
    ]
    parent_page_types = ["cms.DirectionIndexPage"]
    is_article = True

    class Meta:
        verbose_name = _("direction and administration item")

    def facts(self):
        return [
            (_("Kind"), self.get_kind_display()),
            (_("Date"), self.date),
            (_("Document number"), self.document_number),
            (_("Document date"), self.document_date),
            (_("Signed by"), self.signer),
            (_("Organisation concerned"), self.organisation),
        ]

    def dc_defaults(self):
        return {"subject": [self.get_kind_display()], "creator": [self.signer], "description": self.summary}


class WorkScheduleIndexPage(ListingPage):
    """All weeks of the leaders' schedule; the newest week first."""

    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    listing_model = "cms.WorkSchedulePage"
    listing_year_field = "week_start"
    listing_order = ("-week_start",)
    subpage_types = ["cms.WorkSchedulePage"]

    class Meta:
        verbose_name = _("work schedule section")

    def current_week(self) -> WorkSchedulePage | None:
        today = dt.date.today()
        monday = today - dt.timedelta(days=today.weekday())
        weeks = public_pages(WorkSchedulePage).child_of(self)
        return weeks.filter(week_start=monday).first() or weeks.order_by("-week_start").first()


class WorkSchedulePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        week_start = cleaned.get("week_start")
        if week_start is None:
            return cleaned
        week_end = week_start + dt.timedelta(days=6)
        for form in self.formsets.get("entries", []).forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("date")
            if day and not week_start <= day <= week_end:
                form.add_error(
                    "date",
                    _("This date is outside the week %(start)s – %(end)s.")
                    % {"start": week_start.strftime("%d/%m/%Y"), "end": week_end.strftime("%d/%m/%Y")},
                )
        return cleaned


class WorkSchedulePage(ContentPage):
    """Lịch làm việc: one week of entries (day, time, leader, content, venue, participants)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "news"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    week_start = models.DateField(_("week starting (Monday)"))
    note = models.TextField(_("note"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("week_start"),
        FieldPanel("note"),
        InlinePanel("entries", label=_("Entries"), min_num=1),
    ]
    parent_page_types = ["cms.WorkScheduleIndexPage"]
    base_form_class = WorkSchedulePageForm

    class Meta:
        verbose_name = _("weekly work schedule")

    def validate_content(self) -> None:
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("A schedule week starts on a Monday.")})

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def date(self) -> dt.date:
        return self.week_start

    def leaders(self) -> list[str]:
        return sorted_vietnamese({entry.leader for entry in self.entries.all()})

    def days(self, leader: str = "") -> list[tuple[dt.date, list[ScheduleEntry]]]:
        entries = sorted(
            self.entries.all(), key=lambda e: (e.date, e.start_time or dt.time.min, e.sort_order or 0)
        )
        if leader:
            entries = [entry for entry in entries if entry.leader == leader]
        return [(day, list(items)) for day, items in groupby(entries, key=lambda e: e.date)]

    def siblings(self) -> tuple[Page | None, Page | None]:
        weeks = public_pages(WorkSchedulePage).sibling_of(self, inclusive=False)
        previous = weeks.filter(week_start__lt=self.week_start).order_by("-week_start").first()
        following = weeks.filter(week_start__gt=self.week_start).order_by("week_start").first()
        return previous, following

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        leader = request.GET.get("leader", "")
        if leader not in self.leaders():
            leader = ""
        context["leader"] = leader
        context["days"] = self.days(leader)
        context["previous_week"], context["next_week"] = self.siblings()
        return context

    def facts(self):
        return [(_("Week"), f"{self.week_start:%d/%m/%Y} – {self.week_end:%d/%m/%Y}")]

    def dc_defaults(self):
        return {"subject": self.leaders(), "description": f"{self.title} ({self.week_start:%d/%m/%Y})"}


class ScheduleEntry(Orderable):
    page = ParentalKey(WorkSchedulePage, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("day"))
    start_time = models.TimeField(_("time"), null=True, blank=True)
    leader = models.CharField(_("leader"), max_length=255)
    content = models.TextField(_("content"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    participants = models.CharField(_("presiding and participating units"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("leader")]),
        FieldPanel("content", widget=forms.Textarea(attrs={"rows": 2})),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("participants")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("schedule entry")
