"""Indicators of the children's journey, computed from the current returns of a collection year,
for the year or any period within it.

Aggregates only: no indicator returns a child. Each has its written definition beside its code,
so the scorecard and the yearly report can show how a figure was obtained.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from safeguard.core.calendar import working_days_after
from safeguard.returns.annex_a.lists import (
    ABSENT_EPISODES,
    MISSING_EPISODES,
    RHI_ACCEPTED,
    RHI_OFFERED,
)
from safeguard.returns.codelists import year_label
from safeguard.returns.codelists.annex_a import YES_NO
from safeguard.returns.codelists.cin import CATEGORY_OF_ABUSE, PRIVATELY_FOSTERED
from safeguard.returns.codelists.ssda903 import TEMPORARY_PLACEMENTS
from safeguard.returns.codelists.years import months_before, year_end, year_start
from safeguard.returns.models import (
    AnnexARow,
    Assessment,
    CareEpisode,
    ChildInNeedEpisode,
    HealthOutcome,
    MissingEpisode,
    ProtectionPlan,
    ReturnChild,
    ReturnKind,
    Section47Enquiry,
    StatutoryReturn,
)

SHORT_BREAKS = ("V3", "V4")
YES = YES_NO[True]
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
    start: dt.date | None = None  # the period counted: the whole year unless asked
    end: dt.date | None = None

    @property
    def year_label(self) -> str:
        return year_label(self.collection_year)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    unit: str
    compute: Callable[["Scope"], tuple[int, int | None]]  # numerator, denominator
    source: str = ReturnKind.SSDA903  # the return it is computed from


@dataclass(frozen=True)
class Scope:
    """A year's current return, and the period within its year that an indicator counts:
    flows (referrals, plans started) within the period, stocks (children looked after) at its
    end. OC2's health figure and Annex A's return interviews are the year's, whatever the
    period: the return gives them for the year only."""

    statutory_return: StatutoryReturn
    start: dt.date
    end: dt.date


def _current(kind: str, year: int) -> StatutoryReturn | None:
    return StatutoryReturn.objects.filter(kind=kind, collection_year=year, is_current=True).first()


def _episodes(statutory_return: StatutoryReturn) -> QuerySet[CareEpisode]:
    return CareEpisode.objects.filter(child__statutory_return=statutory_return)


def _looked_after_at(scope: Scope) -> QuerySet[ReturnChild]:
    end = scope.end
    open_at_end = (
        _episodes(scope.statutory_return)
        .filter(Q(end__isnull=True) | Q(end__gt=end), start__lte=end)
        .exclude(legal_status__in=SHORT_BREAKS)
    )
    return ReturnChild.objects.filter(pk__in=open_at_end.values("child_id"))


def looked_after(scope: Scope) -> tuple[int, None]:
    return _looked_after_at(scope).count(), None


def health_assessments(scope: Scope) -> tuple[int, int]:
    rows = HealthOutcome.objects.filter(child__statutory_return=scope.statutory_return)
    return rows.filter(health_assessment=True).count(), rows.count()


def placements_in(scope: Scope) -> dict[int, int]:
    """Placements each child had in the period: the one held at its start, and each new one."""
    start = scope.start
    counts: dict[int, int] = defaultdict(int)
    episodes = (
        _episodes(scope.statutory_return)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .exclude(placement__in=TEMPORARY_PLACEMENTS)
        .values_list("child_id", "start", "reason_new")
    )
    for child_id, began, reason in episodes:
        if began < start or reason in NEW_PLACEMENT:
            counts[child_id] += 1
    return counts


def three_or_more_placements(scope: Scope) -> tuple[int, int]:
    at_end = set(_looked_after_at(scope).values_list("pk", flat=True))
    counts = placements_in(scope)
    return sum(1 for child in at_end if counts.get(child, 0) >= 3), len(at_end)


def seeking_asylum(scope: Scope) -> tuple[int, None]:
    end = scope.end
    return (
        _looked_after_at(scope)
        .filter(was_uasc=True)
        .filter(Q(uasc_ceased__isnull=True) | Q(uasc_ceased__gt=end))
        .count(),
        None,
    )


def missing_incidents(scope: Scope) -> tuple[int, None]:
    start = scope.start
    return (
        MissingEpisode.objects.filter(
            child__statutory_return=scope.statutory_return,
            start__gte=start,
            start__lte=scope.end,
        ).count(),
        None,
    )


# Timescales in working days (reference, section 1.2); settings, not constants of the code.
ASSESSMENT_WORKING_DAYS = 45
ICPC_WORKING_DAYS = 15
RE_REFERRAL_MONTHS = 12


def _between(field: str, scope: Scope) -> Q:
    """The field's date falls in the period."""
    return Q(**{f"{field}__gte": scope.start, f"{field}__lte": scope.end})


def _within(pairs: list[tuple[dt.date, dt.date | None]], working_days: int) -> int:
    """How many (start, done) pairs were done within the working days of their start."""
    return sum(
        1 for start, done in pairs if done and done <= working_days_after(start, working_days)
    )


