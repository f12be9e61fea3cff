"""The MASH's triage: assignment, linking the children, RAG, consent and the information needed."""

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import MASH_ROLES, Permission, person_scope
from safeguard.mash.clocks import rag_due
from safeguard.mash.models import Notification, NotificationChild
from safeguard.mash.models.choices import Rag, Stage, Status
from safeguard.mash.services.common import locked_for_change, record_change, refuse_if_decided
from safeguard.mash.services.telling import tell_duty_team_out_of_hours
from safeguard.partners.models import User
from safeguard.people.models import Person


def open_for_triage(actor: Actor, notification_id: UUID, seen_version: int | None) -> Notification:
    notification = locked_for_change(
        actor=actor,
        notification_id=notification_id,
        seen_version=seen_version,
        permission=Permission.MASH_TRIAGE,
    )
    refuse_if_decided(notification)
    return notification


def advance(notification: Notification, status: Status) -> None:
    """Move forward through triage; never back."""
    order = list(Status)
    if order.index(status) > order.index(Status(notification.status)):
        Notification.objects.filter(pk=notification.pk).update(status=status)
        notification.status = status


@transaction.atomic
def notification_assign(
    *, actor: Actor, notification_id: UUID, seen_version: int, worker_id: UUID | None
) -> Notification:
    notification = open_for_triage(actor, notification_id, seen_version)
    worker = None
    if worker_id is not None:
        worker = User.objects.filter(pk=worker_id, is_active=True).first()
        if worker is None or not worker.roles & MASH_ROLES:
            raise DomainError("Choose someone who works in the MASH", field="worker")
    Notification.objects.filter(pk=notification.pk).update(assigned_to=worker)
    record_change(
        actor=actor,
        notification=notification,
        stage=Stage.ASSIGNED,
        detail=worker.full_name if worker else "Unassigned",
    )
    return notification


@transaction.atomic
def notification_link_child(
    *, actor: Actor, notification_id: UUID, seen_version: int, child_id: int, person_id: UUID
) -> NotificationChild:
    """Confirm which person in the index a notified child is."""
    notification = open_for_triage(actor, notification_id, seen_version)
    child = notification.children.filter(pk=child_id).first()
    person = Person.objects.filter(person_scope(actor), pk=person_id, merged_into=None).first()
    if child is None or person is None:
        raise NotFound
    child.person = person
    child.link_confirmed_by = actor.user
    child.link_confirmed_at = timezone.now()
    child.save(update_fields=["person", "link_confirmed_by", "link_confirmed_at"])
    advance(notification, Status.TRIAGE)
    record_change(
        actor=actor, notification=notification, stage=Stage.CHILD_LINKED, detail=str(child)
    )
    return child


@transaction.atomic
def notification_set_rag(
    *, actor: Actor, notification_id: UUID, seen_version: int, rag: str, rationale: str
) -> Notification:
    notification = open_for_triage(actor, notification_id, seen_version)
    if rag not in Rag.values:
        raise DomainError("Choose red, amber or green", field="rag")
    if not rationale.strip():
        raise DomainError("Explain the rating", field="rationale")
    due = rag_due(notification.received_at, rag)
    Notification.objects.filter(pk=notification.pk).update(
        rag=rag, rag_rationale=rationale.strip(), rag_due_at=due
    )
    advance(notification, Status.TRIAGE)
    record_change(
        actor=actor, notification=notification, stage=Stage.RAG_SET, detail=Rag(rag).label
    )
    if rag == Rag.RED:
        tell_duty_team_out_of_hours(notification, why="A notification was rated red")
    return notification


@transaction.atomic
def notification_consider_consent(
    *, actor: Actor, notification_id: UUID, seen_version: int, consideration: str
) -> Notification:
    """The MASH's own view of consent and the basis for sharing: needed before a decision."""
    notification = open_for_triage(actor, notification_id, seen_version)
    if not consideration.strip():
        raise DomainError("Record how consent was considered", field="consideration")
    Notification.objects.filter(pk=notification.pk).update(
        consent_consideration=consideration.strip()
    )
    advance(notification, Status.TRIAGE)
    record_change(actor=actor, notification=notification, stage=Stage.CONSENT_CONSIDERED)
    return notification


@transaction.atomic
def notification_decide_information(
    *, actor: Actor, notification_id: UUID, seen_version: int, needed: bool
) -> Notification:
    """Whether the MASH will ask partners for information: the seed review's threshold."""
    notification = open_for_triage(actor, notification_id, seen_version)
    Notification.objects.filter(pk=notification.pk).update(information_needed=needed)
    advance(notification, Status.TRIAGE if needed else Status.AWAITING_DECISION)
    record_change(
        actor=actor,
        notification=notification,
        stage=Stage.INFORMATION_DECIDED,
        detail="Information needed" if needed else "No information needed",
    )
    return notification
