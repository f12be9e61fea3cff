"""Formatting shared by every app's presenters: dates, numbers and tags in GOV.UK style."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup


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


def text_html(value: str) -> Markup:
    """Text as the person typed it: escaped, with its line breaks kept (`white-space` would
    also keep runs of spaces, which a pasted account is full of)."""
    return Markup("<br>").join(value.replace("\r\n", "\n").split("\n"))


_JOIN, _CLOSE = Markup(""), Markup('">')
_LINK, _LINK_END = Markup('<a class="govuk-link" href="'), Markup("</a>")
_HIDDEN = Markup('<span class="govuk-visually-hidden"> ')
_LINK_END_HIDDEN = Markup("</span></a>")
_TAG, _TAG_END = Markup('<strong class="govuk-tag '), Markup("</strong>")


def link_html(href: str, text: str, *, hidden: str = "") -> Markup:
    """A GOV.UK link; `hidden` is context for screen readers ('Change' alone says nothing)."""
    # Joined, not Markup.format: a page's table builds hundreds of these, and the
    # formatter's parsing was most of a queue page's presenter time. join escapes each str.
    if hidden:
        return _JOIN.join((_LINK, href, _CLOSE, text, _HIDDEN, hidden, _LINK_END_HIDDEN))
    return _JOIN.join((_LINK, href, _CLOSE, text, _LINK_END))


def tag_html(params: dict[str, Any]) -> Markup:
    """govukTag's markup, for a table cell that holds a tag beside other text."""
    return _JOIN.join((_TAG, params.get("classes", ""), _CLOSE, params["text"], _TAG_END))


def lines_html(*parts: str) -> Markup:
    """Several short lines in one cell, each escaped unless already markup, empty ones left
    out. (markupsafe, not Django's format_html: a table of them is built per request, and
    Django's lazy-string checks tripled the cost.)"""
    return Markup("<br>").join(p for p in parts if p)


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


def html_cell(value: Markup) -> Cell:
    return {"html": value}


_PLACEHOLDER = UUID(int=0)


def uuid_url(name: str) -> Callable[[UUID], str]:
    """reverse() for a route taking one UUID, reversed once for a whole list of rows: a
    reverse costs about 0.1 ms, a string replace next to nothing."""
    pattern = reverse(name, args=[_PLACEHOLDER])
    placeholder = str(_PLACEHOLDER)
    return lambda pk: pattern.replace(placeholder, str(pk))
