"""The state agencies' working-day calendar (R49): every legal deadline counts in it (editorial
moderation, citizens' questions and petitions).

Monday–Friday are working days, minus Vietnam's public holidays (the `holidays` package, which also knows
the Government's substituted days off and their make-up Saturdays), minus the days off and plus the make-up
working days an operator enters per year in the admin (`CalendarDay`). Working hours come from
`ModerationSettings.working_hours` ("08:00-17:00" by default; sessions such as "07:30-11:30,13:30-17:00").
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

import holidays
from django.utils import timezone

DEFAULT_SESSIONS = "08:00-17:00"
# A search bound: no real period spans more than a few hundred working days.
_MAX_DAYS_SCANNED = 3660


def parse_sessions(text: str) -> list[tuple[dt.time, dt.time]]:
    """ "07:30-11:30, 13:30-17:00" → [(07:30, 11:30), (13:30, 17:00)], validated and ordered."""
    sessions: list[tuple[dt.time, dt.time]] = []
    for part in (text or DEFAULT_SESSIONS).split(","):
        part = part.strip()
        if not part:
            continue
        try:
            start_text, end_text = (piece.strip() for piece in part.split("-"))
            start = dt.time.fromisoformat(start_text)
            end = dt.time.fromisoformat(end_text)
        except ValueError as error:
            raise ValueError(f"“{part}” is not a session like 08:00-17:00.") from error
        if end <= start:
            raise ValueError(f"The session “{part}” ends before it starts.")
        if sessions and start < sessions[-1][1]:
            raise ValueError(f"The session “{part}” overlaps or precedes the previous one.")
        sessions.append((start, end))
    if not sessions:
        raise ValueError("At least one working session is needed.")
    return sessions


class WorkingCalendar:
    """A calendar built from the public holidays, the operator's adjustments and the working sessions.

    It takes the operator's adjustments as arguments (moderation builds it from the admin's
    `CalendarDay` rows and working hours: `moderation.calendar.WorkingCalendar.current()`).
    """

    def __init__(
        self,
        days_off: set[dt.date] | None = None,
        working_days: set[dt.date] | None = None,
        sessions: str = DEFAULT_SESSIONS,
        tz: dt.tzinfo | None = None,
    ) -> None:
        self.days_off = set(days_off or ())
        self.extra_working_days = set(working_days or ())
        self.sessions = parse_sessions(sessions)
        self.tz = tz or timezone.get_default_timezone()

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays("VN")

    # --- days --------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.days_off:
            return False
        return self._holidays.is_working_day(day)

    def holiday_name(self, day: dt.date) -> str | None:
        return self._holidays.get(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for _ in range(_MAX_DAYS_SCANNED):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("No working day within ten years: check the calendar adjustments.")

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if timezone.is_naive(moment):
            return timezone.make_aware(moment, self.tz)
        return moment.astimezone(self.tz)

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, time), self.tz)

    def end_of_day(self, day: dt.date) -> dt.datetime:
        return self._at(day, self.sessions[-1][1])

    def add_working_days(self, received: dt.datetime, days: int) -> dt.datetime:
        """End of working hours on the `days`-th working day after the day of receipt.

        The day of receipt itself is not counted (R50's default convention), so a legal document received
        on Friday 24/04/2026 with 2 working days is due at 17:00 on Wednesday 29/04/2026 (27/04 is the
        observed Hùng Kings' day). Zero days means the end of the receipt day, or of the next working day
        when the receipt day is not one.
        """
        if days < 0:
            raise ValueError("A period cannot be negative.")
        day = self._local(received).date()
        if days == 0:
            return self.end_of_day(day if self.is_working_day(day) else self.next_working_day(day))
        for _ in range(days):
            day = self.next_working_day(day)
        return self.end_of_day(day)

    def working_days_between(self, start: dt.datetime | dt.date, end: dt.datetime | dt.date) -> int:
        """Working days after `start`'s day up to and including `end`'s day (negative when end < start).

        The inverse of `add_working_days`: `working_days_between(t, add_working_days(t, n)) == n`.
        """
        first = self._local(start).date() if isinstance(start, dt.datetime) else start
        last = self._local(end).date() if isinstance(end, dt.datetime) else end
        sign = 1
        if last < first:
            first, last, sign = last, first, -1
        count = 0
        day = first
        while day < last:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return sign * count

    # --- hours -------------------------------------------------------------------------------

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The moment `hours` working hours after `start`, counting only working sessions (R52).

        Event ends Friday 16:00 with sessions 07:30–11:30 and 13:30–17:00: 8 hours later is Monday 16:30.
        """
        if hours < 0:
            raise ValueError("A period cannot be negative.")
        remaining = dt.timedelta(hours=hours)
        moment = self._local(start)
        day = moment.date()
        for _ in range(_MAX_DAYS_SCANNED):
            if self.is_working_day(day):
                for session_start, session_end in self.sessions:
                    begin = max(moment, self._at(day, session_start))
                    finish = self._at(day, session_end)
                    if begin >= finish:
                        continue
                    available = finish - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            day = self.next_working_day(day)
            moment = self._at(day, self.sessions[0][0])
        raise ValueError("No working time within ten years: check the calendar adjustments.")