def _referrals(scope: Scope) -> QuerySet[ChildInNeedEpisode]:
    return ChildInNeedEpisode.objects.filter(
        _between("referral_date", scope), child__statutory_return=scope.statutory_return
    )


def referrals(scope: Scope) -> tuple[int, None]:
    return _referrals(scope).count(), None


def re_referrals(scope: Scope) -> tuple[int, int]:
    """Referrals in the period within 12 months of the same child's previous referral.

    Earlier referrals come from this census and the current censuses of earlier years, matched
    by the council's child identifier, which its case system keeps for life.
    """
    in_year = list(_referrals(scope).values_list("child__child_ref", "referral_date"))
    # Only the year before the period can hold a referral within 12 months of one in it.
    earlier = ChildInNeedEpisode.objects.filter(
        child__statutory_return__kind=ReturnKind.CIN,
        child__statutory_return__is_current=True,
        child__statutory_return__collection_year__in=(
            scope.statutory_return.collection_year - 1,
            scope.statutory_return.collection_year,
        ),
        child__child_ref__in=_referrals(scope).values("child__child_ref"),
        referral_date__gte=months_before(scope.start, RE_REFERRAL_MONTHS),
        referral_date__lt=scope.end,
    ).values_list("child__child_ref", "referral_date")
    dates: dict[str, set[dt.date]] = defaultdict(set)
    for ref, day in earlier:
        dates[ref].add(day)
    repeat = sum(
        1
        for ref, day in in_year
        if any(months_before(day, RE_REFERRAL_MONTHS) <= d < day for d in dates[ref])
    )
    return repeat, len(in_year)


def assessments_on_time(scope: Scope) -> tuple[int, int]:
    done = Assessment.objects.filter(
        episode__child__statutory_return=scope.statutory_return
    ).filter(_between("authorised", scope))
    pairs = list(done.values_list("start", "authorised"))
    return _within(pairs, ASSESSMENT_WORKING_DAYS), len(pairs)


def conferences_on_time(scope: Scope) -> tuple[int, int]:
    held = Section47Enquiry.objects.filter(
        episode__child__statutory_return=scope.statutory_return
    ).filter(_between("icpc_date", scope))
    pairs = list(held.values_list("start", "icpc_date"))
    return _within(pairs, ICPC_WORKING_DAYS), len(pairs)


def _plans_started(scope: Scope) -> QuerySet[ProtectionPlan]:
    return ProtectionPlan.objects.filter(
        episode__child__statutory_return=scope.statutory_return
    ).filter(_between("start", scope))


def plans_of(category: str) -> Callable[[Scope], tuple[int, int]]:
    def compute(scope: Scope) -> tuple[int, int]:
        started = _plans_started(scope)
        return started.filter(initial_category=category).count(), started.count()

    return compute


def second_plans(scope: Scope) -> tuple[int, int]:
    started = _plans_started(scope)
    return started.filter(previous_plans__gt=0).count(), started.count()


def privately_fostered(scope: Scope) -> tuple[int, None]:
    done = Assessment.objects.filter(
        episode__child__statutory_return=scope.statutory_return
    ).filter(_between("authorised", scope))
    children = {
        child
        for child, factors in done.values_list("episode__child_id", "factors")
        if set(factors) & set(PRIVATELY_FOSTERED)
    }
    return len(children), None


def _children_missing(scope: Scope) -> list[dict[str, object]]:
    """Annex A list 8's children who went missing or absent in the 12 months."""
    rows = AnnexARow.objects.filter(statutory_return=scope.statutory_return, list_number=8)
    return [
        r
        for r in rows.values_list("values", flat=True)
        if int(r.get(MISSING_EPISODES) or 0) + int(r.get(ABSENT_EPISODES) or 0) > 0
    ]


def return_interviews_offered(scope: Scope) -> tuple[int, int]:
    rows = _children_missing(scope)
    return sum(1 for r in rows if r.get(RHI_OFFERED) == YES), len(rows)


def return_interviews_accepted(scope: Scope) -> tuple[int, int]:
    offered = [r for r in _children_missing(scope) if r.get(RHI_OFFERED) == YES]
    return sum(1 for r in offered if r.get(RHI_ACCEPTED) == YES), len(offered)


_PLAN_CATEGORY = tuple(
    Indicator(
        f"CP_{code.code}",
        f"Child protection plans started for {code.label.lower()}",
        f"Of the child protection plans that started in the period (CIN census), "
        f"those whose initial category of abuse was {code.label.lower()} ({code.code}).",
        "percent",
        plans_of(code.code),
        ReturnKind.CIN,
    )
    for code in CATEGORY_OF_ABUSE.codes
)

