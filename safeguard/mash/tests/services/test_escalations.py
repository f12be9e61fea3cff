"""A referrer who disagrees with a decision escalates it: a named manager must answer within
the set time, the referrer is told, and the chronology shows both."""

import pytest

from safeguard.core.errors import DomainError, NotFound
from safeguard.mash.models import Escalation, WorkItem, WorkKind
from safeguard.mash.models.choices import Stage
from safeguard.mash.services import escalations
from safeguard.mash.tests.factories import decide, triaged
from safeguard.returns.selectors import chronology_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(police, mash, manager):
    return decide(manager, triaged(police, mash), outcome="advice", threshold_level=1)


def _raise(police, notification, reason="The bruising was new this week"):
    return escalations.escalation_raise(
        actor=police, notification_id=notification.pk, reason=reason
    )


def test_the_manager_who_decided_is_named_and_told(decided, police, manager, settings):
    settings.MASH_ESCALATION_DAYS = 2
    escalation = _raise(police, decided)
    assert escalation.manager == manager.user
    assert escalation.due_at > escalation.raised_at
    [item] = WorkItem.objects.filter(kind=WorkKind.ESCALATION_RAISED)
    assert (item.user, item.path) == (manager.user, f"/mash/notifications/{decided.pk}/")
    assert decided.events.filter(stage=Stage.ESCALATED).exists()


def test_the_answer_reaches_the_referrer_and_both_show_in_the_chronology(decided, police, manager):
    escalation = _raise(police, decided)
    escalations.escalation_answer(
        actor=manager, escalation_id=escalation.pk, response="Reviewed: advice stands"
    )
    escalation.refresh_from_db()
    assert escalation.responded_by == manager.user
    [told] = WorkItem.objects.filter(kind=WorkKind.ESCALATION_ANSWERED)
    assert (told.user, told.path) == (police.user, f"/mash/sent/{decided.pk}/")
    person = decided.children.get().person
    events = [e.event for e in chronology_get(actor=manager, person_id=person.pk).entries]
    ref = decided.reference
    assert events[-2:] == [
        f"Decision on {ref} escalated by the referrer",
        f"Escalation of the decision on {ref} answered",
    ]


def test_one_escalation_at_a_time_and_only_after_a_decision(police, mash, decided):
    with pytest.raises(DomainError, match="Say why"):
        escalations.escalation_raise(actor=police, notification_id=decided.pk, reason=" ")
    _raise(police, decided)
    with pytest.raises(DomainError, match="still waiting"):
        _raise(police, decided)
    undecided = triaged(police, mash)
    with pytest.raises(DomainError, match="once the MASH has decided"):
        _raise(police, undecided)


def test_only_the_referrer_escalates_and_only_a_manager_answers(
    decided, police, mash, manager, make_user, actor_for
):
    from safeguard.partners.roles import Role

    colleague = actor_for(make_user(Role.PARTNER_PRACTITIONER, agency=police.agency))
    with pytest.raises(NotFound):
        _raise(colleague, decided)
    escalation = _raise(police, decided)
    with pytest.raises(NotFound):
        escalations.escalation_answer(actor=mash, escalation_id=escalation.pk, response="No")
    escalations.escalation_answer(actor=manager, escalation_id=escalation.pk, response="Yes")
    with pytest.raises(DomainError, match="has been answered"):
        escalations.escalation_answer(actor=manager, escalation_id=escalation.pk, response="Again")
    assert Escalation.objects.get().response == "Yes"
