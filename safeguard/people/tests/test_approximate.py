"""Dates of birth as referrers know them, and the words that come back when they cannot be
read."""

import datetime as dt

import pytest

from safeguard.people.approximate import approximate_date_of_birth

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("about 7", dt.date(2019, 12, 1), "estimated"),
        ("7", dt.date(2019, 12, 1), "estimated"),
        ("aged 15 years old", dt.date(2011, 12, 1), "estimated"),
        ("April 2011", dt.date(2011, 4, 1), "month"),
        ("apr 2011", dt.date(2011, 4, 1), "month"),
        ("04/2011", dt.date(2011, 4, 1), "month"),
        ("2011", dt.date(2011, 7, 1), "year"),
        ("due 5 May 2027", dt.date(2027, 5, 5), "expected"),
        ("due May 2027", dt.date(2027, 5, 15), "expected"),
        ("Expected 12/03/2027", dt.date(2027, 3, 12), "expected"),
    ],
)
def test_what_a_referrer_knows_is_read_with_its_precision(text, date, precision):
    assert approximate_date_of_birth(text, today=TODAY) == (date, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sometime", "Enter it like"),
        ("about 40", "an age of 25 or under"),
        ("2030", "must be in the past"),
        ("due 5 May 2029", "within the next 10 months"),
        ("due 2027", "month the baby is due"),
        ("due 31 February 2027", "a real date"),
        ("Smarch 2011", "Enter it like"),
        ("1850", "after 1906"),
        ("3 4 2011", "use the date boxes"),
    ],
)
def test_what_cannot_be_read_is_refused_in_words_to_act_on(text, message):
    with pytest.raises(ValueError, match=message):
        approximate_date_of_birth(text, today=TODAY)


def test_this_years_birth_early_in_the_year_is_never_held_in_the_future():
    march = dt.date(2027, 3, 10)
    assert approximate_date_of_birth("2027", today=march) == (march, "year")


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        # As referrals and maternity notes write them, not as this project first did.
        ("approx. 7", dt.date(2019, 12, 1), "estimated"),
        ("7 yrs", dt.date(2019, 12, 1), "estimated"),
        ("aged about 7", dt.date(2019, 12, 1), "estimated"),
        ("around 7 yo", dt.date(2019, 12, 1), "estimated"),
        ("c. 2011", dt.date(2011, 7, 1), "year"),
        ("circa 2011", dt.date(2011, 7, 1), "year"),
        ("Sept 2011", dt.date(2011, 9, 1), "month"),
        ("EDD: 12/05/2027", dt.date(2027, 5, 12), "expected"),
        ("due date 12 May 2027", dt.date(2027, 5, 12), "expected"),
        ("expected 12th May 2027", dt.date(2027, 5, 12), "expected"),
        ("due in May 2027", dt.date(2027, 5, 15), "expected"),
    ],
)
def test_the_wording_referrers_and_midwives_use_is_read(text, date, precision):
    assert approximate_date_of_birth(text, today=TODAY) == (date, precision)


@pytest.mark.parametrize("text", ["12 weeks pregnant", "spring 2011", "2011/12"])
def test_what_is_too_vague_or_ambiguous_is_asked_again(text):
    with pytest.raises(ValueError, match="Enter it like"):
        approximate_date_of_birth(text, today=TODAY)
