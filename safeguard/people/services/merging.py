"""Merging a duplicate person into a survivor, and undoing it exactly."""

from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import Permission, require_permission
from safeguard.people.matching.index import match_keys_refresh
from safeguard.people.models import (
    AgencyIdentifier,
    Allocation,
    NameKind,
    Person,
    PersonAddress,
    PersonMerge,
    Relationship,
)

PERSON = "people.person"
MIN_REASON = 10


def _lock_unmerged(person_id: UUID) -> Person:
    person = Person.objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        raise NotFound
    if person.merged_into_id is not None:
        raise DomainError("This record has already been merged into another")
    return person


def _check_mergeable(survivor: Person, merged: Person) -> None:
    if survivor.pk == merged.pk:
        raise DomainError("Choose a different record to merge", field="other")
    for field, label in (("nhs_number", "NHS numbers"), ("upn", "UPNs")):
        mine, theirs = getattr(survivor, field), getattr(merged, field)
        if mine and theirs and mine != theirs:
            raise DomainError(
                f"These records have different {label}, so they are different people. "
                "Correct the wrong one before merging."
            )


def _move_relationships(survivor: Person, merged: Person) -> dict[str, list[int]]:
    moved: dict[str, list[int]] = {"relationships_from": [], "relationships_to": []}
    for rel in Relationship.objects.filter(from_person=merged).exclude(to_person=survivor):
        if not Relationship.objects.filter(
            from_person=survivor, to_person=rel.to_person_id, kind=rel.kind
        ).exists():
            moved["relationships_from"].append(rel.pk)
    for rel in Relationship.objects.filter(to_person=merged).exclude(from_person=survivor):
        if not Relationship.objects.filter(
            from_person=rel.from_person_id, to_person=survivor, kind=rel.kind
        ).exists():
            moved["relationships_to"].append(rel.pk)
    Relationship.objects.filter(pk__in=moved["relationships_from"]).update(from_person=survivor)
    Relationship.objects.filter(pk__in=moved["relationships_to"]).update(to_person=survivor)
    return moved


def _move_identifiers(survivor: Person, merged: Person) -> dict[str, Any]:
    fields: dict[str, str] = {}
    for field in ("nhs_number", "upn"):
        value = getattr(merged, field)
        if value and not getattr(survivor, field):
            fields[field] = value
    if fields:
        Person.objects.filter(pk=merged.pk).update(**dict.fromkeys(fields))
        Person.objects.filter(pk=survivor.pk).update(**fields)
    return fields


@transaction.atomic
def person_merge(*, actor: Actor, survivor_id: UUID, merged_id: UUID, reason: str) -> PersonMerge:
    """Move everything the duplicate holds onto the survivor, recording what moved."""
    require_permission(actor, Permission.PEOPLE_MERGE)
    if actor.user is None:
        raise NotFound
    if len(reason.strip()) < MIN_REASON:
        raise DomainError("Explain why these records are the same person", field="reason")
    survivor, merged = _lock_unmerged(survivor_id), _lock_unmerged(merged_id)
    _check_mergeable(survivor, merged)
    names = {n.pk: n.kind for n in merged.names.all()}
    merged.names.filter(kind=NameKind.PRIMARY).update(kind=NameKind.PREVIOUS)
    merged.names.update(person=survivor)
    moved: dict[str, Any] = {
        "names": names,
        "addresses": list(merged.addresses.values_list("pk", flat=True)),
        "identifiers": list(merged.identifiers.values_list("pk", flat=True)),
        "allocations": list(merged.allocations.values_list("pk", flat=True)),
    }
    PersonAddress.objects.filter(pk__in=moved["addresses"]).update(person=survivor)
    AgencyIdentifier.objects.filter(pk__in=moved["identifiers"]).update(person=survivor)
    Allocation.objects.filter(pk__in=moved["allocations"]).update(person=survivor)
    moved.update(_move_relationships(survivor, merged))
    moved["fields"] = _move_identifiers(survivor, merged)
    Person.objects.filter(pk=merged.pk).update(merged_into=survivor, updated_at=timezone.now())
    merge = PersonMerge.objects.create(
        survivor=survivor,
        merged=merged,
        reason=reason.strip(),
        merged_by=actor.user,
        moved={**moved, "names": {str(k): v for k, v in names.items()}},
    )
    access_log_record(
        actor=actor,
        action=Action.MERGE,
        object_type="people.personmerge",
        object_id=merge.pk,
        subjects=[survivor.pk, merged.pk],
        why=reason.strip(),
    )
    # The survivor now carries the duplicate's names and addresses; the duplicate, none.
    match_keys_refresh(person_ids=[survivor.pk, merged.pk])
    return merge


@transaction.atomic
def person_unmerge(*, actor: Actor, merge_id: UUID, reason: str) -> PersonMerge:
    """Put back exactly what the merge moved, and make the duplicate a record again."""
    require_permission(actor, Permission.PEOPLE_MERGE)
    merge = PersonMerge.objects.select_for_update().filter(pk=merge_id).first()
    if merge is None:
        raise NotFound
    if merge.unmerged_at is not None:
        raise DomainError("This merge has already been undone")
    if len(reason.strip()) < MIN_REASON:
        raise DomainError("Explain why the merge was wrong", field="reason")
    survivor = Person.objects.select_for_update().get(pk=merge.survivor_id)
    if survivor.merged_into_id is not None:
        raise DomainError("Undo the later merge of the surviving record first")
    moved, merged = merge.moved, merge.merged
    for name_id, kind in moved["names"].items():
        survivor.names.filter(pk=int(name_id)).update(person=merged, kind=kind)
    survivor.addresses.filter(pk__in=moved["addresses"]).update(person=merged)
    survivor.identifiers.filter(pk__in=moved["identifiers"]).update(person=merged)
    survivor.allocations.filter(pk__in=moved["allocations"]).update(person=merged)
    Relationship.objects.filter(pk__in=moved["relationships_from"]).update(from_person=merged)
    Relationship.objects.filter(pk__in=moved["relationships_to"]).update(to_person=merged)
    if moved["fields"]:
        Person.objects.filter(pk=survivor.pk).update(**dict.fromkeys(moved["fields"]))
        Person.objects.filter(pk=merged.pk).update(**moved["fields"])
    Person.objects.filter(pk=merged.pk).update(merged_into=None, updated_at=timezone.now())
    merge.unmerged_at = timezone.now()
    merge.unmerged_by = actor.user
    merge.unmerge_reason = reason.strip()
    merge.save(update_fields=["unmerged_at", "unmerged_by", "unmerge_reason", "updated_at"])
    access_log_record(
        actor=actor,
        action=Action.UNMERGE,
        object_type="people.personmerge",
        object_id=merge.pk,
        subjects=[survivor.pk, merged.pk],
        why=reason.strip(),
    )
    # The survivor now carries the duplicate's names and addresses; the duplicate, none.
    match_keys_refresh(person_ids=[survivor.pk, merged.pk])
    return merge
