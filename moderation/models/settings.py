"""Editorial settings and reference data: information types, the province's rules, calendar days, rejection reasons."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page

from sites.calendar import WorkingCalendar, parse_sessions


class SLACategory(models.TextChoices):
    """Information types with their own deadline (CM26 Art 13.1; R55 for the rest)."""

    NEWS = "news", _("Direction, news and events")
    DISSEMINATION = "dissemination", _("Policy and law dissemination")
    LEGAL = "legal", _("Legal documents and documents to disseminate")
    PLANS = "plans", _("Strategies, plans, projects, investment, bids and procurement")
    STATISTICS = "statistics", _("Statistics")
    SCIENCE = "science", _("Science programmes and projects")
    OTHER = "other", _("Other information")


def profile_choices() -> list[tuple[str, str]]:
    from ..information import PROFILES

    return [(key, f"{profile.name} ({profile.regulation})") for key, profile in PROFILES.items()]


def default_profile() -> str:
    return getattr(settings, "CONG_PROVINCE_PROFILE", "camau-2026")


@register_setting(icon="time")
class ModerationSettings(BaseGenericSetting):
    """The province's editorial rules: its profile (deadlines per information type, quota), working hours
    and reminders (R50, R114). Page types declare their information type (moderation.information)."""

    profile = models.CharField(
        _("province profile"),
        max_length=40,
        choices=profile_choices,
        default=default_profile,
        help_text=_("The regulation whose deadlines and monthly quota apply."),
    )
    working_hours = models.CharField(
        _("working hours"),
        max_length=100,
        default="08:00-17:00",
        help_text=_("Sessions separated by commas, e.g. “07:30-11:30, 13:30-17:00”."),
    )
    restart_clock_on_resubmit = models.BooleanField(
        _("deadline restarts on resubmission"),
        default=True,
        help_text=_("After a return for more information, count the deadline again from the resubmission."),
    )
    reminder_working_hours = models.PositiveSmallIntegerField(
        _("reminder before the deadline (working hours)"), default=8
    )
    page_categories = models.JSONField(
        _("information type per page type"),
        default=dict,
        blank=True,
        help_text=_(
            "Overrides what a page type declares: maps “app_label.modelname” to an information type (news, "
            'dissemination, legal, plans, statistics, science, other), e.g. {"cms.standardpage": "legal"}.'
        ),
    )

    panels = [
        FieldPanel("profile"),
        MultiFieldPanel(
            [
                FieldPanel("working_hours"),
                FieldPanel("restart_clock_on_resubmit"),
                FieldPanel("reminder_working_hours"),
            ],
            heading=_("Deadlines"),
        ),
        FieldPanel("page_categories"),
    ]

    class Meta:
        verbose_name = _("moderation rules")

    def clean(self) -> None:
        errors = {}
        try:
            parse_sessions(self.working_hours)
        except ValueError as error:
            errors["working_hours"] = str(error)
        if not isinstance(self.page_categories, dict):
            errors["page_categories"] = _("Give an object mapping page types to information types.")
        else:
            wrong = [v for v in self.page_categories.values() if v not in SLACategory.values]
            if wrong:
                errors["page_categories"] = _("Unknown information types: %(types)s.") % {
                    "types": ", ".join(map(str, wrong))
                }
        if errors:
            raise ValidationError(errors)

    @property
    def province_profile(self):
        from ..information import CA_MAU_2026, PROFILES

        return PROFILES.get(self.profile, CA_MAU_2026)

    def category_for(self, page_model: type[Page]) -> str:
        """The information type a page type declares, unless these settings map it to another."""
        from ..information import declared_type

        key = page_model._meta.label_lower
        if key in (self.page_categories or {}):
            return str(self.page_categories[key])
        return declared_type(page_model) or SLACategory.OTHER

    def due_at(self, category: str, received: dt.datetime, page: Page | None = None) -> dt.datetime | None:
        """The due time of an item of this type received at `received` (counted from the page's own date
        when the profile's rule says so)."""
        from ..information import clock_start

        rule = self.province_profile.rule_for(category)
        start = clock_start(page, rule, received) if page is not None else received
        return rule.due(start, operator_calendar())


class CalendarDay(models.Model):
    """A day the Government moves: an extra day off, or a Saturday/Sunday worked in exchange (R49)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("reason"), max_length=255, help_text=_("E.g. the announcement it comes from."))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("working calendar day")
        verbose_name_plural = _("working calendar days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()} · {self.name}"


class RejectionReason(models.Model):
    """The regulated reasons for refusing to publish (CM26 Art 14.4); the province may add or retire some."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    label = models.CharField(_("reason"), max_length=255)
    clause = models.CharField(_("legal basis"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("label"),
        FieldPanel("clause"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code}) {self.label}"


def reason_choices() -> list[tuple[str, str]]:
    """The regulated rejection reasons in use (CM26 Art 14.4), as form choices."""
    return [(r.code, str(r)) for r in RejectionReason.objects.filter(active=True)]


def operator_calendar(calendar_class: type[WorkingCalendar] = WorkingCalendar) -> WorkingCalendar:
    """The working-day calendar with the operator's adjustments and working hours from the admin."""
    days_off: set[dt.date] = set()
    working: set[dt.date] = set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (working if kind == CalendarDay.Kind.WORKING_DAY else days_off).add(day)
    return calendar_class(days_off, working, ModerationSettings.load().working_hours)
