"""Formatting shared by every app's presenters: dates, numbers and tags in GOV.UK style."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


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
    key: str, value: str | SafeString, *, html: bool = False, change_href: str | None = None
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


def text_html(value: str) -> SafeString:
    """Text as the person typed it: escaped, with its line breaks kept (`white-space` would
    also keep runs of spaces, which a pasted account is full of)."""
    lines = value.replace("\r\n", "\n").split("\n")
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


def link_html(href: str, text: str, *, hidden: str = "") -> SafeString:
    """A GOV.UK link; `hidden` is context for screen readers ('Change' alone says nothing)."""
    if hidden:
        return format_html(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
            href,
            text,
            hidden,
        )
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def tag_html(params: dict[str, Any]) -> SafeString:
    """govukTag's markup, for a table cell that holds a tag beside other text."""
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', params.get("classes", ""), params["text"]
    )


def lines_html(*parts: str | SafeString) -> SafeString:
    """Several short lines in one cell, each escaped, empty ones left out."""
    return format_html_join(mark_safe("<br>"), "{}", ((p,) for p in parts if p))


Cell = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """govukTable's parameters, and what to say when there are no rows."""

    caption: str
    head: list[str]
    rows: list[list[Cell]]
    empty: str = "None."
    caption_size: str = "m"
    numeric: tuple[int, ...] = ()

    @property
    def params(self) -> dict[str, Any]:
        def head_cell(i: int, text: str) -> Cell:
            return {"text": text, "format": "numeric"} if i in self.numeric else {"text": text}

        return {
            "caption": self.caption,
            "captionClasses": f"govuk-table__caption--{self.caption_size}"
            if self.caption_size
            else "govuk-visually-hidden",
            "head": [head_cell(i, h) for i, h in enumerate(self.head)],
            "rows": self.rows,
        }


def text_cell(value: str) -> Cell:
    return {"text": value}


def html_cell(value: SafeString) -> Cell:
    return {"html": value}