INDICATORS = {
    i.code: i
    for i in (
        Indicator(
            "CLA_31MAR",
            "Children looked after at 31 March",
            "Children with an episode of care open at the end of the period (31 March for a "
            "year) "
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
            "Children looked after at the end of the period who had three or more placements "
            "during it: the placement held at its start counts, as does each episode that "
            "starts a new placement (reason S, P, T, B or U); temporary placements (T0 to T4) do "
            "not. The denominator is all children looked after at the end of the period.",
            "count",
            three_or_more_placements,
        ),
        Indicator(
            "CLA_UASC",
            "Looked-after children seeking asylum at 31 March",
            "Children looked after at the end of the period who were unaccompanied "
            "asylum-seeking children (the SSDA903 UASC table) and had not ceased to be so by "
            "then.",
            "count",
            seeking_asylum,
        ),
        Indicator(
            "CLA_MISSING",
            "Missing and away-from-placement incidents of looked-after children",
            "Episodes in the SSDA903 missing table (missing from care, or away from placement "
            "without authorisation) that began during the period.",
            "count",
            missing_incidents,
        ),
        Indicator(
            "CIN_REFERRALS",
            "Referrals to children's social care",
            "Referrals (CIN census CINdetails modules) whose referral date is in the collection "
            "year.",
            "count",
            referrals,
            ReturnKind.CIN,
        ),
        Indicator(
            "CIN_REREFERRALS",
            "Re-referrals within 12 months",
            "Of the referrals in the period, those made within 12 months of the same "
            "child's previous referral (found in this census or an earlier year's, by the "
            "council's child identifier).",
            "percent",
            re_referrals,
            ReturnKind.CIN,
        ),
        Indicator(
            "CIN_ASSESS_45",
            "Assessments completed within 45 working days",
            "Of the assessments authorised in the period, those authorised within 45 "
            "working days of their start (weekends and England bank holidays excluded).",
            "percent",
            assessments_on_time,
            ReturnKind.CIN,
        ),
        Indicator(
            "CIN_ICPC_15",
            "Initial child protection conferences within 15 working days",
            "Of the initial child protection conferences held in the period, those held "
            "within 15 working days of the start of the section 47 enquiry that led to them.",
            "percent",
            conferences_on_time,
            ReturnKind.CIN,
        ),
        *_PLAN_CATEGORY,
        Indicator(
            "CP_SECOND",
            "Second or subsequent child protection plans",
            "Of the child protection plans that started in the period, those for a "
            "child who had had a plan before (NumberOfPreviousCPP above 0).",
            "percent",
            second_plans,
            ReturnKind.CIN,
        ),
        Indicator(
            "CLA_RHI_OFFERED",
            "Return interviews offered after a missing episode",
            "Of the children in care in Annex A list 8 who went missing or were absent from "
            "their placement in the last 12 months, those offered a return interview after "
            "their last missing episode.",
            "percent",
            return_interviews_offered,
            ReturnKind.ANNEX_A,
        ),
        Indicator(
            "CLA_RHI_ACCEPTED",
            "Return interviews accepted",
            "Of the children in Annex A list 8 offered a return interview after their last "
            "missing episode, those who accepted it.",
            "percent",
            return_interviews_accepted,
            ReturnKind.ANNEX_A,
        ),
        Indicator(
            "PRIVATE_FOSTERING",
            "Privately fostered children",
            "Children with an assessment authorised in the period that identified "
            "private fostering (assessment factors 8B to 8F) in the CIN census.",
            "count",
            privately_fostered,
            ReturnKind.CIN,
        ),
    )
}


def _period(
    collection_year: int, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date]:
    first, last = year_start(collection_year), year_end(collection_year)
    start, end = start or first, end or last
    if not first <= start <= end <= last:
        raise ValueError(f"The period must lie within {year_label(collection_year)}")
    return start, end


def _value(
    i: Indicator, current: StatutoryReturn | None, year: int, period: tuple[dt.date, dt.date]
) -> IndicatorValue:
    start, end = period
    numerator, denominator = i.compute(Scope(current, start, end)) if current else (None, None)
    if numerator is None:
        value = None
    elif i.unit == "percent":
        value = round(100 * numerator / denominator, 1) if denominator else None
    else:
        value = float(numerator)
    return IndicatorValue(
        i.code, i.name, i.definition, i.unit, year, value, numerator, denominator, start, end
    )


def indicator_values(
    *, collection_year: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[IndicatorValue]:
    """Every indicator for a collection year, or for a period within it (a quarter, say)."""
    period = _period(collection_year, start, end)
    returns: dict[str, StatutoryReturn | None] = {
        i.source: _current(i.source, collection_year) for i in INDICATORS.values()
    }
    return [_value(i, returns[i.source], collection_year, period) for i in INDICATORS.values()]


def indicator_value(
    *, code: str, collection_year: int, start: dt.date | None = None, end: dt.date | None = None
) -> IndicatorValue:
    """One indicator, for a collection year or a period within it."""
    i = INDICATORS[code]
    period = _period(collection_year, start, end)
    return _value(i, _current(i.source, collection_year), collection_year, period)
