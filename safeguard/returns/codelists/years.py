"""Collection years as people write them: "2017-18" (or "2017") starts on 1 April 2017."""

import datetime as dt
import re

from django.utils import timezone


def parse_collection_year(text: str) -> int:
    found = re.fullmatch(r"\s*(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?\s*", text or "")
    if not found:
        raise ValueError("Enter the collection year like 2017-18")
    start = int(found.group(1))
    if found.group(2) and int(found.group(2)[-2:]) != (start + 1) % 100:
        raise ValueError("The second year must follow the first, like 2017-18")
    return start


def year_start(year: int) -> dt.date:
    """The collection year's first day: 1 April."""
    return dt.date(year, 4, 1)


def year_end(year: int) -> dt.date:
    """The collection year's last day: 31 March."""
    return dt.date(year + 1, 3, 31)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day some months earlier; the month's last day where it has fewer."""
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, last)
        except ValueError:
            continue
    raise ValueError(day)


def financial_year(day: dt.date | None = None) -> int:
    """The financial (and collection) year a day falls in, today by default: 2017 for 1 April
    2017 to 31 March 2018."""
    day = day or timezone.localdate()
    return day.year if day.month >= 4 else day.year - 1
