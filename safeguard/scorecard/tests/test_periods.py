import datetime as dt

import pytest

from safeguard.scorecard.periods import Period, period_parse


def test_a_year_runs_april_to_march_and_its_previous_is_the_year_before():
    year = Period(2017)
    assert (year.start, year.end, year.label) == (
        dt.date(2017, 4, 1),
        dt.date(2018, 3, 31),
        "2017-18",
    )
    assert year.previous() == Period(2016)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, dt.date(2017, 4, 1), dt.date(2017, 6, 30)),
        (3, dt.date(2017, 10, 1), dt.date(2017, 12, 31)),
        (4, dt.date(2018, 1, 1), dt.date(2018, 3, 31)),
    ],
)
def test_quarters_are_the_financial_years_quarters(quarter, start, end):
    period = Period(2017, quarter)
    assert (period.start, period.end) == (start, end)


def test_the_quarter_before_the_first_is_the_last_of_the_year_before():
    assert Period(2017, 1).previous() == Period(2016, 4)
    assert [p.key for p in Period(2017, 2).trend(3)] == ["2016-Q4", "2017-Q1", "2017-Q2"]


def test_periods_are_read_from_their_keys_and_nonsense_is_refused():
    assert period_parse("2017-Q3") == Period(2017, 3)
    for text in ("2017-Q5", "last year", "2017-Qx"):
        with pytest.raises(ValueError):
            period_parse(text)
