"""A referrer's disagreement with a decision, under the partnership's resolution of
professional disagreements procedure: recorded, answered by a named MASH manager within a
set time, and shown in the chronology."""

from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.calendar import due_after
from safeguard.core.emails import permission_holders
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import (
    Permission,
    actor_can,
    notification_scope,
    require_permission,
    submitted_scope,
)
from safeguard.mash.models import Escalation, Notification
from safeguard.mash.models.choices import Stage
from safeguard.mash.services.common import record_change
from safeguard.mash.services.telling import tell_manager_of_escalation, tell_referrer_of_answer
from safeguard.partners.models import User

TEXT_MAX = 2000


def _text(value: str, *, field: str, missing: str) -> str:
    if not value.strip():
        raise DomainError(missing, field=field)
    if len(value.strip()) > TEXT_MAX:
        raise DomainError(f"Keep this to {TEXT_MAX:,} characters or less", field=field)
    return value.strip()


def _named_manager(notification: Notification) -> User:
    """The manager who made the decision answers for it; if they have gone, the first MASH
    manager by name takes it."""
    deciders = permission_holders(Permission.MASH_DECIDE)
    decided_by = notification.decision.decided_by_id
    manager = deciders.filter(pk=decided_by).first() or deciders.order_by("full_name").first()
    if manager is None:
        raise DomainError("No MASH manager can take an escalation now: call the MASH")
    return manager


@transaction.atomic
def escalation_raise(*, actor: Actor, notification_id: UUID, reason: str) -> Escalation:
    require_permission(actor, Permission.NOTIFICATION_SUBMIT)
    notification = (
        Notification.objects.select_for_update()
        .filter(submitted_scope(actor), pk=notification_id)
        .first()
    )
    if notification is None:
        raise NotFound
    if not notification.is_decided:
        raise DomainError("You can escalate once the MASH has decided", field="reason")
    if notification.escalations.filter(responded_at__isnull=True).exists():
        raise DomainError("Your escalation is still waiting for the MASH's answer", field="reason")
    why = _text(reason, field="reason", missing="Say why you disagree with the decision")
    now = timezone.now()
    escalation = Escalation.objects.create(
        notification=notification,
        raised_by=actor.person_acting(),
        raised_at=now,
        reason=why,
        manager=_named_manager(notification),
        due_at=due_after(now, days=settings.MASH_ESCALATION_DAYS),
    )
    record_change(actor=actor, notification=notification, stage=Stage.ESCALATED, bump=False)
    tell_manager_of_escalation(escalation, notification)
    return escalation


@transaction.atomic
def escalation_answer(*, actor: Actor, escalation_id: UUID, response: str) -> Escalation:
    """A MASH manager's answer: the named one, or another standing in for them."""
    if not actor_can(actor, Permission.MASH_DECIDE):
        raise NotFound
    escalation = (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("notification", "raised_by")
        .filter(
            pk=escalation_id,
            notification__in=Notification.objects.filter(notification_scope(actor)),
        )
        .first()
    )
    if escalation is None:
        raise NotFound
    if escalation.responded_at is not None:
        raise DomainError("This escalation has been answered", field="response")
    escalation.response = _text(
        response, field="response", missing="Write the answer to the escalation"
    )
    escalation.responded_by = actor.person_acting()
    escalation.responded_at = timezone.now()
    escalation.save(update_fields=["response", "responded_by", "responded_at", "updated_at"])
    record_change(
        actor=actor,
        notification=escalation.notification,
        stage=Stage.ESCALATION_ANSWERED,
        bump=False,
    )
    tell_referrer_of_answer(escalation)
    return escalation
