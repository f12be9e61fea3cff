"""Every change to the people index. Each change writes an access-log row in its transaction."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import Permission, person_change_scope, require_permission
from safeguard.core.versioning import versioned_update
from safeguard.partners.models import Agency
from safeguard.people.matching.index import match_keys_refresh
from safeguard.people.models import (
    Address,
    AddressKind,
    AgencyIdentifier,
    DuplicateSource,
    NameKind,
    Person,
    PersonAddress,
    PersonName,
    Relationship,
)
from safeguard.people.names import name_fields
from safeguard.people.services.clashes import (
    agency_identifier_holders,
    clashes_queue,
    identifier_holders,
)

PERSON = "people.person"
_IDENTIFIERS = (DuplicateSource.NHS_NUMBER, DuplicateSource.UPN)


def _log_change(actor: Actor, person: Person, why: str, action: Action = Action.CHANGE) -> None:
    access_log_record(
        actor=actor,
        action=action,
        object_type=PERSON,
        object_id=person.pk,
        subjects=[person.pk],
        why=why,
    )


def _identifier_clashes(
    actor: Actor, person_id: UUID | None, values: dict[str, Any]
) -> dict[DuplicateSource, list[UUID]]:
    """Refuses a clash the actor can see; returns the others, to queue once saved."""
    return {
        field: identifier_holders(
            actor=actor, person_id=person_id, field=field, value=values.get(field.value)
        )
        for field in _IDENTIFIERS
    }


def _queue(actor: Actor, person: Person, clashes: dict[DuplicateSource, list[UUID]]) -> None:
    for source, others in clashes.items():
        clashes_queue(actor=actor, person_id=person.pk, others=others, source=source)


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    given_name: str,
    family_name: str,
    middle_names: str = "",
    kind: str = "child",
    date_of_birth: dt.date | None = None,
    date_of_birth_precision: str = "exact",
    sex: str = "U",
    gender: str = "",
    ethnicity: str = "",
    first_language: str = "",
    nhs_number: str | None = None,
    upn: str | None = None,
) -> Person:
    """Record a new person, after the user has searched and found no match."""
    require_permission(actor, Permission.PEOPLE_CREATE)
    if actor.agency is None:
        raise DomainError("Only someone acting for an agency can record a person")
    if not (given_name or family_name):
        raise DomainError("Enter a given name or a family name", field="given_name")
    clashes = _identifier_clashes(actor, None, {"nhs_number": nhs_number, "upn": upn})
    person = Person.objects.create(
        kind=kind,
        date_of_birth=date_of_birth,
        date_of_birth_precision=date_of_birth_precision,
        sex=sex,
        gender=gender,
        ethnicity=ethnicity,
        first_language=first_language,
        nhs_number=nhs_number or None,
        upn=upn or None,
        recorded_by_agency=actor.agency,
    )
    PersonName.objects.create(
        person=person,
        kind=NameKind.PRIMARY,
        given_name=given_name,
        middle_names=middle_names,
        family_name=family_name,
        **name_fields(given_name, family_name),
    )
    _log_change(actor, person, "Recorded a new person", Action.CREATE)
    match_keys_refresh(person_ids=[person.pk])
    _queue(actor, person, clashes)
    return person


def _changeable(actor: Actor, person: Person) -> Person:
    locked = Person.objects.select_for_update().filter(person_change_scope(actor), pk=person.pk)
    found = locked.first()
    if found is None:
        raise NotFound
    return found


@transaction.atomic
def person_update(*, actor: Actor, person: Person, seen_version: int, **details: Any) -> Person:
    """Change a person's details; refused if someone else changed them since they were read."""
    person = _changeable(actor, person)
    new = {f.value: details.get(f.value) for f in _IDENTIFIERS}
    changed = {k: v for k, v in new.items() if v and v != getattr(person, k)}
    clashes = _identifier_clashes(actor, person.pk, changed)
    details["nhs_number"] = details.get("nhs_number") or None
    details["upn"] = details.get("upn") or None
    person = versioned_update(person, seen_version=seen_version, **details)
    _log_change(actor, person, "Changed details: " + ", ".join(sorted(details)))
    match_keys_refresh(person_ids=[person.pk])
    _queue(actor, person, clashes)
    return person


@transaction.atomic
def person_add_name(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    given_name: str,
    family_name: str,
    middle_names: str = "",
) -> PersonName:
    person = _changeable(actor, person)
    if kind == NameKind.PRIMARY:
        raise DomainError("A person has one main name; add this as another kind", field="kind")
    name = PersonName.objects.create(
        person=person,
        kind=kind,
        given_name=given_name,
        middle_names=middle_names,
        family_name=family_name,
        **name_fields(given_name, family_name),
    )
    _log_change(actor, person, f"Added a name ({NameKind(kind).label.lower()})")
    match_keys_refresh(person_ids=[person.pk])
    return name


@transaction.atomic
def person_add_address(
    *,
    actor: Actor,
    person: Person,
    line_1: str,
    line_2: str,
    town: str,
    postcode: str,
    kind: str,
    start_date: dt.date | None,
) -> PersonAddress:
    """A new address. A new home address ends the current one on the day it starts."""
    person = _changeable(actor, person)
    address = Address.objects.create(line_1=line_1, line_2=line_2, town=town, postcode=postcode)
    if kind == AddressKind.HOME:
        ended_on = start_date or timezone.localdate()
        person.addresses.filter(kind=AddressKind.HOME, end_date__isnull=True).update(
            end_date=ended_on
        )
    stay = PersonAddress.objects.create(
        person=person, address=address, kind=kind, start_date=start_date
    )
    _log_change(actor, person, "Added an address")
    match_keys_refresh(person_ids=[person.pk])
    return stay


@transaction.atomic
def person_add_identifier(
    *, actor: Actor, person: Person, agency: Agency, scheme: str, value: str
) -> AgencyIdentifier:
    person = _changeable(actor, person)
    scheme, value = scheme.strip(), value.strip()
    if person.identifiers.filter(agency=agency, scheme=scheme, value=value).exists():
        raise DomainError("This record already has this identifier", field="value")
    others = agency_identifier_holders(
        actor=actor, person_id=person.pk, agency=agency, scheme=scheme, value=value
    )
    identifier = AgencyIdentifier.objects.create(
        person=person, agency=agency, scheme=scheme, value=value
    )
    _log_change(actor, person, f"Added an identifier ({identifier.scheme})")
    clashes_queue(
        actor=actor, person_id=person.pk, others=others, source=DuplicateSource.AGENCY_IDENTIFIER
    )
    return identifier


@transaction.atomic
def relationship_add(
    *, actor: Actor, from_person: Person, to_person: Person, kind: str
) -> Relationship:
    """`from_person` is `kind` of `to_person`. The actor must be able to change both."""
    from_person = _changeable(actor, from_person)
    to_person = _changeable(actor, to_person)
    if from_person.pk == to_person.pk:
        raise DomainError("A person cannot be related to themselves", field="other")
    relationship, created = Relationship.objects.get_or_create(
        from_person=from_person, to_person=to_person, kind=kind
    )
    if not created:
        raise DomainError("This relationship is already recorded", field="kind")
    access_log_record(
        actor=actor,
        action=Action.CHANGE,
        object_type=PERSON,
        object_id=from_person.pk,
        subjects=[from_person.pk, to_person.pk],
        why="Added a relationship",
    )
    return relationship
