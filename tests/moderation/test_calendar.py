"""The working-day calendar on dated 2026 cases (R49, R50, R52)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from moderation.calendar import (
    WorkingCalendar,
    add_working_days,
    add_working_hours,
    parse_sessions,
    working_days_between,
)
from moderation.models import CalendarDay, ModerationSettings

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=9, minute=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def test_legal_document_received_friday_24_april_is_due_wednesday_29_april():
    # 27/04 is the observed Hùng Kings' day (26/04 is a Sunday).
    assert add_working_days(at(2026, 4, 24, 10), 2) == at(2026, 4, 29, 17)


def test_30_april_and_1_may():
    assert add_working_days(at(2026, 4, 29, 16), 1) == at(2026, 5, 4, 17)
    assert working_days_between(at(2026, 4, 29), at(2026, 5, 4)) == 1


def test_tet_2026():
    # Tết holidays run Monday 16/02 to Friday 20/02.
    assert add_working_days(at(2026, 2, 13, 9), 1) == at(2026, 2, 23, 17)
    assert add_working_days(at(2026, 2, 12, 9), 3) == at(2026, 2, 24, 17)
    calendar = WorkingCalendar.current()
    assert not any(calendar.is_working_day(dt.date(2026, 2, d)) for d in range(14, 23))
    assert working_days_between(dt.date(2026, 2, 13), dt.date(2026, 2, 27)) == 5


def test_national_day_2026_and_its_make_up_saturday():
    # 31/08 is a day off in exchange for Saturday 22/08; 01–02/09 are National Day.
    assert add_working_days(at(2026, 8, 28, 15), 2) == at(2026, 9, 4, 17)
    calendar = WorkingCalendar.current()
    assert calendar.is_working_day(dt.date(2026, 8, 22))
    assert add_working_days(at(2026, 8, 21, 15), 1) == at(2026, 8, 22, 17)


def test_r50_cà_mau_example_and_operator_adjustments():
    assert add_working_days(at(2026, 6, 5, 10), 2) == at(2026, 6, 9, 17)
    CalendarDay.objects.create(date=dt.date(2026, 6, 8), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù")
    assert add_working_days(at(2026, 6, 5, 10), 2) == at(2026, 6, 10, 17)
    CalendarDay.objects.create(date=dt.date(2026, 6, 6), kind=CalendarDay.Kind.WORKING_DAY, name="Làm bù")
    assert add_working_days(at(2026, 6, 5, 10), 1) == at(2026, 6, 6, 17)


def test_zero_days_and_weekend_receipt():
    assert add_working_days(at(2026, 6, 5, 10), 0) == at(2026, 6, 5, 17)
    assert add_working_days(at(2026, 6, 6, 10), 0) == at(2026, 6, 8, 17)
    assert add_working_days(at(2026, 6, 6, 10), 1) == at(2026, 6, 8, 17)
    with pytest.raises(ValueError):
        add_working_days(at(2026, 6, 5), -1)


def test_working_hours_with_sessions_r52():
    settings = ModerationSettings.load()
    settings.working_hours = "07:30-11:30, 13:30-17:00"
    settings.save()
    assert add_working_hours(at(2026, 6, 5, 16), 8) == at(2026, 6, 8, 16, 30)
    assert add_working_hours(at(2026, 6, 5, 12), 1) == at(2026, 6, 5, 14, 30)
    assert add_working_hours(at(2026, 6, 5, 6), 1) == at(2026, 6, 5, 8, 30)


def test_working_hours_default_and_across_tet():
    # One hour on Friday 13/02, seven on Monday 23/02 after Tết (08:00–17:00 by default).
    assert add_working_hours(at(2026, 2, 13, 16), 8) == at(2026, 2, 23, 15)


def test_working_days_between_is_inverse_and_signed():
    start = at(2026, 4, 24, 10)
    for n in range(0, 15):
        if n:
            assert working_days_between(start, add_working_days(start, n)) == n
    assert working_days_between(at(2026, 4, 29), at(2026, 4, 24)) == -2


def test_session_validation():
    assert parse_sessions("08:00-12:00,13:00-17:00")[1] == (dt.time(13), dt.time(17))
    for bad in ("8-", "17:00-08:00", "08:00-12:00,11:00-17:00", "x"):
        with pytest.raises(ValueError):
            parse_sessions(bad)
