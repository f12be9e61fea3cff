"""Agencies see only what is asked of them; the scorecard's values, RAG and directions come
from approved submissions and registered computations."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from safeguard.core.errors import NotFound
from safeguard.mash.tests.factories import NotificationFactory
from safeguard.partners.roles import Role
from safeguard.scorecard.models import PeriodKind, SourceKind, Theme, Unit
from safeguard.scorecard.periods import Period
from safeguard.scorecard.selectors import due_list, indicator_get, scorecard_get
from safeguard.scorecard.services import indicator_save, submission_review, submission_save
from safeguard.scorecard.tests.conftest import ask


def test_each_agency_is_asked_only_for_what_it_owns_or_what_has_no_owner(
    partner, asked, make_user, actor_for, other_agency
):
    assert {a.indicator.code for a in due_list(actor=partner)} == {"MARAC_CASES", "SUPERVISION"}
    hospital = actor_for(make_user(Role.PARTNER_INFORMATION_OFFICER, agency=other_agency))
    assert {a.indicator.code for a in due_list(actor=hospital)} == {"MARAC_CASES"}
    with pytest.raises(NotFound):
        ask(hospital, asked, "SUPERVISION")  # the police's figure


def test_an_agency_not_in_the_round_reaches_nothing(asked, make_user, actor_for):
    from safeguard.partners.tests.factories import AgencyFactory

    outsider = actor_for(make_user(Role.PARTNER_INFORMATION_OFFICER, agency=AgencyFactory()))
    assert due_list(actor=outsider) == []
    with pytest.raises(NotFound):
        ask(outsider, asked)


def test_submitted_counts_add_up_across_agencies_once_approved(
    officer, partner, asked, make_user, actor_for, other_agency
):
    hospital = actor_for(make_user(Role.PARTNER_INFORMATION_OFFICER, agency=other_agency))
    for actor, value in ((partner, "12"), (hospital, "5")):
        saved = submission_save(
            actor=actor, ask=ask(actor, asked), value=Decimal(value), evidence="minutes"
        )
        if actor is partner:
            submission_review(
                actor=officer, submission=saved, approve=True, note="", seen_version=1
            )
    (tile,) = [
        t
        for t in scorecard_get(actor=officer, period=Period(2017))
        if t.indicator.code == "MARAC_CASES"
    ]
    assert tile.current.value == 12.0  # the hospital's is not approved yet
    assert "evidence: minutes" in tile.current.provenance


@pytest.fixture
def decided_in_time(officer):
    return indicator_save(
        actor=officer,
        code="MASH_TIMELY",
        name="Decided in time",
        definition="x",
        unit=Unit.PERCENT,
        higher_is_better=True,
        period=PeriodKind.YEAR,
        theme=Theme.FRONT_DOOR,
        source_kind=SourceKind.COMPUTED,
        computed_key="mash.decided_in_time",
        target=Decimal("90"),
        amber_within=Decimal("10"),
    )


def _notification(received, late):
    due = received + dt.timedelta(days=1)
    return NotificationFactory(
        received_at=received,
        decision_due_at=due,
        decided_at=due + dt.timedelta(hours=2 if late else -2),
    )


@pytest.mark.parametrize(("late", "rag"), [(1, "green"), (2, "amber"), (3, "red")])
def test_rag_follows_the_target_and_its_margin(officer, decided_in_time, late, rag):
    # Target 90% with a margin of 10 points: 90% is green, 80% amber, 70% red.
    received = dt.datetime(2017, 6, 1, 10, tzinfo=dt.UTC)
    for n in range(10):
        _notification(received + dt.timedelta(days=n), late=n < late)
    (tile,) = scorecard_get(actor=officer, period=Period(2017), theme=Theme.FRONT_DOOR)
    assert tile.rag == rag


def test_the_direction_compares_with_the_period_before(officer, decided_in_time):
    _notification(dt.datetime(2016, 6, 1, 10, tzinfo=dt.UTC), late=True)
    _notification(dt.datetime(2017, 6, 1, 10, tzinfo=dt.UTC), late=False)
    (tile,) = scorecard_get(actor=officer, period=Period(2017), theme=Theme.FRONT_DOOR)
    assert (tile.previous.value, tile.current.value, tile.direction) == (0.0, 100.0, "up")


def test_the_detail_has_five_periods_and_is_for_aggregate_readers_only(
    officer, decided_in_time, make_user, actor_for
):
    detail = indicator_get(actor=officer, code="MASH_TIMELY", period=Period(2017))
    assert [v.period.label for v in detail.trend][-1] == "2017-18"
    assert len(detail.trend) == 5
    with pytest.raises(NotFound):
        indicator_get(actor=officer, code="NO_SUCH", period=Period(2017))
    practitioner = actor_for(make_user(Role.MASH_PRACTITIONER))
    with pytest.raises(PermissionDenied):
        scorecard_get(actor=practitioner, period=Period(2017))
