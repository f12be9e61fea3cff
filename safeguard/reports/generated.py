"""The sections Safeguard writes from its own records: demographics, performance data, the
MASH, training, the budget, and the appendices. Each figure cites how it was obtained."""

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from safeguard.core.charts import line_chart_spec, spec_svg
from safeguard.governance.selectors import budget_of
from safeguard.mash.insight import by_agency, by_month, received_in
from safeguard.reports import blocks as b
from safeguard.reports.definition import QUESTIONS
from safeguard.returns.codelists import year_label
from safeguard.scorecard.computed import COMPUTED
from safeguard.scorecard.models import DemographicFigure, Indicator, Unit
from safeguard.scorecard.periods import Period
from safeguard.scorecard.values import Value, indicator_measure
from safeguard.training.reports import delivery_table, impact


@dataclass
class Build:
    """What the generators share: the report's year and the figures' references, in order."""

    year: int
    references: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def period(self) -> Period:
        return Period(self.year)

    @property
    def label(self) -> str:
        return year_label(self.year)

    def cite(self, ref: str, name: str, definition: str, provenance: str) -> str:
        self.references.setdefault(
            ref, {"ref": ref, "name": name, "definition": definition, "provenance": provenance}
        )
        return ref


def _figure_text(indicator: Indicator, value: Value) -> str:
    m = value.measure
    if m.value is None:
        return "No figure"
    if indicator.unit == Unit.PERCENT:
        if m.denominator:
            return f"{b.whole_percent(m.numerator or 0, m.denominator)}%"
        return f"{m.value:.0f}%"
    return f"{m.value:,.0f}"


def _change(indicator: Indicator, previous: Value, current: Value) -> str:
    if previous.value is None or current.value is None:
        return "No earlier figure to compare"
    if indicator.unit == Unit.PERCENT:
        points = round(current.value - previous.value)
        moved = "up" if points > 0 else "down"
        return "No change" if points == 0 else f"{moved} {abs(points)} percentage points"
    change = current.value - previous.value
    if change == 0:
        return "No change"
    moved = "up" if change > 0 else "down"
    relative = f" ({abs(change) / previous.value:.0%})" if previous.value else ""
    return f"{moved} {abs(change):,.0f}{relative}"


def _item(build: Build, indicator: Indicator) -> dict[str, Any]:
    current = indicator_measure(indicator, build.period)
    previous = indicator_measure(indicator, build.period.previous())
    ref = build.cite(indicator.code, indicator.name, indicator.definition, current.provenance)
    return {
        "label": indicator.name,
        "unit": indicator.unit,
        "previous_period": previous.period.label,
        "current_period": current.period.label,
        "previous_text": _figure_text(indicator, previous),
        "current_text": _figure_text(indicator, current),
        "previous": [previous.measure.numerator, previous.measure.denominator],
        "current": [current.measure.numerator, current.measure.denominator],
        "change": _change(indicator, previous, current),
        "ref": ref,
    }


def performance(build: Build) -> list[b.Block]:
    indicators = Indicator.objects.filter(in_yearly_report=True).order_by("theme", "position")
    items = [_item(build, i) for i in indicators]
    return [{"kind": "figures", "items": items, "period": build.label}] if items else []


def demographics(build: Build) -> list[b.Block]:
    figures = list(DemographicFigure.objects.filter(year=build.year))
    if not figures:
        return []
    rows = [
        [
            b.text_cell(f.label),
            b.text_cell(f"{f.value:.1f}%" if f.unit == Unit.PERCENT else f"{f.value:,.0f}"),
            b.text_cell(f.source),
        ]
        for f in figures
    ]
    caption = f"The area's children, {build.label}"
    return [b.table(caption, ["Figure", "Value", "Source"], rows, numeric=(1,), period=build.label)]


def _computed_ref(build: Build, key: str, name: str) -> str:
    c = COMPUTED[key]
    return build.cite(key, name, c.method, f"Computed by Safeguard ({key}, version {c.version})")


def _cited(build: Build, key: str, name: str) -> dict[str, Any]:
    measure = COMPUTED[key].compute(build.period.start, build.period.end)
    return {"measure": measure, "ref": _computed_ref(build, key, name)}


def mash(build: Build) -> list[b.Block]:
    start, end = build.period.start, build.period.end
    received = received_in(start, end)
    agencies = by_agency(received).rows
    total = sum(int(str(n)) for _, n in agencies)
    rows = [[b.text_cell(str(a)), b.number_cell(int(str(n)))] for a, n in agencies]
    rows.append([b.text_cell("Total"), b.number_cell(total)])
    ref = _computed_ref(build, "mash.notifications", "Notifications received by the MASH")
    timely = _cited(build, "mash.decided_in_time", "MASH decisions within one working day")
    m = timely["measure"]
    summary = (
        f"<p>The MASH received {total:,} notifications in {build.label}. Of those decided, "
        f"{b.percent_cell(m.numerator or 0, m.denominator)['text']} were decided within one "
        f"working day ({m.numerator or 0:,} of {m.denominator or 0:,}).</p>"
    )
    months = by_month(received).rows
    month_labels = [f"{dt.date.fromisoformat(f'{m}-01'):%b %Y}" for m, _, _ in months]
    counts = [float(str(n)) for _, n, _ in months]
    title = f"Notifications received each month, {build.label}"
    spec = line_chart_spec(
        title=title,
        periods=month_labels,
        series={"Notifications": counts},
        value_title="Notifications",
    )
    month_rows = [
        [b.text_cell(label), b.number_cell(int(n))]
        for label, n in zip(month_labels, counts, strict=True)
    ]
    return [
        {**b.paragraph(summary), "ref": timely["ref"]},
        b.table(
            f"Notifications by source agency, {build.label}",
            ["Agency", "Notifications"],
            rows,
            numeric=(1,),
            totals=[{"row": len(rows) - 1, "of": list(range(len(rows) - 1)), "columns": [1]}],
            ref=ref,
            period=build.label,
        ),
        {
            "kind": "chart",
            "svg": spec_svg(spec, title),
            "table": b.table(
                f"{title}: the data in the chart",
                ["Month", "Notifications"],
                month_rows,
                numeric=(1,),
                ref=ref,
                period=build.label,
            ),
        },
    ]


