"""The province's rules for public interaction: answer deadlines, forwarding, retention, anti-abuse."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# CM12 Art 8.1.b: questions and answers are kept online at least 30 days after the answer (R65).
MINIMUM_RETENTION_DAYS = 30


def eight_o_clock() -> dt.time:
    """08:00, as a callable: Django's check W161 takes a fixed time default for a mistake whenever the
    check runs within ten seconds of that time of day (it failed `check --deploy` at 08:00 UTC)."""
    return dt.time(8, 0)


@register_setting(icon="help")
class InteractionSettings(BaseGenericSetting):
    """Defaults: Hà Nam 2019 Art 10 and Cà Mau 2012 Art 8.1.b for questions, Cà Mau 2026 Art 13.1.ê for
    petitions (R59, R60, R70)."""

    clock_start = models.TimeField(
        _("deadlines count from"),
        default=eight_o_clock,
        help_text=_("HN19 Art 10.5: periods are counted in working days from 08:00."),
    )
    competence_days = models.PositiveSmallIntegerField(_("answer within the agency's competence"), default=5)
    inter_agency_days = models.PositiveSmallIntegerField(_("answer needing other agencies"), default=10)
    special_days = models.PositiveSmallIntegerField(_("special cases: latest promised date"), default=15)
    question_forward_days = models.PositiveSmallIntegerField(
        _("question: classify or forward within (working days)"), default=1
    )
    petition_forward_days = models.PositiveSmallIntegerField(
        _("petition: classify or forward within (working days)"), default=2
    )
    petition_answer_days = models.PositiveSmallIntegerField(_("petition: answer within"), default=15)
    reminder_working_hours = models.PositiveSmallIntegerField(
        _("reminder before a deadline (working hours)"), default=8
    )
    retention_days = models.PositiveSmallIntegerField(
        _("askers' personal data kept for (days after the answer)"),
        default=90,
        validators=[MinValueValidator(MINIMUM_RETENTION_DAYS)],
        help_text=_(
            "At least 30 days (CM12 Art 8.1.b). Afterwards names and contacts are erased; the text stays."
        ),
    )
    rating_address_hours = models.PositiveSmallIntegerField(
        _("keep raters' address fingerprints for (hours)"), default=24
    )
    posts_per_hour_per_address = models.PositiveSmallIntegerField(
        _("submissions per hour from one address"), default=10
    )
    challenge_after = models.PositiveSmallIntegerField(
        _("ask a simple question after this many submissions in an hour"), default=3
    )
    posts_per_day_per_identity = models.PositiveSmallIntegerField(
        _("questions per day from one identity number"), default=5
    )
    clearing_agency = models.ForeignKey(
        "sites.Agency",
        verbose_name=_("clearing agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Receives questions whose competent agency is unclear (HN19 Art 18.3.đ)."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("clock_start"),
                FieldRowPanel(
                    [
                        FieldPanel("competence_days"),
                        FieldPanel("inter_agency_days"),
                        FieldPanel("special_days"),
                    ]
                ),
                FieldPanel("question_forward_days"),
                FieldRowPanel([FieldPanel("petition_forward_days"), FieldPanel("petition_answer_days")]),
                FieldPanel("reminder_working_hours"),
                FieldPanel("clearing_agency"),
            ],
            heading=_("Deadlines (working days)"),
        ),
        MultiFieldPanel(
            [FieldPanel("retention_days"), FieldPanel("rating_address_hours")], heading=_("Personal data")
        ),
        MultiFieldPanel(
            [
                FieldPanel("posts_per_hour_per_address"),
                FieldPanel("challenge_after"),
                FieldPanel("posts_per_day_per_identity"),
            ],
            heading=_("Spam and abuse"),
        ),
    ]

    class Meta:
        verbose_name = _("public interaction rules")
