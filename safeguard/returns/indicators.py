"""Indicators of the children's journey, computed from the current return of a collection year.

Aggregates only: no indicator returns a child. Each has its written definition beside its code,
so the scorecard and the yearly report can show how a figure was obtained.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from safeguard.returns.codelists import year_label
from safeguard.returns.codelists.ssda903 import TEMPORARY_PLACEMENTS
from safeguard.returns.codelists.years import year_end, year_start
from safeguard.returns.models import (
    CareEpisode,
    HealthOutcome,
    MissingEpisode,
    ReturnChild,
    ReturnKind,
    StatutoryReturn,
)

SHORT_BREAKS = ("V3", "V4")
NEW_PLACEMENT = frozenset({"S", "P", "T", "B", "U"})


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    name: str
    definition: str
    unit: str  # "count" or "percent"
    collection_year: int
    value: float | None  # None: no return imported for the year
    numerator: int | None = None
    denominator: int | None = None

    @property
    def year_label(self) -> str:
        return year_label(self.collection_year)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    unit: str
    compute: Callable[[StatutoryReturn], tuple[int, int | None]]  # numerator, denominator


def _current(kind: str, year: int) -> StatutoryReturn | None:
    return StatutoryReturn.objects.filter(kind=kind, collection_year=year, is_current=True).first()


def _year_end(statutory_return: StatutoryReturn) -> dt.date:
    return year_end(statutory_return.collection_year)


def _episodes(statutory_return: StatutoryReturn) -> QuerySet[CareEpisode]:
    return CareEpisode.objects.filter(child__statutory_return=statutory_return)


def _looked_after_at_year_end(statutory_return: StatutoryReturn) -> QuerySet[ReturnChild]:
    end = _year_end(statutory_return)
    open_at_end = (
        _episodes(statutory_return)
        .filter(Q(end__isnull=True) | Q(end__gt=end), start__lte=end)
        .exclude(legal_status__in=SHORT_BREAKS)
    )
    return ReturnChild.objects.filter(pk__in=open_at_end.values("child_id"))


def looked_after(statutory_return: StatutoryReturn) -> tuple[int, None]:
    return _looked_after_at_year_end(statutory_return).count(), None


def health_assessments(statutory_return: StatutoryReturn) -> tuple[int, int]:
    rows = HealthOutcome.objects.filter(child__statutory_return=statutory_return)
    return rows.filter(health_assessment=True).count(), rows.count()


def placements_in_year(statutory_return: StatutoryReturn) -> dict[int, int]:
    """Placements each child had in the year: the one held on 1 April, and each new one."""
    start = year_start(statutory_return.collection_year)
    counts: dict[int, int] = defaultdict(int)
    episodes = (
        _episodes(statutory_return)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .exclude(placement__in=TEMPORARY_PLACEMENTS)
        .values_list("child_id", "start", "reason_new")
    )
    for child_id, began, reason in episodes:
        if began < start or reason in NEW_PLACEMENT:
            counts[child_id] += 1
    return counts


def three_or_more_placements(statutory_return: StatutoryReturn) -> tuple[int, int]:
    at_end = set(_looked_after_at_year_end(statutory_return).values_list("pk", flat=True))
    counts = placements_in_year(statutory_return)
    return sum(1 for child in at_end if counts.get(child, 0) >= 3), len(at_end)


def seeking_asylum(statutory_return: StatutoryReturn) -> tuple[int, None]:
    end = _year_end(statutory_return)
    return (
        _looked_after_at_year_end(statutory_return)
        .filter(was_uasc=True)
        .filter(Q(uasc_ceased__isnull=True) | Q(uasc_ceased__gt=end))
        .count(),
        None,
    )


def missing_incidents(statutory_return: StatutoryReturn) -> tuple[int, None]:
    start = year_start(statutory_return.collection_year)
    return (
        MissingEpisode.objects.filter(
            child__statutory_return=statutory_return,
            start__gte=start,
            start__lte=_year_end(statutory_return),
        ).count(),
        None,
    )


INDICATORS = {
    i.code: i
    for i in (
        Indicator(
            "CLA_31MAR",
            "Children looked after at 31 March",
            "Children with an episode of care open at the end of the collection year (31 March) "
            "in the SSDA903 return, not counting agreed series of short breaks (legal status V3 "
            "or V4).",
            "count",
            looked_after,
        ),
        Indicator(
            "CLA_HEALTH",
            "Looked-after children with an up-to-date health assessment",
            "Of the children looked after continuously for at least 12 months at 31 March (the "
            "SSDA903 OC2 table), the share whose health assessment was up to date.",
            "percent",
            health_assessments,
        ),
        Indicator(
            "CLA_3PLACE",
            "Looked-after children with three or more placements in the year",
            "Children looked after at 31 March who had three or more placements during the "
            "collection year: the placement held on 1 April counts, as does each episode that "
            "starts a new placement (reason S, P, T, B or U); temporary placements (T0 to T4) do "
            "not. The denominator is all children looked after at 31 March.",
            "count",
            three_or_more_placements,
        ),
        Indicator(
            "CLA_UASC",
            "Looked-after children seeking asylum at 31 March",
            "Children looked after at 31 March who were unaccompanied asylum-seeking children "
            "(the SSDA903 UASC table) and had not ceased to be so by 31 March.",
            "count",
            seeking_asylum,
        ),
        Indicator(
            "CLA_MISSING",
            "Missing and away-from-placement incidents of looked-after children",
            "Episodes in the SSDA903 missing table (missing from care, or away from placement "
            "without authorisation) that began during the collection year.",
            "count",
            missing_incidents,
        ),
    )
}


def indicator_values(*, collection_year: int) -> list[IndicatorValue]:
    current = _current(ReturnKind.SSDA903, collection_year)
    values = []
    for i in INDICATORS.values():
        numerator, denominator = i.compute(current) if current else (None, None)
        if numerator is None:
            value = None
        elif i.unit == "percent":
            value = round(100 * numerator / denominator, 1) if denominator else None
        else:
            value = float(numerator)
        values.append(
            IndicatorValue(
                i.code,
                i.name,
                i.definition,
                i.unit,
                collection_year,
                value,
                numerator,
                denominator,
            )
        )
    return values
