"""Formatting of the budget: pounds, its tables with sources, and the variance in words."""

from typing import Any

from safeguard.governance.selectors import Budget, Line


def pounds(pence: int) -> str:
    return f"£{pence / 100:,.0f}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"


def _rows(lines: list[Line], total: int) -> list[list[dict[str, Any]]]:
    rows = [
        [
            {"text": line.label},
            {"text": line.source},
            {"text": pounds(line.pence), "format": "numeric"},
        ]
        for line in lines
    ]
    rows.append(
        [
            {"text": "Total", "classes": "govuk-!-font-weight-bold"},
            {"text": ""},
            {"text": pounds(total), "format": "numeric", "classes": "govuk-!-font-weight-bold"},
        ]
    )
    return rows


def budget_tables(budget: Budget) -> list[dict[str, Any]]:
    head = [{"text": "Line"}, {"text": "Source"}, {"text": "Amount", "format": "numeric"}]
    common = {"head": head, "captionClasses": "govuk-table__caption--m", "firstCellIsHeader": True}
    return [
        common | {"caption": "Income", "rows": _rows(budget.income, budget.income_pence)},
        common | {"caption": "Outgoings", "rows": _rows(budget.outgoings, budget.outgoings_pence)},
    ]


def variance(budget: Budget) -> str:
    if budget.variance_pence < 0:
        return f"{pounds(-budget.variance_pence)} overspend"
    if budget.variance_pence > 0:
        return f"{pounds(budget.variance_pence)} underspend"
    return "Balanced"
