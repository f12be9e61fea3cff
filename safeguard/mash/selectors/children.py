"""The children named in notifications, read once for a whole page of them."""

from collections.abc import Iterable
from uuid import UUID

from safeguard.mash.models import NotificationChild
from safeguard.mash.selectors.rows import CHILD_FIELDS, ChildRow


def children_of(notification_ids: Iterable[UUID]) -> dict[UUID, list[ChildRow]]:
    """Each notification's children in the order they were given: one query for them all."""
    found: dict[UUID, list[ChildRow]] = {pk: [] for pk in notification_ids}
    if not found:
        return found
    rows = (
        NotificationChild.objects.filter(notification_id__in=list(found))
        .order_by("id")
        .values_list(*CHILD_FIELDS)
    )
    for values in rows:
        child = ChildRow(*values)
        found[child.notification_id].append(child)
    return found


def linked_people(children: Iterable[ChildRow]) -> list[UUID | None]:
    """The people the children are linked to: the access log's subjects."""
    return [c.person_id for c in children]
