"""What every aggregate report shares: a table of figures, shares, and periods of whole days."""

import datetime as dt
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone

from safeguard.core.csv_export import csv_text


@dataclass(frozen=True)
class Table:
    """A chart's data: a title, the column headings and the rows."""

    slug: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]


def share(part: int, whole: int) -> float | None:
    """A percentage to one decimal place, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def day_window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of `start` to the start of the day after `end`, in local time."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, zone),
    )


def table_csv_response(table: Table, *, prefix: str, start: dt.date, end: dt.date) -> HttpResponse:
    response = HttpResponse(
        csv_text(table.columns, table.rows), content_type="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{prefix}-{table.slug}-{start}-to-{end}.csv"'
    )
    return response
