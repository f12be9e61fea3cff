"""Every read of the people index. Each applies the access policy and writes the access log."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.paginator import Page
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.models import BreakGlassGrant
from safeguard.core.pagination import paginate
from safeguard.core.policy import (
    Permission,
    actor_can,
    break_glass_grant_active,
    person_change_scope,
    person_scope,
    require_permission,
)
from safeguard.people.matching.index import person_match
from safeguard.people.models import (
    AgencyIdentifier,
    DuplicateStatus,
    Person,
    PersonAddress,
    PersonDuplicate,
    PersonMerge,
    PersonName,
    Relationship,
)
from safeguard.people.search import RESULT_LIMIT, Candidate, PersonQuery, evidence_for

PERSON = "people.person"


def _with_details(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("kind", "id")),
        Prefetch("addresses", queryset=PersonAddress.objects.select_related("address")),
    )


def person_search(*, actor: Actor, query: PersonQuery, at_least: float = 0.0) -> list[Candidate]:
    """The matching engine's candidates among the people this actor has a relationship with,
    best first; those with more evidence against than for, or scored under `at_least`, are
    left out."""
    require_permission(actor, Permission.PEOPLE_SEARCH)
    if query.is_empty():
        return []
    with transaction.atomic():
        found = person_match(
            record=query.as_record(), scope=person_scope(actor), limit=RESULT_LIMIT
        )
        found = [m for m in found if evidence_for(m.scored) and m.scored.probability >= at_least]
        people = _with_details(Person.objects.filter(pk__in=[m.person_id for m in found]))
        by_id = {p.pk: p for p in people}
        results = [Candidate(by_id[m.person_id], m.scored) for m in found]
        access_log_record(
            actor=actor,
            action=Action.SEARCH,
            object_type=PERSON,
            subjects=[c.person.pk for c in results],
            why="Search by " + ", ".join(query.fields_used()),
        )
    return results


@dataclass(frozen=True)
class RelatedPerson:
    relationship: Relationship
    label: str
    other: Person | None  # None when the viewer has no relationship to the other person


@dataclass(frozen=True)
class PersonRecord:
    person: Person
    names: list[PersonName]
    addresses: list[PersonAddress]
    identifiers: list[AgencyIdentifier]
    related: list[RelatedPerson]
    can_change: bool
    break_glass: bool


def _related(actor: Actor, person: Person) -> list[RelatedPerson]:
    outgoing = Relationship.objects.filter(from_person=person).select_related("to_person")
    incoming = Relationship.objects.filter(to_person=person).select_related("from_person")
    # "A is parent of B": on A's record B shows as their child; on B's, A as their parent.
    pairs = [(r, r.to_person, _inverse_label(r)) for r in outgoing]
    pairs += [(r, r.from_person, r.get_kind_display()) for r in incoming]
    other_ids = {other.pk for _, other, _ in pairs}
    visible = set(
        Person.objects.filter(person_scope(actor), pk__in=other_ids).values_list("pk", flat=True)
    )
    names = {
        n.person_id: n for n in PersonName.objects.filter(person_id__in=visible, kind="primary")
    }
    related = []
    for relationship, other, label in pairs:
        shown = other if other.pk in visible else None
        if shown is not None:
            shown.primary_name = names.get(other.pk)  # type: ignore[attr-defined]
        related.append(RelatedPerson(relationship, label, shown))
    return related


def _inverse_label(relationship: Relationship) -> str:
    from safeguard.people.models import RELATIONSHIP_INVERSE_LABELS, RelationshipKind

    kind = RelationshipKind(relationship.kind)
    return RELATIONSHIP_INVERSE_LABELS.get(kind, kind.label)


def _reachable(actor: Actor, person_id: UUID) -> tuple[Person, bool]:
    """The person if the actor has a relationship, or a live break-glass grant; else 404. A
    merged record stands for its survivor: reachable only if the survivor is."""
    survivor_id = _survivor_of(person_id)
    person = Person.objects.filter(person_scope(actor), pk=survivor_id).first()
    if person is not None:
        return person, False
    if break_glass_grant_active(actor, object_type=PERSON, object_id=survivor_id):
        person = Person.objects.filter(pk=survivor_id).first()
        if person is not None:
            return person, True
    raise NotFound


def _survivor_of(person_id: UUID) -> UUID:
    """The live record a merged one now lives in (merges can chain), or the id itself."""
    seen = {person_id}
    current = person_id
    while True:
        merged_into = (
            Person.objects.filter(pk=current).values_list("merged_into_id", flat=True).first()
        )
        if merged_into is None or merged_into in seen:
            return current
        seen.add(merged_into)
        current = merged_into


def person_locate(*, actor: Actor, person_id: UUID) -> UUID:
    """The id of the record to show for this id: its survivor if it was merged. 404 unless
    the actor can reach that record. Reads no personal data, so writes no log."""
    if not actor_can(actor, Permission.PEOPLE_SEARCH):
        raise NotFound
    person, _ = _reachable(actor, person_id)
    return person.pk


def person_get(*, actor: Actor, person_id: UUID, with_related: bool = True) -> PersonRecord:
    """One person's record for display. A merged record answers with its survivor, whose id
    differs from the one asked for; 404 if the actor cannot reach the survivor. Without
    `with_related` (the API shows no relatives), the related people are neither read nor
    logged: the log names only the people shown."""
    if not actor_can(actor, Permission.PEOPLE_SEARCH):
        raise NotFound
    with transaction.atomic():
        person, via_break_glass = _reachable(actor, person_id)
        names = list(person.names.order_by("kind", "id"))
        addresses = list(person.addresses.select_related("address"))
        identifiers = list(person.identifiers.select_related("agency"))
        related = _related(actor, person) if with_related else []
        why = "Viewed record"
        if via_break_glass:
            grant = _latest_grant(actor, person.pk)
            why = f"Break-glass: {grant.reason}" if grant else "Break-glass"
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type=PERSON,
            object_id=person.pk,
            subjects=[person.pk, *(r.other.pk for r in related if r.other)],
            why=why,
            break_glass=via_break_glass,
        )
        can_change = Person.objects.filter(person_change_scope(actor), pk=person.pk).exists()
    return PersonRecord(
        person=person,
        names=names,
        addresses=addresses,
        identifiers=identifiers,
        related=related,
        can_change=can_change,
        break_glass=via_break_glass,
    )


def _latest_grant(actor: Actor, person_id: UUID) -> BreakGlassGrant | None:
    if actor.user_id is None:
        return None
    return (
        BreakGlassGrant.objects.filter(user_id=actor.user_id, object_id=person_id)
        .order_by("-created_at")
        .first()
    )


def person_for_change(*, actor: Actor, person_id: UUID) -> Person:
    """A person the actor may change, without logging a view (the change itself is logged)."""
    person = Person.objects.filter(person_change_scope(actor), pk=person_id).first()
    if person is None:
        raise NotFound
    return person


EDITABLE_DETAILS = (
    "kind",
    "date_of_birth",
    "date_of_birth_precision",
    "sex",
    "gender",
    "ethnicity",
    "first_language",
    "nhs_number",
    "upn",
    "version",
)


def person_details_for_change(*, actor: Actor, person: Person) -> dict[str, Any]:
    """The details a change form starts from. Showing them is a view, so it is logged."""
    person = person_for_change(actor=actor, person_id=person.pk)
    with transaction.atomic():
        name = person.names.filter(kind="primary").first()
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type=PERSON,
            object_id=person.pk,
            subjects=[person.pk],
            why="Opened the details to change them",
        )
    details = {field: getattr(person, field) for field in EDITABLE_DETAILS}
    if name is not None:
        details.update(
            given_name=name.given_name, middle_names=name.middle_names, family_name=name.family_name
        )
    return details


def person_exists_for_break_glass(*, actor: Actor, person_id: UUID) -> bool:
    """For a MASH manager: whether the record exists outside their relationships.

    Answers 404 (raises) for everyone else, so that only the break-glass role learns it exists.
    """
    if not actor_can(actor, Permission.BREAK_GLASS_OPEN):
        raise NotFound
    person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first()
    if person is None:
        raise NotFound
    return not Person.objects.filter(person_scope(actor), pk=person_id).exists()


def person_merges(*, actor: Actor, person: Person) -> list[PersonMerge]:
    """The merges into this person, for the IG officer who can undo them."""
    if not actor_can(actor, Permission.PEOPLE_MERGE):
        return []
    return list(PersonMerge.objects.filter(survivor=person).select_related("merged", "merged_by"))


def person_for_merge(*, actor: Actor, person_id: UUID) -> PersonRecord:
    """The surviving record, for the IG officer merging a duplicate into it."""
    if not actor_can(actor, Permission.PEOPLE_MERGE):
        raise NotFound
    record = person_get(actor=actor, person_id=person_id)
    if record.person.pk != person_id:  # merged into another record
        raise NotFound
    return record


def merge_get(*, actor: Actor, merge_id: UUID) -> PersonMerge:
    if not actor_can(actor, Permission.PEOPLE_MERGE):
        raise NotFound
    with transaction.atomic():
        merge = PersonMerge.objects.select_related("survivor", "merged").filter(pk=merge_id).first()
        if merge is None:
            raise NotFound
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="people.personmerge",
            object_id=merge.pk,
            subjects=[merge.survivor_id, merge.merged_id],
            why="Opened a merge to undo it",
        )
    return merge


def mergeable_people(*, actor: Actor) -> QuerySet[Person]:
    """The people an officer may merge or judge: within their scope, not merged away. A
    queryset to filter by, not a read: its callers log what they show."""
    return Person.objects.filter(person_scope(actor), merged_into__isnull=True)


@dataclass(frozen=True)
class DuplicateRow:
    pair: PersonDuplicate
    person_a: Person
    person_b: Person


def person_duplicates(*, actor: Actor, page_number: str | None) -> Page:
    """The pairs still to review, likeliest first, among the people the officer can see; both
    records unmerged. A page of `DuplicateRow`s, logged with the people shown."""
    require_permission(actor, Permission.PEOPLE_MERGE)
    with transaction.atomic():
        visible = mergeable_people(actor=actor)
        pairs = PersonDuplicate.objects.filter(
            status=DuplicateStatus.OPEN,
            person_a__in=visible.values("pk"),
            person_b__in=visible.values("pk"),
        ).order_by("-probability", "pk")
        page = paginate(pairs, page_number=page_number)
        ids = {p.person_a_id for p in page.object_list} | {p.person_b_id for p in page.object_list}
        people = {p.pk: p for p in _with_details(Person.objects.filter(pk__in=ids))}
        page.object_list = [
            DuplicateRow(p, people[p.person_a_id], people[p.person_b_id]) for p in page.object_list
        ]
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="people.personduplicate",
            subjects=sorted(ids, key=str),
            why="Looked at records that may be duplicates",
        )
    return page


def person_duplicate_get(*, actor: Actor, duplicate_id: int) -> DuplicateRow:
    """One pair still to review, for the officer deciding it."""
    if not actor_can(actor, Permission.PEOPLE_MERGE):
        raise NotFound
    with transaction.atomic():
        pair = PersonDuplicate.objects.filter(pk=duplicate_id, status=DuplicateStatus.OPEN).first()
        if pair is None:
            raise NotFound
        people = {
            p.pk: p
            for p in _with_details(
                mergeable_people(actor=actor).filter(pk__in=[pair.person_a_id, pair.person_b_id])
            )
        }
        if len(people) != 2:
            raise NotFound
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="people.personduplicate",
            object_id=pair.pk,
            subjects=[pair.person_a_id, pair.person_b_id],
            why="Opened records that may be duplicates",
        )
    return DuplicateRow(pair, people[pair.person_a_id], people[pair.person_b_id])


def person_ids_for_access_review(*, actor: Actor, person_id: UUID) -> list[UUID]:
    """The person and every record merged into them, directly or through another merge."""
    if not actor_can(actor, Permission.ACCESS_LOG_REVIEW):
        raise NotFound
    if not Person.objects.filter(person_scope(actor), pk=person_id).exists():
        raise NotFound
    ids, frontier = [person_id], [person_id]
    while frontier:
        frontier = list(
            Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids
