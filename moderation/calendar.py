"""The working-day calendar as the operator configured it: `sites.calendar.WorkingCalendar` with the days
off, make-up working days and working hours entered in the admin (`CalendarDay`, `ModerationSettings`)."""

from __future__ import annotations

import datetime as dt

from sites.calendar import DEFAULT_SESSIONS, parse_sessions
from sites.calendar import WorkingCalendar as BaseCalendar

from .models.settings import operator_calendar

__all__ = [
    "DEFAULT_SESSIONS",
    "WorkingCalendar",
    "add_working_days",
    "add_working_hours",
    "parse_sessions",
    "working_days_between",
]


class WorkingCalendar(BaseCalendar):
    @classmethod
    def current(cls) -> WorkingCalendar:
        """The calendar as the operator configured it; build one per operation."""
        return operator_calendar(cls)


def add_working_days(received: dt.datetime, days: int) -> dt.datetime:
    """17:00 (end of working hours) on the `days`-th working day after the day of receipt."""
    return WorkingCalendar.current().add_working_days(received, days)


def add_working_hours(start: dt.datetime, hours: float) -> dt.datetime:
    """`start` plus `hours` counted in working sessions only."""
    return WorkingCalendar.current().add_working_hours(start, hours)


def working_days_between(start: dt.datetime | dt.date, end: dt.datetime | dt.date) -> int:
    """Working days after `start`'s day up to and including `end`'s day."""
    return WorkingCalendar.current().working_days_between(start, end)
