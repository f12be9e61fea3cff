"""Formatting of the scorecard: figures in their units, RAG tags, directions and trend charts."""

from typing import Any

from django.utils.html import json_script
from markupsafe import Markup

from safeguard.core.charts import line_chart_spec, spec_svg
from safeguard.returns.codelists import year_label
from safeguard.scorecard.models import Indicator, Unit
from safeguard.scorecard.selectors import Ask, IndicatorDetail, Tile
from safeguard.scorecard.values import Value

RAG_TAGS = {
    "green": ("On target", "govuk-tag--green"),
    "amber": ("Near target", "govuk-tag--yellow"),
    "red": ("Off target", "govuk-tag--red"),
}


def figure(unit: str, value: float | None, places: int = 1) -> str:
    if value is None:
        return "No figure"
    if unit == Unit.PERCENT:
        return f"{value:.{places}f}%"
    return f"{value:,.0f}"


def value_text(indicator: Indicator, value: Value) -> str:
    text = figure(indicator.unit, value.value)
    measure = value.measure
    if indicator.unit == Unit.PERCENT and measure.denominator:
        text += f" ({measure.numerator:,} of {measure.denominator:,})"
    return text


def direction_text(tile: Tile) -> str:
    if tile.direction is None:
        return "No earlier figure to compare"
    previous = figure(tile.indicator.unit, tile.previous.value)
    if tile.direction == "same":
        return f"Unchanged from {previous}"
    moved = "Up" if tile.direction == "up" else "Down"
    better = tile.indicator.higher_is_better
    if better is None:
        return f"{moved} from {previous}"
    good = (tile.direction == "up") == better
    return f"{moved} from {previous} ({'better' if good else 'worse'})"


def rag_tag(rag: str | None) -> dict[str, str] | None:
    if rag is None:
        return None
    text, classes = RAG_TAGS[rag]
    return {"text": text, "classes": classes}


def tile_card(tile: Tile) -> dict[str, Any]:
    return {
        "code": tile.indicator.code,
        "name": tile.indicator.name,
        "value": value_text(tile.indicator, tile.current),
        "direction": direction_text(tile),
        "previous_label": tile.previous.period.label,
        "rag": rag_tag(tile.rag),
        "source": tile.indicator.get_source_kind_display(),
    }


def trend_chart(detail: IndicatorDetail) -> dict[str, Any]:
    """The chart (server SVG and the spec for vega-embed) and the table of the same data."""
    indicator = detail.indicator
    periods = [v.period.label for v in detail.trend]
    series: dict[str, list[float | None]] = {"This partnership": [v.value for v in detail.trend]}
    for label in sorted({r.label for r in detail.references}):
        by_year = {r.year: float(r.value) for r in detail.references if r.label == label}
        series[label] = [by_year.get(v.period.year) for v in detail.trend]
    unit = "%" if indicator.unit == Unit.PERCENT else "Number"
    title = f"{indicator.name}, {periods[0]} to {periods[-1]}"
    spec = line_chart_spec(title=title, periods=periods, series=series, value_title=unit)
    rows = [
        [{"text": period}]
        + [{"text": figure(indicator.unit, s[i]), "format": "numeric"} for s in series.values()]
        for i, period in enumerate(periods)
    ]
    drawn = any(v is not None for values in series.values() for v in values)
    return {
        # Nothing to draw until there is a figure: the table says so.
        "svg": Markup(spec_svg(spec, title)) if drawn else None,  # noqa: S704 vl-convert's SVG
        # Django's json_script escapes <, > and & so nothing in a name can end the block.
        "spec_script": json_script(spec),
        "table": {
            "caption": f"{title}: the data in the chart",
            "captionClasses": "govuk-table__caption--s",
            "firstCellIsHeader": True,
            "head": [{"text": "Period"}] + [{"text": name, "format": "numeric"} for name in series],
            "rows": rows,
        },
    }


def references(detail: IndicatorDetail) -> list[tuple[str, str, str, str]]:
    unit = detail.indicator.unit
    return [
        (year_label(r.year), r.label, figure(unit, float(r.value)), r.source)
        for r in detail.references
    ]


def ask_status(ask: Ask) -> dict[str, str]:
    if ask.submission is None:
        text, classes = ("Overdue", "govuk-tag--red") if ask.late else ("Due", "govuk-tag--blue")
    else:
        text = ask.submission.get_status_display()
        classes = {
            "submitted": "govuk-tag--light-blue",
            "returned": "govuk-tag--orange",
            "approved": "govuk-tag--green",
        }[ask.submission.status]
        if ask.late:
            text += " late"
    return {"text": text, "classes": classes}
