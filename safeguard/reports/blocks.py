"""The pieces a report's content is made of, as plain data: a published report freezes them
as JSON, and the same data renders its HTML and PDF and feeds the consistency check.

A cell keeps the number behind its text, and a table says which rows are totals of which and
which columns are shares of which, so that the check can recompute them.
"""

import html
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NO_FIGURE = "\u2013"  # an en dash, as tables print an empty cell

Block = dict[str, Any]
Cell = dict[str, Any]


def whole_percent(numerator: int, denominator: int) -> int:
    """A share as the report prints it: a whole percentage, halves rounded up."""
    exact = Decimal(100 * numerator) / Decimal(denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def number_cell(value: int | float | None) -> Cell:
    if value is None:
        return {"text": NO_FIGURE, "value": None}
    return {"text": f"{value:,.0f}", "value": value}


def percent_cell(numerator: int, denominator: int | None) -> Cell:
    if not denominator:
        return {"text": NO_FIGURE, "value": None}
    return {"text": f"{whole_percent(numerator, denominator)}%", "value": None}


def text_cell(text: str) -> Cell:
    return {"text": text, "value": None}


def pounds_cell(pence: int) -> Cell:
    text = f"£{pence / 100:,.0f}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"
    return {"text": text, "value": pence}


def table(
    caption: str,
    columns: list[str],
    rows: list[list[Cell]],
    *,
    numeric: tuple[int, ...] = (),
    totals: list[dict[str, Any]] | None = None,
    percents: list[dict[str, Any]] | None = None,
    ref: str = "",
    period: str = "",
) -> Block:
    """`totals`: {"row", "of": [rows], "columns": [cols]}; `percents`: {"rows", "column",
    "numerator", "denominator"} (column indexes)."""
    return {
        "kind": "table",
        "caption": caption,
        "columns": columns,
        "numeric": list(numeric),
        "rows": rows,
        "totals": totals or [],
        "percents": percents or [],
        "ref": ref,
        "period": period,
    }


def paragraph(html: str) -> Block:
    return {"kind": "html", "html": html}


def subsection(title: str, anchor: str, blocks: list[Block]) -> Block:
    return {"kind": "subsection", "title": title, "id": anchor, "blocks": blocks}


def html_escape(text: str) -> str:
    return html.escape(text, quote=True)
