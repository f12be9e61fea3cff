"""An indicator's value for a period, wherever it comes from, with its provenance and RAG.

Aggregates only: nothing here names a person.
"""

from dataclasses import dataclass
from decimal import Decimal

from safeguard.partners.models import Agency
from safeguard.scorecard.computed import COMPUTED, Measure
from safeguard.scorecard.models import (
    CollectionRound,
    Indicator,
    PeriodKind,
    SourceKind,
    Submission,
    SubmissionStatus,
    Unit,
)
from safeguard.scorecard.periods import Period


@dataclass(frozen=True)
class Value:
    period: Period
    measure: Measure
    provenance: str  # how the figure was obtained, in words

    @property
    def value(self) -> float | None:
        return self.measure.value


def _submitted(indicator: Indicator, period: Period) -> Value:
    if indicator.period == PeriodKind.YEAR and period.quarter is not None:
        return Value(period, Measure(None), "Collected for the whole year, not by quarter.")
    approved = list(
        Submission.objects.filter(
            indicator=indicator,
            round__year=period.year,
            round__quarter=period.quarter,
            status=SubmissionStatus.APPROVED,
        ).select_related("agency", "submitted_by")
    )
    if not approved:
        return Value(period, Measure(None), "No approved submission for the period.")
    sources = "; ".join(
        f"submitted by {s.agency.name} on {s.submitted_at:%-d %B %Y}, evidence: {s.evidence}"
        for s in approved
    )
    total = sum((s.value for s in approved), Decimal(0))
    return Value(period, Measure(float(total)), f"Submitted by a partner: {sources}")


def indicator_measure(indicator: Indicator, period: Period) -> Value:
    if indicator.source_kind == SourceKind.SUBMITTED:
        return _submitted(indicator, period)
    computation = COMPUTED[indicator.computed_key]
    measure = computation.compute(period.start, period.end)
    provenance = (
        f"Computed by Safeguard from its records ({computation.key}, version "
        f"{computation.version})."
    )
    return Value(period, measure, provenance)


def rag_of(indicator: Indicator, value: float | None) -> str | None:
    """Green on the right side of the target, amber within its margin, red beyond it."""
    if value is None or indicator.target is None or indicator.higher_is_better is None:
        return None
    target = float(indicator.target)
    shortfall = target - value if indicator.higher_is_better else value - target
    if shortfall <= 0:
        return "green"
    if indicator.amber_within is not None and shortfall <= float(indicator.amber_within):
        return "amber"
    return "red"


def direction_of(current: float | None, previous: float | None) -> str | None:
    if current is None or previous is None:
        return None
    if current > previous:
        return "up"
    return "down" if current < previous else "same"


def value_in_range(unit: str, value: Decimal) -> str | None:
    """Why a submitted value cannot be right for its unit, or None."""
    if value < 0:
        return "The value cannot be negative"
    if unit == Unit.PERCENT and value > 100:
        return "A percentage cannot be more than 100"
    if unit == Unit.COUNT and value != value.to_integral_value():
        return "A number of cases must be a whole number"
    return None


def round_asks(collection_round: CollectionRound) -> list[tuple[Agency, Indicator]]:
    """Which agency is asked for which indicator: the submitted indicators an agency owns, or
    that have no owner."""
    agencies = list(collection_round.agencies.order_by("name"))
    indicators = list(
        collection_round.indicators.filter(source_kind=SourceKind.SUBMITTED).order_by("code")
    )
    return [
        (agency, indicator)
        for agency in agencies
        for indicator in indicators
        if indicator.owner_agency_id in (None, agency.pk)
    ]
