"""The children named in notifications, read once for a whole page of them."""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db.models import OuterRef, Subquery

from safeguard.core.prepared import Bound, PreparedRead
from safeguard.mash.models import NotificationChild
from safeguard.mash.selectors.rows import CHILD_FIELDS, ChildRow, IdentityRow
from safeguard.people.models import AddressKind, NameKind, Person, PersonAddress, PersonName

_CHILDREN = PreparedRead(
    lambda notifications: (
        NotificationChild.objects.filter(notification_id__in=notifications)
        .order_by("id")
        .values_list(*CHILD_FIELDS)
    )
)


def children_of(notification_ids: Iterable[UUID]) -> dict[UUID, list[ChildRow]]:
    """Each notification's children in the order they were given: one query for them all."""
    ids = list(dict.fromkeys(notification_ids))
    return children_from(ids, _CHILDREN.rows(notifications=ids) if ids else [])


def children_read(notification_ids: list[UUID]) -> Bound:
    """The read `children_of` runs, to send with others (`rows_together`)."""
    return _CHILDREN.bound(notifications=notification_ids)


def children_from(
    notification_ids: list[UUID], rows: list[tuple[Any, ...]]
) -> dict[UUID, list[ChildRow]]:
    found: dict[UUID, list[ChildRow]] = {pk: [] for pk in notification_ids}
    for values in rows:
        child = ChildRow(*values)
        found[child.notification_id].append(child)
    return found


def linked_people(children: Iterable[ChildRow]) -> list[UUID | None]:
    """The people the children are linked to: the access log's subjects."""
    return [c.person_id for c in children]


def confirmed_identities(children: Iterable[ChildRow]) -> dict[UUID, IdentityRow]:
    """The people index's record of each child whose link the MASH confirmed: what partners
    asked about the child are shown, rather than the referrer's fragments."""
    ids = [c.person_id for c in children if c.person_id and c.link_confirmed_at]
    if not ids:
        return {}
    name = PersonName.objects.filter(person=OuterRef("pk"), kind=NameKind.PRIMARY)
    home = PersonAddress.objects.filter(
        person=OuterRef("pk"), kind=AddressKind.HOME, end_date__isnull=True
    )
    rows = (
        Person.objects.filter(pk__in=ids)
        .annotate(
            given=Subquery(name.values("given_name")[:1]),
            family=Subquery(name.values("family_name")[:1]),
            line_1=Subquery(home.values("address__line_1")[:1]),
            postcode=Subquery(home.values("address__postcode")[:1]),
        )
        .values_list("pk", "given", "family", "date_of_birth", "nhs_number", "line_1", "postcode")
    )
    return {values[0]: IdentityRow(*values) for values in rows}
