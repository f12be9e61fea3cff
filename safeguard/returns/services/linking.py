"""Linking a return's children to the people index.

By the council's child identifier first; then by the matching engine on what a return gives
(UPN, date of birth, sex). The engine's match band links; its possible band, or a UPN that
someone in the index holds with evidence against (another date of birth, say), goes to the
review list, never merged. Returns carry no names: without a UPN the engine never reaches a
band, and the child is recorded as a new person.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import Permission, require_permission
from safeguard.partners.models import Agency
from safeguard.people.matching.features import MatchRecord
from safeguard.people.matching.index import PersonMatch, match_keys_refresh, people_match
from safeguard.people.models import AgencyIdentifier, Person, PersonKind
from safeguard.returns.models import LinkStatus, ReturnChild

CHILD_ID_SCHEME = "la_child_id"


@dataclass(frozen=True)
class Link:
    person_id: uuid.UUID | None
    status: str


def _upn(row: dict[str, Any]) -> str | None:
    """The child's UPN; the codes a return gives for a missing one (UN1 to UN7) are not UPNs."""
    upn = row["UPN"]
    return upn if upn and not upn.startswith("UN") else None


def _verdict(match: PersonMatch | None, upn_held: bool) -> str:
    if match is not None and match.scored.band == "match":
        return LinkStatus.MATCHED
    if upn_held or (match is not None and match.scored.band == "possible"):
        return LinkStatus.REVIEW
    return LinkStatus.CREATED


def children_link(*, agency: Agency, header: list[dict[str, Any]]) -> dict[str, Link]:
    """A link for each child reference; creates the people and identifiers it needs."""
    refs = [r["CHILD"] for r in header]
    known = dict(
        AgencyIdentifier.objects.filter(
            agency=agency, scheme=CHILD_ID_SCHEME, value__in=refs
        ).values_list("value", "person_id")
    )
    unknown = [r for r in header if r["CHILD"] not in known]
    upns = [_upn(r) for r in unknown if _upn(r)]
    held = set(Person.objects.filter(upn__in=upns).values_list("upn", flat=True))
    matches = people_match(
        records=[
            MatchRecord(
                record_id=r["CHILD"], date_of_birth=r["DOB"], sex=r["_sex"], upn=_upn(r) or ""
            )
            for r in unknown
            if _upn(r)
        ]
    )
    links, new_people, new_ids = {}, [], []
    for r in header:
        ref = r["CHILD"]
        if ref in known:
            links[ref] = Link(known[ref], LinkStatus.LINKED)
            continue
        match = matches.get(ref)
        status = _verdict(match, _upn(r) in held)
        if status == LinkStatus.REVIEW:
            links[ref] = Link(None, status)
            continue
        if match is not None and status == LinkStatus.MATCHED:
            person_id = match.person_id
        else:
            person = Person(
                kind=PersonKind.CHILD,
                date_of_birth=r["DOB"],
                sex=r["_sex"],
                ethnicity=r["ETHNIC"],
                upn=_upn(r),
                recorded_by_agency=agency,
            )
            new_people.append(person)
            person_id = person.pk
        links[ref] = Link(person_id, status)
        new_ids.append(
            AgencyIdentifier(person_id=person_id, agency=agency, scheme=CHILD_ID_SCHEME, value=ref)
        )
    Person.objects.bulk_create(new_people, batch_size=1000)
    AgencyIdentifier.objects.bulk_create(new_ids, batch_size=1000)
    match_keys_refresh(person_ids=[p.pk for p in new_people])
    return links


def return_child_resolve(*, actor: Actor, child_id: int, same_person: bool) -> ReturnChild:
    """Settles an uncertain link: the same person as the candidate with the child's UPN, or a
    new person. Every row of the council's child identifier under review follows it."""
    require_permission(actor, Permission.PEOPLE_MERGE)
    with transaction.atomic():
        child = (
            ReturnChild.objects.select_for_update()
            .select_related("statutory_return")
            .filter(pk=child_id, link_status=LinkStatus.REVIEW, person__isnull=True)
            .first()
        )
        if child is None:
            raise NotFound
        agency = child.statutory_return.agency
        candidate = Person.objects.filter(upn=child.upn).first() if child.upn else None
        if same_person and candidate is None:
            raise DomainError("No one in the people index has this child's UPN any more")
        person = candidate if same_person else None
        if person is None:
            person = Person.objects.create(
                kind=PersonKind.CHILD,
                date_of_birth=child.date_of_birth,
                sex=child.sex,
                ethnicity=child.ethnicity,
                recorded_by_agency=agency,
            )
            match_keys_refresh(person_ids=[person.pk])
        status = LinkStatus.LINKED if same_person else LinkStatus.CREATED
        rows = ReturnChild.objects.filter(
            statutory_return__agency=agency,
            child_ref=child.child_ref,
            link_status=LinkStatus.REVIEW,
            person__isnull=True,
        )
        rows.update(person=person, link_status=status)
        AgencyIdentifier.objects.get_or_create(
            agency=agency, scheme=CHILD_ID_SCHEME, value=child.child_ref, person=person
        )
        access_log_record(
            actor=actor,
            action=Action.CHANGE,
            object_type="returns.returnchild",
            object_id=child.pk,
            subjects=[person.pk],
            why="Settled an uncertain link from a return",
        )
        audit_record(
            actor=actor,
            action="return_link_resolved",
            obj=child,
            changes={"same_person": same_person},
        )
        child.refresh_from_db()
    return child
