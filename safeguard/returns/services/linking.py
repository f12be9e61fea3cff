"""Linking a return's children to the people index.

By the council's child identifier first; then by UPN, but only where the date of birth agrees;
a UPN that belongs to someone with another date of birth goes to the review list, never merged.
Returns carry no names, so nothing is matched on less than an identifier.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from safeguard.partners.models import Agency
from safeguard.people.models import AgencyIdentifier, Person, PersonKind
from safeguard.returns.models import LinkStatus

CHILD_ID_SCHEME = "la_child_id"


@dataclass(frozen=True)
class Link:
    person_id: uuid.UUID | None
    status: str


def children_link(*, agency: Agency, header: list[dict[str, Any]]) -> dict[str, Link]:
    """A link for each child reference; creates the people and identifiers it needs."""
    refs = [r["CHILD"] for r in header]
    known = dict(
        AgencyIdentifier.objects.filter(
            agency=agency, scheme=CHILD_ID_SCHEME, value__in=refs
        ).values_list("value", "person_id")
    )
    upns = [r["UPN"] for r in header if r["UPN"] and r["CHILD"] not in known]
    by_upn = {
        p["upn"]: p
        for p in Person.objects.filter(upn__in=upns).values("id", "upn", "date_of_birth")
    }
    links, new_people, new_ids = {}, [], []
    for r in header:
        ref = r["CHILD"]
        if ref in known:
            links[ref] = Link(known[ref], LinkStatus.LINKED)
            continue
        same_upn = by_upn.get(r["UPN"]) if r["UPN"] else None
        if same_upn and same_upn["date_of_birth"] == r["DOB"]:
            links[ref] = Link(same_upn["id"], LinkStatus.MATCHED)
        elif same_upn:
            links[ref] = Link(None, LinkStatus.REVIEW)
            continue
        else:
            person = Person(
                kind=PersonKind.CHILD,
                date_of_birth=r["DOB"],
                sex=r["_sex"],
                ethnicity=r["ETHNIC"],
                upn=r["UPN"] or None,
                recorded_by_agency=agency,
            )
            new_people.append(person)
            links[ref] = Link(person.pk, LinkStatus.CREATED)
        new_ids.append(
            AgencyIdentifier(
                person_id=links[ref].person_id, agency=agency, scheme=CHILD_ID_SCHEME, value=ref
            )
        )
    Person.objects.bulk_create(new_people, batch_size=1000)
    AgencyIdentifier.objects.bulk_create(new_ids, batch_size=1000)
    return links
