"""Budget lines Safeguard computes from its own records, each registered under a key."""

from collections.abc import Callable
from dataclasses import dataclass

from safeguard.returns.codelists.years import year_end, year_start
from safeguard.training.reports import income


@dataclass(frozen=True)
class ComputedLine:
    key: str
    source: str  # how it is computed, shown beside the figure
    compute: Callable[[int], int]  # financial year -> pence


def _training_income(year: int) -> int:
    return income(start=year_start(year), end=year_end(year)).invoiced_pence


COMPUTED = {
    c.key: c
    for c in (
        ComputedLine(
            "training_income",
            "Computed by Safeguard: the invoices for the year's training sessions, less those "
            "cancelled",
            _training_income,
        ),
    )
}
