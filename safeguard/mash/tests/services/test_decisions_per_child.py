"""Siblings in one notification may need different things: a child's own outcome and level,
checked like the decision's, shown in that child's chronology, and corrected with it."""

import pytest

from safeguard.core.errors import DomainError
from safeguard.mash.models import Decision, DecisionCorrection, NotificationChild
from safeguard.mash.services import corrections, decisions
from safeguard.mash.services.decisions import DecisionAnswers
from safeguard.mash.tests.factories import siblings_ready
from safeguard.returns.selectors import chronology_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def siblings(police, mash):
    return siblings_ready(police, mash)


def _decide(manager, notification, by_child):
    return decisions.notification_decide(
        actor=manager,
        notification_id=notification.pk,
        seen_version=notification.version,
        outcome="early_help",
        onward_referrals=[],
        threshold_level=2,
        rationale="Both need support; Sam more",
        lawful_basis_confirmed=True,
        by_child=by_child,
    )


def _events(child, actor):
    return [e.event for e in chronology_get(actor=actor, person_id=child.person_id).entries]


def test_a_sibling_decided_differently_keeps_their_own_outcome(siblings, manager):
    ava, sam = siblings.children.order_by("id")
    _decide(manager, siblings, {sam.pk: ("assessment", 3)})
    sam.refresh_from_db()
    assert (sam.outcome, sam.threshold_level) == ("assessment", 3)
    ref = siblings.reference
    assert f"Decision on {ref}: Referral to children's social care for assessment (section 17)" in (
        _events(sam, manager)
    )
    assert f"Decision on {ref}: Early help or key work" in _events(ava, manager)


def test_a_childs_outcome_at_a_level_it_cannot_have_is_refused_against_that_child(
    siblings, manager
):
    _ava, sam = siblings.children.order_by("id")
    with pytest.raises(DomainError, match="Strategy discussion") as refused:
        _decide(manager, siblings, {sam.pk: ("strategy", 1)})
    assert refused.value.field == f"outcome_{sam.pk}"
    assert not Decision.objects.exists()


def test_an_outcome_for_a_child_of_another_notification_is_refused(siblings, manager):
    stranger = NotificationChild.objects.exclude(notification=siblings).first()
    other = stranger.pk if stranger else 999_999
    with pytest.raises(DomainError, match="this notification's children"):
        _decide(manager, siblings, {other: ("assessment", 3)})
    assert not Decision.objects.exists()


def test_correcting_only_a_childs_outcome_keeps_what_it_was(siblings, manager):
    _ava, sam = siblings.children.order_by("id")
    _decide(manager, siblings, {sam.pk: ("assessment", 3)})
    siblings.refresh_from_db()
    corrections.decision_correct(
        actor=manager,
        notification_id=siblings.pk,
        seen_version=siblings.version,
        answers=DecisionAnswers(
            outcome="early_help",
            onward_referrals=[],
            threshold_level=2,
            rationale="Both need support; Sam more",
            by_child={sam.pk: ("strategy", 4)},
        ),
        reason="Sam disclosed harm",
    )
    sam.refresh_from_db()
    assert sam.outcome == "strategy"
    assert DecisionCorrection.objects.get().by_child == {str(sam.pk): ["assessment", 3]}
