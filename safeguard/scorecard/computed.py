"""Indicators Safeguard computes from its own records, each registered under a key with a
version. A change to how an indicator is counted is a new version, so a published figure can
say which method produced it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, QuerySet

from safeguard.core.reporting import share
from safeguard.mash.insight import received_in
from safeguard.mash.models import Notification
from safeguard.mash.models.choices import REFERRAL_OUTCOMES
from safeguard.returns import indicators as journey
from safeguard.returns.codelists.years import financial_year, year_end
from safeguard.training.reports import delivery_table


@dataclass(frozen=True)
class Measure:
    value: float | None  # None: nothing to compute from (no return imported, say)
    numerator: int | None = None
    denominator: int | None = None


@dataclass(frozen=True)
class Computation:
    key: str
    version: int
    method: str  # how it is computed, shown as the figure's provenance
    compute: Callable[[dt.date, dt.date], Measure]  # the period's first and last day


def _journey(code: str) -> Callable[[dt.date, dt.date], Measure]:
    def compute(start: dt.date, end: dt.date) -> Measure:
        year = financial_year(start)
        found = journey.indicator_value(
            code=code, collection_year=year, start=start, end=min(end, year_end(year))
        )
        return Measure(found.value, found.numerator, found.denominator)

    return compute


def _percent(numerator: int, denominator: int) -> Measure:
    return Measure(share(numerator, denominator), numerator, denominator)


def _notifications(start: dt.date, end: dt.date) -> Measure:
    count = received_in(start, end).count()
    return Measure(float(count), count)


def _decided(start: dt.date, end: dt.date) -> QuerySet[Notification]:
    return received_in(start, end).filter(decided_at__isnull=False)


def _decided_in_time(start: dt.date, end: dt.date) -> Measure:
    decided = _decided(start, end)
    return _percent(decided.filter(decided_at__lte=F("decision_due_at")).count(), decided.count())


def _referred(start: dt.date, end: dt.date) -> Measure:
    decided = _decided(start, end)
    referred = decided.filter(decision__outcome__in=REFERRAL_OUTCOMES).count()
    return _percent(referred, decided.count())


def _training_attendees(start: dt.date, end: dt.date) -> Measure:
    total = delivery_table(start=start, end=end).grand_total
    return Measure(float(total), total)


def _places_filled(start: dt.date, end: dt.date) -> Measure:
    direct = delivery_table(start=start, end=end).direct
    return _percent(direct.attendees, direct.places or 0)


def _journey_computations() -> list[Computation]:
    return [
        Computation(
            f"returns.{code}",
            1,
            f"{i.definition} Computed from the council's current {i.source.upper()} return "
            "for the year.",
            _journey(code),
        )
        for code, i in journey.INDICATORS.items()
    ]


COMPUTED: dict[str, Computation] = {
    c.key: c
    for c in (
        *_journey_computations(),
        Computation(
            "mash.notifications",
            1,
            "Safeguarding notifications the MASH received in the period, from every channel.",
            _notifications,
        ),
        Computation(
            "mash.decided_in_time",
            1,
            "Of the notifications received in the period and decided, those decided within "
            "one working day of receipt (the MASH's decision clock).",
            _decided_in_time,
        ),
        Computation(
            "mash.referred",
            1,
            "Of the notifications received in the period and decided, those referred to "
            "children's social care for an assessment or a strategy discussion.",
            _referred,
        ),
        Computation(
            "training.attendees",
            1,
            "Attendees of the partnership's training courses held in the period, plus "
            "e-learning modules completed (the training table's grand total).",
            _training_attendees,
        ),
        Computation(
            "training.places_filled",
            1,
            "Of the places offered on the courses held in the period, those taken by "
            "attendees (cancelled sessions not counted).",
            _places_filled,
        ),
    )
}
