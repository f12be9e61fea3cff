"""Reads of the partnership's budget: lines with their sources, totals and the variance."""

from dataclasses import dataclass

from safeguard.core.actors import Actor
from safeguard.core.policy import Permission, require_permission
from safeguard.governance.computed import COMPUTED
from safeguard.governance.models import BudgetLine, Direction


@dataclass(frozen=True)
class Line:
    label: str
    pence: int
    source: str
    computed: bool


@dataclass(frozen=True)
class Budget:
    financial_year: int
    income: list[Line]
    outgoings: list[Line]

    @property
    def income_pence(self) -> int:
        return sum(line.pence for line in self.income)

    @property
    def outgoings_pence(self) -> int:
        return sum(line.pence for line in self.outgoings)

    @property
    def variance_pence(self) -> int:
        """Income less outgoings: below zero is an overspend."""
        return self.income_pence - self.outgoings_pence


def _line(line: BudgetLine) -> Line:
    if line.computed_from:
        pence = COMPUTED[line.computed_from].compute(line.financial_year)
        return Line(line.label, pence, line.source, True)
    return Line(line.label, line.amount_pence or 0, line.source, False)


def budget_get(*, actor: Actor, financial_year: int) -> Budget:
    """Aggregates only: no personal data."""
    require_permission(actor, Permission.BUDGET_VIEW)
    return budget_of(financial_year=financial_year)


def budget_of(*, financial_year: int) -> Budget:
    """The year's budget, for the yearly report that publishes it."""
    lines = BudgetLine.objects.filter(financial_year=financial_year)
    return Budget(
        financial_year,
        [_line(x) for x in lines if x.direction == Direction.INCOME],
        [_line(x) for x in lines if x.direction == Direction.OUTGOING],
    )
