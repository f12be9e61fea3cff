"""Reads of the scorecard: aggregates only, for every role that may see it, and each agency's
own submissions."""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Max
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.policy import Permission, require_permission
from safeguard.partners.models import Agency
from safeguard.returns.codelists.years import financial_year
from safeguard.scorecard.computed import COMPUTED, Computation
from safeguard.scorecard.models import (
    CollectionRound,
    DemographicFigure,
    Indicator,
    ReferenceValue,
    RoundStatus,
    SourceKind,
    Submission,
)
from safeguard.scorecard.periods import Period
from safeguard.scorecard.values import Value, direction_of, indicator_measure, rag_of, round_asks


def scorecard_latest_year() -> int:
    """The latest financial year with figures: a current return or a collection round; else the
    last whole year."""
    from safeguard.returns.models import StatutoryReturn

    years = [
        StatutoryReturn.objects.filter(is_current=True).aggregate(y=Max("collection_year"))["y"],
        CollectionRound.objects.aggregate(y=Max("year"))["y"],
    ]
    return max((y for y in years if y is not None), default=financial_year() - 1)


@dataclass(frozen=True)
class Tile:
    indicator: Indicator
    current: Value
    previous: Value

    @property
    def rag(self) -> str | None:
        return rag_of(self.indicator, self.current.value)

    @property
    def direction(self) -> str | None:
        return direction_of(self.current.value, self.previous.value)


def scorecard_get(*, actor: Actor, period: Period, theme: str = "") -> list[Tile]:
    require_permission(actor, Permission.SCORECARD_VIEW)
    indicators = Indicator.objects.select_related("owner_agency")
    if theme:
        indicators = indicators.filter(theme=theme)
    return [
        Tile(i, indicator_measure(i, period), indicator_measure(i, period.previous()))
        for i in indicators
    ]


@dataclass(frozen=True)
class IndicatorDetail:
    indicator: Indicator
    trend: list[Value]
    references: list[ReferenceValue]
    computation: Computation | None


def indicator_get(*, actor: Actor, code: str, period: Period) -> IndicatorDetail:
    require_permission(actor, Permission.SCORECARD_VIEW)
    indicator = Indicator.objects.select_related("owner_agency").filter(code=code).first()
    if indicator is None:
        raise NotFound
    years = [p.year for p in period.trend()]
    return IndicatorDetail(
        indicator,
        [indicator_measure(indicator, p) for p in period.trend()],
        list(indicator.references.filter(year__in=years)),
        COMPUTED.get(indicator.computed_key),
    )


@dataclass(frozen=True)
class Ask:
    """One figure an agency owes in a round, and where it stands."""

    round: CollectionRound
    agency: Agency
    indicator: Indicator
    submission: Submission | None

    @property
    def late(self) -> bool:
        if self.submission is not None:
            return timezone.localdate(self.submission.submitted_at) > self.round.due_on
        return timezone.localdate() > self.round.due_on

    @property
    def can_change(self) -> bool:
        return self.round.status == RoundStatus.OPEN and (
            self.submission is None or self.submission.status != "approved"
        )


def _asks(collection_round: CollectionRound, agency_id: UUID | None = None) -> list[Ask]:
    submissions = {
        (s.agency_id, s.indicator_id): s
        for s in collection_round.submissions.select_related("submitted_by")
    }
    return [
        Ask(collection_round, agency, indicator, submissions.get((agency.pk, indicator.pk)))
        for agency, indicator in round_asks(collection_round)
        if agency_id is None or agency.pk == agency_id
    ]


def rounds_list(*, actor: Actor) -> list[CollectionRound]:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    return list(CollectionRound.objects.all())


def round_get(*, actor: Actor, round_id: UUID) -> tuple[CollectionRound, list[Ask]]:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    found = CollectionRound.objects.filter(pk=round_id).first()
    if found is None:
        raise NotFound
    return found, _asks(found)


def due_list(*, actor: Actor) -> list[Ask]:
    """What the actor's agency owes, in the open rounds, and what it sent in closed ones."""
    require_permission(actor, Permission.SCORECARD_SUBMIT)
    rounds = CollectionRound.objects.filter(agencies=actor.agency_id)
    return [ask for r in rounds for ask in _asks(r, actor.agency_id)]


def ask_get(*, actor: Actor, round_id: UUID, code: str) -> Ask:
    """An agency reaches only what it is asked for: anything else is 404."""
    require_permission(actor, Permission.SCORECARD_SUBMIT)
    found = CollectionRound.objects.filter(pk=round_id, agencies=actor.agency_id).first()
    asks = [a for a in _asks(found, actor.agency_id) if a.indicator.code == code] if found else []
    if not asks:
        raise NotFound
    return asks[0]


def submission_get(*, actor: Actor, submission_id: UUID) -> Submission:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    found = (
        Submission.objects.select_related("round", "agency", "indicator", "submitted_by")
        .filter(pk=submission_id)
        .first()
    )
    if found is None:
        raise NotFound
    return found


def demographics_list(*, actor: Actor, year: int) -> list[DemographicFigure]:
    require_permission(actor, Permission.SCORECARD_VIEW)
    return list(DemographicFigure.objects.filter(year=year))


def indicator_find(*, actor: Actor, code: str) -> Indicator:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    found = Indicator.objects.filter(code=code).first()
    if found is None:
        raise NotFound
    return found


def submitted_indicators() -> list[Indicator]:
    """The indicators whose values partners submit in a collection round."""
    return list(Indicator.objects.filter(source_kind=SourceKind.SUBMITTED))
