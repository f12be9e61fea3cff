"""What every MASH change shares: a locked, current notification, its timeline and the log."""

from collections.abc import Iterable
from uuid import UUID

from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.policy import Permission, actor_can, notification_scope
from safeguard.mash.models import Notification, NotificationEvent
from safeguard.mash.models.choices import Stage

NOTIFICATION = "mash.notification"
STALE = (
    "Someone else changed this notification while you were working on it. Nothing you sent "
    "has been saved. The page now shows their changes: check them, then try again."
)


def locked_for_change(
    *, actor: Actor, notification_id: UUID, seen_version: int | None, permission: Permission
) -> Notification:
    """The notification, locked, if the actor may change it and has seen its latest version."""
    if not actor_can(actor, permission):
        raise NotFound
    notification = (
        Notification.objects.select_for_update()
        .filter(notification_scope(actor), pk=notification_id)
        .first()
    )
    if notification is None:
        raise NotFound
    if seen_version is not None and notification.version != seen_version:
        raise ConflictError(STALE)
    return notification


def refuse_if_decided(notification: Notification) -> None:
    if notification.is_decided:
        raise DomainError(
            "This notification has been decided, so it cannot change. Add an addendum instead."
        )


def child_ids(notification: Notification) -> list[UUID]:
    return [pid for pid in notification.children.values_list("person_id", flat=True) if pid]


def record_change(
    *,
    actor: Actor,
    notification: Notification,
    stage: Stage,
    detail: str = "",
    bump: bool = True,
    also: Iterable[UUID] = (),
) -> None:
    """The timeline event, the version bump and the access-log row of one change; `also`
    names people the change concerns who are no longer linked (a corrected link's first)."""
    now = timezone.now()
    NotificationEvent.objects.create(
        notification=notification, stage=stage, at=now, actor_label=actor.label, detail=detail
    )
    if bump:
        Notification.objects.filter(pk=notification.pk).update(
            version=notification.version + 1, updated_at=now
        )
        notification.version += 1
    access_log_record(
        actor=actor,
        action=Action.CHANGE,
        object_type=NOTIFICATION,
        object_id=notification.pk,
        subjects=[*child_ids(notification), *also],
        why=Stage(stage).label,
    )
