"""Putting things right after a decision: the child was someone else, or the decision was
wrong. Both are audited, access-logged and told to the people they reach; nothing is erased."""

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.models import AccessLogSubject
from safeguard.core.policy import Permission, mash_person_scope
from safeguard.mash.models import (
    ChildRelink,
    Decision,
    DecisionCorrection,
    Notification,
    NotificationChild,
)
from safeguard.mash.models.choices import Outcome, Stage
from safeguard.mash.services.common import locked_for_change, record_change
from safeguard.mash.services.decisions import (
    DecisionAnswers,
    child_outcomes_save,
    decision_answers_check,
    new_person_for,
)
from safeguard.mash.services.telling import tell_referrer_of_decision, tell_viewers_of_move
from safeguard.people.models import Person

REASON_MAX = 2000


def _reason(reason: str) -> str:
    if not reason.strip():
        raise DomainError("Say why the record is being corrected", field="reason")
    if len(reason.strip()) > REASON_MAX:
        raise DomainError(f"Keep this to {REASON_MAX:,} characters or less", field="reason")
    return reason.strip()


def _viewers_since(person_id: UUID, notification: Notification, actor: Actor) -> set[UUID]:
    """Who read the person's record while the notification was linked to it."""
    ids = AccessLogSubject.objects.filter(
        person_id=person_id, entry__at__gte=notification.received_at
    ).values_list("entry__actor_user_id", flat=True)
    return {i for i in ids if i is not None and i != actor.user_id}


@transaction.atomic
def notification_child_relink(
    *,
    actor: Actor,
    notification_id: UUID,
    child_id: int,
    person_id: UUID | None,
    reason: str,
) -> NotificationChild:
    """Move a confirmed child link to the right person (or a new one, `person_id` None). The
    notification, its decision and its events follow the link into the right chronology;
    everyone who viewed the wrong child's record since is told, on their work list."""
    notification = locked_for_change(
        actor=actor,
        notification_id=notification_id,
        seen_version=None,
        permission=Permission.MASH_DECIDE,
    )
    child = (
        notification.children.select_for_update()
        .filter(pk=child_id, link_confirmed_at__isnull=False)
        .first()
    )
    if child is None or child.person_id is None:
        raise NotFound
    why = _reason(reason)
    if person_id is None:
        person = new_person_for(actor=actor, child=child)
    else:
        found = Person.objects.filter(mash_person_scope(), pk=person_id).first()
        if found is None:
            raise DomainError("Choose a person from the list", field="person")
        person = found
    wrong = child.person_id
    if person.pk == wrong:
        raise DomainError(
            "Choose another person: the child is linked to this one now", field="person"
        )
    now = timezone.now()
    ChildRelink.objects.create(
        child=child,
        from_person_id=wrong,
        to_person=person,
        reason=why,
        by=actor.person_acting(),
        at=now,
    )
    child.person = person
    child.link_confirmed_by = actor.person_acting()
    child.link_confirmed_at = now
    child.save(update_fields=["person", "link_confirmed_by", "link_confirmed_at"])
    record_change(
        actor=actor,
        notification=notification,
        stage=Stage.CHILD_RELINKED,
        detail=f"{child}: {why}"[:300],
        also=[wrong],
    )
    tell_viewers_of_move(
        viewer_ids=_viewers_since(wrong, notification, actor),
        person_id=wrong,
        reference=notification.reference,
    )
    return child


CORRECTED_FIELDS = (
    "outcome",
    "onward_referrals",
    "threshold_level",
    "rationale",
    "next_steps",
    "allocated_team",
    "contact",
)


@transaction.atomic
def decision_correct(
    *,
    actor: Actor,
    notification_id: UUID,
    seen_version: int,
    answers: DecisionAnswers,
    reason: str,
) -> Decision:
    """Supersede the decision: its earlier values are kept with the reason, and the decision
    then reads as corrected everywhere (the referrer's page, the chronology, the figures)."""
    notification = locked_for_change(
        actor=actor,
        notification_id=notification_id,
        seen_version=seen_version,
        permission=Permission.MASH_DECIDE,
    )
    decision = Decision.objects.select_for_update().filter(notification=notification).first()
    if decision is None:
        raise DomainError("There is no decision to correct yet: record one", field="outcome")
    clean = decision_answers_check(answers)
    why = _reason(reason)
    before = {name: getattr(decision, name) for name in CORRECTED_FIELDS}
    after = {name: getattr(clean, name) for name in CORRECTED_FIELDS}
    children_before = {
        str(pk): [outcome, level]
        for pk, outcome, level in notification.children.exclude(outcome="").values_list(
            "pk", "outcome", "threshold_level"
        )
    }
    children_after = {str(pk): list(choice) for pk, choice in clean.by_child.items()}
    if before == after and children_before == children_after:
        raise DomainError("Change at least one answer, or go back", field="outcome")
    DecisionCorrection.objects.create(
        decision=decision,
        **before,
        by_child=children_before,
        reason=why,
        corrected_by=actor.person_acting(),
        corrected_at=timezone.now(),
    )
    child_outcomes_save(notification=notification, by_child=clean.by_child)
    for name, value in after.items():
        setattr(decision, name, value)
    decision.save(update_fields=[*CORRECTED_FIELDS, "updated_at"])
    was, now = Outcome(before["outcome"]).label, Outcome(after["outcome"]).label
    record_change(
        actor=actor,
        notification=notification,
        stage=Stage.DECISION_CORRECTED,
        detail=(f"Outcome was {was}, now {now}" if was != now else "Outcome unchanged")[:300],
    )
    tell_referrer_of_decision(notification, corrected=True)
    return decision
