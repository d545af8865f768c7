"""Information types, deadline rules and the shipped province profiles (R50, R52, R114; issue 10).

Every page type declares its information type with a class attribute, `information_type` (one of
`InformationType`), and, when a deadline counts from one of its own dates, `information_dates`: a mapping
from a clock start ("publication_date", "approval_date", "event_time", "signing_date") to the names of the
page's fields that hold it, first filled wins. tests/moderation/test_information.py fails for a page type
that declares none. The moderation settings may still map a page type to another type.

A *province profile* gives each information type a `DeadlineRule` — N working days | N working hours |
N calendar days | by day D of the month | continuous — counted from receipt or from one of those dates,
and the monthly quota of typical news supplied to the portal. Cà Mau 2026 (Quyết định 68/2026/QĐ-UBND
Art 13.1; no quota) is the default; Thái Nguyên 2026 (Art 7.3, 9.2) is the other.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.calendar import WorkingCalendar


class Unit:
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    DAY_OF_MONTH = "day_of_month"
    CONTINUOUS = "continuous"


class Start:
    RECEIPT = "receipt"
    PUBLICATION_DATE = "publication_date"
    APPROVAL_DATE = "approval_date"
    EVENT_TIME = "event_time"
    SIGNING_DATE = "signing_date"

    LABELS = {
        RECEIPT: _("from receipt"),
        PUBLICATION_DATE: _("from the publication date"),
        APPROVAL_DATE: _("from approval or acceptance"),
        EVENT_TIME: _("from the event"),
        SIGNING_DATE: _("from signing"),
    }


@dataclass(frozen=True)
class DeadlineRule:
    unit: str
    amount: int = 0
    start: str = Start.RECEIPT

    def describe(self) -> str:
        if self.unit == Unit.CONTINUOUS:
            return str(_("continuous updating"))
        if self.unit == Unit.DAY_OF_MONTH:
            return str(_("by day %(day)s of the month")) % {"day": self.amount}
        units = {
            Unit.WORKING_DAYS: _("%(n)s working days"),
            Unit.WORKING_HOURS: _("%(n)s working hours"),
            Unit.CALENDAR_DAYS: _("%(n)s days"),
        }
        return f"{str(units[self.unit]) % {'n': self.amount}} {Start.LABELS[self.start]}"

    def due(self, start: dt.datetime, calendar: WorkingCalendar) -> dt.datetime | None:
        """The due time for a clock started at `start` (None: no fixed deadline)."""
        if self.unit == Unit.CONTINUOUS:
            return None
        if self.unit == Unit.WORKING_DAYS:
            return calendar.add_working_days(start, self.amount)
        if self.unit == Unit.WORKING_HOURS:
            return calendar.add_working_hours(start, self.amount)
        local = timezone.localtime(start, calendar.tz) if timezone.is_aware(start) else start
        day = local.date()
        if self.unit == Unit.CALENDAR_DAYS:
            return calendar.end_of_day(day + dt.timedelta(days=self.amount))
        if self.unit == Unit.DAY_OF_MONTH:
            # The first day D on or after the start (the month's last day when it has no day D).
            year, month = day.year, day.month
            for _attempt in range(2):
                last = month_calendar.monthrange(year, month)[1]
                candidate = dt.date(year, month, min(self.amount, last))
                if candidate >= day:
                    return calendar.end_of_day(candidate)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        raise ValueError(f"Unknown deadline unit {self.unit!r}")


@dataclass(frozen=True)
class ProvinceProfile:
    key: str
    name: str
    regulation: str
    rules: dict[str, DeadlineRule]
    # Monthly minimum of typical activity news supplied to the portal; None: no quota.
    quota_department: int | None = None
    quota_commune: int | None = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def has_quota(self) -> bool:
        return bool(self.quota_department or self.quota_commune)

    def rule_for(self, information_type: str) -> DeadlineRule:
        return self.rules.get(information_type) or self.rules["other"]


WD, WH, CD, DOM = Unit.WORKING_DAYS, Unit.WORKING_HOURS, Unit.CALENDAR_DAYS, Unit.DAY_OF_MONTH

CA_MAU_2026 = ProvinceProfile(
    key="camau-2026",
    name="Cà Mau 2026",
    regulation="Quyết định 68/2026/QĐ-UBND, Điều 13.1",
    rules={
        "news": DeadlineRule(Unit.CONTINUOUS),  # a) direction, news and events
        "dissemination": DeadlineRule(WD, 3),  # b)
        "legal": DeadlineRule(WD, 2),  # c)
        "plans": DeadlineRule(WD, 10),  # d)
        "statistics": DeadlineRule(WD, 10, Start.PUBLICATION_DATE),  # đ)
        "science": DeadlineRule(WD, 20, Start.APPROVAL_DATE),  # e)
        # h) "as the competent authority requires": the Law on Access to Information Art 18.4 applies.
        "other": DeadlineRule(WD, 5),
    },
)

THAI_NGUYEN_2026 = ProvinceProfile(
    key="thainguyen-2026",
    name="Thái Nguyên 2026",
    regulation="Quy chế Cổng Thông tin tỉnh Thái Nguyên 2026, Điều 7.3, 9.2",
    rules={
        "news": DeadlineRule(WH, 8, Start.EVENT_TIME),  # 9.2.a
        "legal": DeadlineRule(CD, 3, Start.SIGNING_DATE),  # 9.2.b
        "statistics": DeadlineRule(DOM, 30),  # 9.2.c: monthly, by the 30th
        "dissemination": DeadlineRule(WD, 5),
        "plans": DeadlineRule(WD, 5),
        "science": DeadlineRule(WD, 5),
        "other": DeadlineRule(WD, 5),  # Law on Access to Information Art 18.4
    },
    quota_department=2,
    quota_commune=1,
)

PROFILES = {profile.key: profile for profile in (CA_MAU_2026, THAI_NGUYEN_2026)}


def current_profile() -> ProvinceProfile:
    """The profile chosen in settings (CONG_PROVINCE_PROFILE); Cà Mau 2026 by default."""
    key = getattr(settings, "CONG_PROVINCE_PROFILE", CA_MAU_2026.key)
    try:
        return PROFILES[key]
    except KeyError as error:
        raise ValueError(f"CONG_PROVINCE_PROFILE={key!r} is not one of {', '.join(PROFILES)}.") from error


# --- what a page declares -------------------------------------------------------------------------


def declared_type(page_model) -> str | None:
    return getattr(page_model, "information_type", None)


def clock_start(page, rule: DeadlineRule, received: dt.datetime) -> dt.datetime:
    """When the clock starts for this page under this rule: receipt, or the page's own date."""
    if rule.start == Start.RECEIPT:
        return received
    fields = (getattr(type(page), "information_dates", {}) or {}).get(rule.start, ())
    for name in (fields,) if isinstance(fields, str) else fields:
        value = getattr(page, name, None)
        if value is None:
            continue
        if isinstance(value, dt.datetime):
            return value
        # A date alone: the clock starts at the beginning of that day.
        return timezone.make_aware(dt.datetime.combine(value, dt.time.min))
    return received  # the page does not carry the date (yet): count from receipt


def due_for(page, information_type: str, received: dt.datetime, profile: ProvinceProfile | None = None):
    profile = profile or current_profile()
    rule = profile.rule_for(information_type)
    return rule.due(clock_start(page, rule, received), WorkingCalendar.current())
