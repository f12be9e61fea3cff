"""The MASH insight page: each aggregate as a chart beside its data table."""

import datetime as dt
from dataclasses import dataclass

from django.forms import Form
from django.urls import reverse
from markupsafe import Markup

from safeguard.core.charts import bar_chart_svg, line_chart_svg
from safeguard.core.presenters import Table, format_date, format_number, text_cell
from safeguard.core.reporting import Table as DataTable

# Which column each table's bar chart draws: the count or share a reader compares.
CHART_COLUMN = {"clocks": 3, "answer-times": 3, "outcomes": 2, "repeats": 2, "consent": 2}


@dataclass(frozen=True)
class InsightSection:
    slug: str
    title: str
    chart: Markup | None
    table: Table
    csv: dict[str, str]


@dataclass(frozen=True)
class InsightPage:
    title: str
    form: Form
    period: str
    sections: list[InsightSection]


def insight_chart(table: DataTable) -> str:
    """Months as a line of received and decided; everything else as bars."""
    if table.slug == "by-month":
        return line_chart_svg(
            title=table.title,
            periods=[str(r[0]) for r in table.rows],
            series={
                "Received": [r[1] for r in table.rows],  # type: ignore[misc]
                "Decided": [r[2] for r in table.rows],  # type: ignore[misc]
            },
            value_title="Notifications",
        )
    column = CHART_COLUMN.get(table.slug, 1)
    rows = [r for r in table.rows if r[column] is not None]
    return bar_chart_svg(
        title=table.title,
        labels=[str(r[0]) for r in rows],
        values=[float(r[column]) for r in rows],  # type: ignore[arg-type]
        value_title=table.columns[column],
    )


def _value(value: object) -> str:
    if value is None:
        return "–"  # noqa: RUF001 an en dash: no figure, not zero
    return format_number(value) if isinstance(value, int | float) else str(value)


def _data_table(table: DataTable) -> Table:
    """The chart's figures as a table: the first column names the row, the rest are numbers."""
    numeric = tuple(range(1, len(table.columns)))
    return Table(
        caption=f"{table.title}: data",
        head=list(table.columns),
        rows=[
            [
                text_cell(_value(v)) | ({"format": "numeric"} if i in numeric else {})
                for i, v in enumerate(row)
            ]
            for row in table.rows
        ],
        empty="No data for this period.",
        caption_size="s",
        numeric=numeric,
    )


def _section(table: DataTable, query: str) -> InsightSection:
    # vl-convert draws the SVG from our own figures and titles, which it escapes.
    chart = Markup(insight_chart(table)) if table.rows else None  # noqa: S704
    href = reverse("mash:insight-csv", args=[table.slug]) + f"?{query}"
    return InsightSection(
        slug=table.slug,
        title=table.title,
        chart=chart,
        table=_data_table(table),
        csv={"href": href, "text": "Download this table as CSV", "hidden": f": {table.title}"},
    )


def insight_page(
    *, tables: list[DataTable], form: Form, start: dt.date, end: dt.date, query: str
) -> InsightPage:
    return InsightPage(
        title="MASH insight",
        form=form,
        period=f"{format_date(start)} to {format_date(end)}",
        sections=[_section(t, query) for t in tables],
    )
