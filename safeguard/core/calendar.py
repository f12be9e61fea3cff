"""Working time: Monday to Friday within opening hours, without England and Wales bank holidays.

Conventions (ADR 15): a clock that starts outside working hours starts at the next opening. "N
working days" lands at the same time of day N working days later; "N working hours" counts only
time within opening hours. So a contact received on Monday at 3pm is due for a decision within 1
working day by Tuesday at 3pm, and a red rating (4 working hours) by Tuesday at 11am.
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    # Reference data for a year, computed once per process; it never changes.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def _hours() -> tuple[dt.time, dt.time]:
    opens, closes = settings.WORKING_HOURS
    return dt.time.fromisoformat(opens), dt.time.fromisoformat(closes)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@lru_cache(maxsize=4096)
def working_days_after(day: dt.date, days: int) -> dt.date:
    """The date N working days after a day: the DfE's timescales count this way."""
    for _ in range(days):
        day = next_working_day(day)
    return day


def clock_start(moment: dt.datetime) -> dt.datetime:
    """The moment itself if it is in working hours, else the next opening time."""
    opens, closes = _hours()
    local = _local(moment)
    day = local.date()
    if is_working_day(day) and opens <= local.time() < closes:
        return local
    if is_working_day(day) and local.time() < opens:
        return _at(day, opens)
    return _at(next_working_day(day), opens)


def add_working_days(moment: dt.datetime, days: int) -> dt.datetime:
    start = clock_start(moment)
    return _at(working_days_after(start.date(), days), start.time())


def add_working_hours(moment: dt.datetime, hours: float) -> dt.datetime:
    opens, closes = _hours()
    current = clock_start(moment)
    remaining = dt.timedelta(hours=hours)
    while True:
        closing = _at(current.date(), closes)
        if current + remaining <= closing:
            return current + remaining
        remaining -= closing - current
        current = _at(next_working_day(current.date()), opens)


def due_after(
    moment: dt.datetime, *, days: float = 0, hours: float = 0, clock_hours: float = 0
) -> dt.datetime:
    """A clock of working days, working hours, or hours around the clock (immediate risk does
    not wait for the office to open), as the settings express them."""
    if clock_hours:
        return moment + dt.timedelta(hours=clock_hours)
    if days:
        return add_working_days(moment, int(days))
    return add_working_hours(moment, hours)


def is_working_time(moment: dt.datetime) -> bool:
    """Whether the moment falls in working hours on a working day."""
    return clock_start(moment) == _local(moment)
