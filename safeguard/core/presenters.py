"""Formatting shared by every app's presenters: dates, numbers and tags in GOV.UK style."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone


def format_date(value: date | datetime | None, *, empty: str = "Not known") -> str:
    """'4 March 2018', the GOV.UK style."""
    if value is None:
        return empty
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {value:%B %Y}"


def format_time(value: datetime) -> str:
    """'2:30pm', '9am', 'midday'."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if local.hour == 12 and local.minute == 0:
        return "midday"
    if local.hour == 0 and local.minute == 0:
        return "midnight"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def format_datetime(value: datetime | None, *, empty: str = "Not known") -> str:
    """'4 March 2018 at 2:30pm'."""
    if value is None:
        return empty
    return f"{format_date(value)} at {format_time(value)}"


def format_number(value: int | float | None) -> str:
    if value is None:
        return ""
    return f"{value:,}"


def tag(text: str, colour: str | None = None) -> dict[str, Any]:
    """Parameters for govukTag."""
    params: dict[str, Any] = {"text": text}
    if colour:
        params["classes"] = f"govuk-tag--{colour}"
    return params


def summary_row(
    key: str, value: str, *, html: bool = False, change_href: str | None = None
) -> dict[str, Any]:
    """One row of govukSummaryList; `html` marks values that are already escaped markup."""
    row: dict[str, Any] = {
        "key": {"text": key},
        "value": {"html": value} if html else {"text": value or "Not known"},
    }
    if change_href:
        row["actions"] = {
            "items": [{"href": change_href, "text": "Change", "visuallyHiddenText": key.lower()}]
        }
    return row
