import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from safeguard.core.calendar import (
    add_working_days,
    add_working_hours,
    clock_start,
    due_after,
    is_working_day,
    is_working_time,
    working_days_after,
)

LONDON = ZoneInfo("Europe/London")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(dt.date(2026, 11, 26))  # a Thursday
    assert not is_working_day(dt.date(2026, 11, 28))  # a Saturday
    assert not is_working_day(dt.date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day, observed on Monday
    assert not is_working_day(dt.date(2027, 3, 29))  # Easter Monday


@pytest.mark.parametrize(
    ("received", "starts"),
    [
        (at(2026, 11, 26, 15, 0), at(2026, 11, 26, 15, 0)),  # within hours
        (at(2026, 11, 26, 7, 30), at(2026, 11, 26, 9, 0)),  # before opening
        (at(2026, 11, 26, 18, 0), at(2026, 11, 27, 9, 0)),  # after closing
        (at(2026, 11, 28, 11, 0), at(2026, 11, 30, 9, 0)),  # on a Saturday
        (at(2026, 12, 24, 17, 30), at(2026, 12, 29, 9, 0)),  # over Christmas
    ],
)
def test_a_clock_starts_at_the_next_working_moment(received, starts):
    assert clock_start(received) == starts


def test_one_working_day_lands_at_the_same_time_the_next_working_day():
    assert add_working_days(at(2026, 11, 26, 15, 0), 1) == at(2026, 11, 27, 15, 0)
    assert add_working_days(at(2026, 11, 27, 15, 0), 1) == at(2026, 11, 30, 15, 0)  # Fri->Mon
    assert add_working_days(at(2027, 3, 25, 10, 0), 1) == at(2027, 3, 30, 10, 0)  # Easter


def test_working_hours_stop_at_closing_and_resume_at_opening():
    assert add_working_hours(at(2026, 11, 26, 10, 0), 4) == at(2026, 11, 26, 14, 0)
    assert add_working_hours(at(2026, 11, 26, 15, 0), 4) == at(2026, 11, 27, 11, 0)
    assert add_working_hours(at(2026, 11, 27, 16, 0), 4) == at(2026, 11, 30, 12, 0)
    assert add_working_hours(at(2026, 12, 24, 16, 0), 4) == at(2026, 12, 29, 12, 0)


def test_a_clock_that_ends_exactly_at_closing_ends_that_day():
    assert add_working_hours(at(2026, 11, 26, 13, 0), 4) == at(2026, 11, 26, 17, 0)


def test_working_days_after_skips_weekends_and_bank_holidays():
    # Thursday 29 March 2018: Good Friday and Easter Monday fall in the next four days.
    assert working_days_after(dt.date(2018, 3, 29), 1) == dt.date(2018, 4, 3)
    assert working_days_after(dt.date(2018, 3, 29), 3) == dt.date(2018, 4, 5)
    assert working_days_after(dt.date(2018, 3, 29), 0) == dt.date(2018, 3, 29)


def test_clock_hours_run_through_the_night_and_the_weekend():
    friday_night = at(2026, 11, 27, 22, 0)
    assert due_after(friday_night, clock_hours=4) == at(2026, 11, 28, 2, 0)
    assert due_after(friday_night, hours=4) == at(2026, 11, 30, 13, 0)


@pytest.mark.parametrize(
    ("moment", "working"),
    [
        (at(2026, 11, 26, 9, 0), True),
        (at(2026, 11, 26, 16, 59), True),
        (at(2026, 11, 26, 17, 0), False),
        (at(2026, 11, 26, 8, 59), False),
        (at(2026, 11, 28, 12, 0), False),  # a Saturday
        (at(2026, 12, 25, 12, 0), False),  # Christmas Day
    ],
)
def test_working_time_is_opening_hours_on_working_days(moment, working):
    assert is_working_time(moment) is working
