"""A date of birth as a referrer knows it: an age ("about 7"), a month ("April 2011"), a year
("2011"), or when an unborn baby is due ("due 5 May 2027"). Read into the people index's date
and precision (the precision says how far to trust the date)."""

import datetime as dt
import re

from safeguard.people.models import DatePrecision

ADVICE = 'Enter it like "about 7", "April 2011", "2011" or "due 5 May 2027"'
MONTHS = {dt.date(2000, m, 1).strftime("%b").lower(): m for m in range(1, 13)}
OLDEST_AGE = 25  # a child's; an adult's is asked for with a higher limit
DUE_WITHIN = dt.timedelta(days=300)

# Words referrers put before an estimate ("approx. 7", "c. 2011", "aged about 7"), and the
# ways they write a due date (EDD, "estimated date of delivery", is the maternity term).
_HEDGE = re.compile(r"^(?:(?:about|around|approx|approximately|roughly|circa|c|aged?)\s+)+")
_DUE = re.compile(
    r"^(?:edd|due(?: date)?|expected(?: date of delivery)?|estimated date of delivery)"
    r"(?:\s+(?:on|in))?\s+"
)
_AGE = re.compile(r"^(\d{1,3})\s*(?:years?|yrs?|y|yo)?(?:\s*old)?$")
_PARTS = re.compile(r"^(?:(\d{1,2})\s+)?(?:([a-z]+|\d{1,2})\s+)?(\d{4})$")


def _parts(text: str) -> tuple[int | None, int | None, int]:
    """Day, month and year from "5 may 2027", "04 2011", "april 2011" or "2011"."""
    found = _PARTS.match(re.sub(r"[/.-]", " ", text))
    if not found:
        raise ValueError(ADVICE)
    day, month, year = found.groups()
    if day and not month:  # "4 2011": the number is a month
        day, month = None, day
    number = None
    if month:
        number = int(month) if month.isdigit() else MONTHS.get(month[:3])
        if number is None or not 1 <= number <= 12:
            raise ValueError(ADVICE)
    return (int(day) if day else None), number, int(year)


def _due(text: str, today: dt.date) -> dt.date:
    day, month, year = _parts(text)
    if month is None:
        raise ValueError('Enter the month the baby is due, like "due May 2027"')
    try:
        due = dt.date(year, month, day or 15)
    except ValueError:
        raise ValueError("Enter a real date when the baby is due") from None
    if not today <= due <= today + DUE_WITHIN:
        raise ValueError("An unborn baby's due date must be within the next 10 months")
    return due


def approximate_date_of_birth(
    text: str, *, today: dt.date, oldest: int = OLDEST_AGE
) -> tuple[dt.date, str]:
    """The date and its precision, or a ValueError in words the person can act on. A month is
    held as its first day, a year as 1 July, an age as the first of this month that many
    years ago."""
    value = re.sub(r"[,:.]", " ", text.lower())  # "c. 2011", "EDD: 12/05/2027"
    value = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value)  # "12th May"
    value = " ".join(value.split())
    if due := _DUE.match(value):
        return _due(value[due.end() :], today), DatePrecision.EXPECTED
    value = _HEDGE.sub("", value)
    if age := _AGE.match(value):
        years = int(age.group(1))
        if years > oldest:
            raise ValueError(f"Enter an age of {oldest} or under, or the year of birth")
        return today.replace(year=today.year - years, day=1), DatePrecision.ESTIMATED
    day, month, year = _parts(value)
    if day is not None:
        raise ValueError("For an exact date of birth, use the date boxes above")
    born = dt.date(year, month or 7, 1)
    if year > today.year or (month and born > today):
        raise ValueError('A date of birth must be in the past. For an unborn baby, write "due"')
    if year < today.year - 120:
        raise ValueError(f"Enter a year of birth after {today.year - 120}")
    # This year, before July: held as today, so a year of birth is never in the future.
    return min(born, today), DatePrecision.MONTH if month else DatePrecision.YEAR
