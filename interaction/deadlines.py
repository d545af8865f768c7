"""Answer and forwarding deadlines for citizens' questions and petitions (R59, R60, R70).

Periods count in the state agencies' working days (moderation's calendar, R49) "from 08:00" (HN19 Art
10.5): the clock starts at 08:00 of the day of receipt when the item arrives before 08:00 on a working
day, otherwise at 08:00 of the next working day (R60's default convention). A period of N days ends at
08:00 on the N-th working day after the start. A question sent on Sunday 26/04/2026 at 10:00 starts on
Tuesday 28/04 (27/04 is the observed Hùng Kings' day) and with 5 days is due on Thursday 07/05/2026 at
08:00 (30/04 and 01/05 are holidays).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from moderation.calendar import WorkingCalendar


def clock_start(
    received: dt.datetime, start_time: dt.time, calendar: WorkingCalendar | None = None
) -> dt.datetime:
    calendar = calendar or WorkingCalendar.current()
    local = timezone.localtime(received, calendar.tz)
    day = local.date()
    if not (calendar.is_working_day(day) and local.time() <= start_time):
        day = calendar.next_working_day(day)
    return timezone.make_aware(dt.datetime.combine(day, start_time), calendar.tz)


def days_after(start: dt.datetime, days: int, calendar: WorkingCalendar | None = None) -> dt.datetime:
    """The same time of day on the `days`-th working day after `start`'s day."""
    if days < 0:
        raise ValueError("A period cannot be negative.")
    calendar = calendar or WorkingCalendar.current()
    local = timezone.localtime(start, calendar.tz)
    day = local.date()
    for _ in range(days):
        day = calendar.next_working_day(day)
    return timezone.make_aware(dt.datetime.combine(day, local.time()), calendar.tz)


def due_after(received: dt.datetime, days: int, start_time: dt.time) -> dt.datetime:
    calendar = WorkingCalendar.current()
    return days_after(clock_start(received, start_time, calendar), days, calendar)