def training(build: Build) -> list[b.Block]:
    start, end = build.period.start, build.period.end
    delivered = delivery_table(start=start, end=end)
    rows: list[list[b.Cell]] = []

    def add(title: str, attendees: int, places: int | None) -> int:
        rows.append(
            [
                b.text_cell(title),
                b.number_cell(attendees),
                b.number_cell(places),
                b.percent_cell(attendees, places),
            ]
        )
        return len(rows) - 1

    courses = [add(r.title, r.attendees, r.places) for r in delivered.courses]
    direct = add(
        "Direct delivery training subtotal", delivered.direct.attendees, delivered.direct.places
    )
    elearning = [add(r.title, r.attendees, None) for r in delivered.elearning]
    e_total = add("E-learning subtotal", delivered.elearning_total.attendees, None)
    grand = add("Grand total: training places accessed", delivered.grand_total, None)
    ref = build.cite(
        "training.delivery",
        "Training delivered",
        "Courses held in the year and not cancelled: attendees are the bookings marked "
        "attended; places offered are the sessions' capacity; e-learning counts the modules "
        "completed in the year.",
        "Computed by Safeguard from its training records (training.reports.delivery_table)",
    )
    blocks = [
        b.table(
            f"Safeguarding children training programme, {build.label}",
            ["Course", "Attendees", "Places offered", "% of places taken"],
            rows,
            numeric=(1, 2, 3),
            totals=[
                {"row": direct, "of": courses, "columns": [1, 2]},
                {"row": e_total, "of": elearning, "columns": [1]},
                {"row": grand, "of": [direct, e_total], "columns": [1]},
            ],
            percents=[{"rows": [*courses, direct], "column": 3, "numerator": 1, "denominator": 2}],
            ref=ref,
            period=build.label,
        )
    ]
    measured = [i for i in impact(start=start, end=end) if i.knowledge_after is not None]
    if measured:

        def pct(v: float | None) -> b.Cell:
            return b.text_cell(b.NO_FIGURE if v is None else f"{v:.0f}%")

        impact_ref = build.cite(
            "training.impact",
            "Impact of training on practice",
            "Of the attendees who answered the evaluation before and after a course, the "
            "shares who rated their knowledge and their confidence at or above the "
            "partnership's threshold.",
            "Computed by Safeguard from the delegates' evaluations (training.reports.impact)",
        )
        blocks.append(
            b.table(
                f"Knowledge and confidence before and after training, {build.label}",
                [
                    "Course",
                    "Knowledge before",
                    "Knowledge after",
                    "Confidence before",
                    "Confidence after",
                ],
                [
                    [
                        b.text_cell(i.course),
                        pct(i.knowledge_before),
                        pct(i.knowledge_after),
                        pct(i.confidence_before),
                        pct(i.confidence_after),
                    ]
                    for i in measured
                ],
                numeric=(1, 2, 3, 4),
                ref=impact_ref,
                period=build.label,
            )
        )
    return blocks


def budget(build: Build) -> list[b.Block]:
    found = budget_of(financial_year=build.year)
    if not (found.income or found.outgoings):
        return []
    ref = build.cite(
        "budget",
        "Budget summary",
        "Income by contributor and outgoings by category for the financial year; the totals "
        "and the variance are computed from the lines.",
        "Each line's source is shown beside it: entered from the partnership's finance "
        "records, or computed by Safeguard",
    )
    tables = []
    for caption, lines, total in (
        (f"Income {build.label}", found.income, found.income_pence),
        (f"Outgoings {build.label}", found.outgoings, found.outgoings_pence),
    ):
        rows = [
            [b.text_cell(x.label), b.text_cell(x.source), b.pounds_cell(x.pence)] for x in lines
        ]
        rows.append([b.text_cell("Total"), b.text_cell(""), b.pounds_cell(total)])
        tables.append(
            b.table(
                caption,
                ["Line", "Source", "Amount"],
                rows,
                numeric=(2,),
                totals=[{"row": len(rows) - 1, "of": list(range(len(lines))), "columns": [2]}],
                ref=ref,
                period=build.label,
            )
        )
    variance = found.variance_pence
    amount = b.pounds_cell(abs(variance))["text"]
    words = (
        "Balanced" if variance == 0 else f"{amount} {'overspend' if variance < 0 else 'underspend'}"
    )
    tables.append(b.paragraph(f"<p><strong>Variance: {html.escape(words)}</strong></p>"))
    return tables


def questions(build: Build) -> list[b.Block]:
    items = "".join(f"<li>{html.escape(q)}</li>" for q in QUESTIONS)
    intro = "<p>The questions each partner agency was asked for its contribution:</p>"
    return [b.paragraph(f"{intro}<ol>{items}</ol>")]


def _deferred(build: Build) -> list[b.Block]:
    """Filled in once the rest of the report is built (the glossary, the definitions)."""
    return []


GENERATORS: dict[str, Callable[[Build], list[b.Block]]] = {
    "demographics": demographics,
    "performance": performance,
    "mash": mash,
    "training": training,
    "budget": budget,
    "questions": questions,
    "glossary": _deferred,
    "definitions": _deferred,
}
