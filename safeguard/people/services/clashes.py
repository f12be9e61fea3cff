"""Identifiers that another record holds (issue 16, finding 3).

A refusal would tell a partner whether a child it may not see is on the index. So a clash with
a record the actor can see is shown, as search before create shows it; a clash with any other
record changes nothing the actor sees: the record is stored as given, the pair goes to the
duplicates queue for IG, and a security event is logged. A lock on the value makes concurrent
writers of one identifier take turns, so that the second always finds the first.
"""

import hashlib
from collections.abc import Sequence
from uuid import UUID

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.errors import DuplicateError
from safeguard.core.models import SecurityEventKind
from safeguard.core.policy import person_scope
from safeguard.core.security_log import security_event_record
from safeguard.partners.models import Agency
from safeguard.people.matching.duplicates import pair_scored
from safeguard.people.models import (
    AgencyIdentifier,
    DuplicateSource,
    DuplicateStatus,
    Person,
    PersonDuplicate,
)

LABELS = {
    DuplicateSource.NHS_NUMBER: "NHS number",
    DuplicateSource.UPN: "UPN",
    DuplicateSource.AGENCY_IDENTIFIER: "agency identifier",
}


def _lock_value(*parts: str) -> None:
    """PostgreSQL: one writer of this value at a time (SQLite's writers take turns anyway)."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _others(actor: Actor, holders: QuerySet[Person], source: DuplicateSource) -> list[UUID]:
    if holders.filter(person_scope(actor)).exists():
        raise DuplicateError(
            f"A person you can see already has this {LABELS[source]}. Search for them.",
            field="value" if source == DuplicateSource.AGENCY_IDENTIFIER else source.value,
        )
    return list(holders.values_list("pk", flat=True))


def identifier_holders(
    *, actor: Actor, person_id: UUID | None, field: DuplicateSource, value: str | None
) -> list[UUID]:
    """The other live records with this NHS number or UPN, none of which the actor can see;
    refuses if the actor can see one. Call inside the transaction that writes the value."""
    if not value:
        return []
    _lock_value("person", field.value, value)
    holders = Person.objects.filter(merged_into__isnull=True, **{field.value: value})
    if person_id is not None:
        holders = holders.exclude(pk=person_id)
    return _others(actor, holders, field)


def agency_identifier_holders(
    *, actor: Actor, person_id: UUID, agency: Agency, scheme: str, value: str
) -> list[UUID]:
    """As identifier_holders, for an identifier an agency's system gives a person."""
    _lock_value("agency_identifier", str(agency.pk), scheme, value)
    held_by = AgencyIdentifier.objects.filter(agency=agency, scheme=scheme, value=value)
    holders = Person.objects.filter(merged_into__isnull=True, pk__in=held_by.values("person_id"))
    return _others(actor, holders.exclude(pk=person_id), DuplicateSource.AGENCY_IDENTIFIER)


def clashes_queue(
    *, actor: Actor, person_id: UUID, others: Sequence[UUID], source: DuplicateSource
) -> None:
    """Each pair to the duplicates queue, open again if it had been judged two people, with the
    engine's score for IG to weigh; and a security event for each."""
    for other in others:
        low, high = sorted([person_id, other], key=str)
        scored = pair_scored(low, high)
        PersonDuplicate.objects.update_or_create(
            person_a_id=low,
            person_b_id=high,
            defaults={
                "found_by": source,
                "status": DuplicateStatus.OPEN,
                "found_at": timezone.now(),
                "probability": scored.probability if scored else 0.0,
                "contributions": [[c.comparison, c.level, c.bits] for c in scored.contributions]
                if scored
                else [],
                "decided_by": None,
                "decided_at": None,
                "reason": "",
            },
        )
        security_event_record(
            kind=SecurityEventKind.IDENTIFIER_CLASH,
            actor=actor,
            object_id=person_id,
            detail=f"Its {LABELS[source]} is also held by record {other}; queued for IG",
        )
