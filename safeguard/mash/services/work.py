"""A user's work list: opening an item marks it seen."""

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.mash.models import WorkItem


@transaction.atomic
def work_item_open(*, actor: Actor, item_id: UUID) -> str:
    """Mark one of the actor's own items seen; return where it leads. Anyone else's is 404."""
    user = actor.person_acting()
    item = WorkItem.objects.select_for_update().filter(pk=item_id, user=user).first()
    if item is None:
        raise NotFound
    if item.seen_at is None:
        WorkItem.objects.filter(pk=item.pk).update(seen_at=timezone.now())
    return item.path


@transaction.atomic
def work_items_mark_seen(*, actor: Actor) -> int:
    """Mark all the actor's unseen items seen; returns how many."""
    return WorkItem.objects.filter(user=actor.person_acting(), seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
