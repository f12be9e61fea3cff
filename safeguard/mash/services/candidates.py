"""The people a notified child may be: found once, when the child is added, for the MASH."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings

from safeguard.core.policy import mash_person_scope
from safeguard.mash.models import ChildCandidate, NotificationChild
from safeguard.mash.models.choices import OPEN_STATUSES
from safeguard.people.matching.index import person_match
from safeguard.people.models import DatePrecision
from safeguard.people.search import PersonQuery, evidence_for

if TYPE_CHECKING:  # submit imports this module
    from safeguard.mash.services.submit import ChildDetails

# How many candidates the MASH is shown for each child, best first.
CANDIDATES_KEPT = 5


def child_query(child: "NotificationChild | ChildDetails") -> PersonQuery:
    """What the engine searches on for a notified child: as the referrer described them."""
    # An approximate date is left out of the score: "about 7" held as a date would count
    # against the right child as a wrong date of birth.
    exact = child.date_of_birth_precision == DatePrecision.EXACT
    return PersonQuery(
        given_name=child.given_name,
        family_name=child.family_name,
        date_of_birth=child.date_of_birth if exact else None,
        nhs_number=child.nhs_number,
        postcode=child.postcode,
        sex=child.sex,
    )


def child_candidates_find(*, children: Iterable[NotificationChild]) -> int:
    """Store each child's candidates across the MASH's whole index (the referrer's own search
    saw only their agency's records): those the engine puts in its possible band or above,
    with more evidence for than against. Returns how many were stored."""
    floor = settings.PEOPLE_POSSIBLE_THRESHOLD
    stored: list[ChildCandidate] = []
    for child in children:
        query = child_query(child)
        if query.is_empty():
            continue
        found = person_match(
            record=query.as_record(), scope=mash_person_scope(), limit=CANDIDATES_KEPT * 2
        )
        kept = [m for m in found if m.scored.probability >= floor and evidence_for(m.scored)]
        stored.extend(
            ChildCandidate(
                child=child,
                person_id=m.person_id,
                rank=rank,
                probability=m.scored.probability,
                contributions=[[c.comparison, c.level, c.bits] for c in m.scored.contributions],
                swapped_names=m.scored.swapped_names,
            )
            for rank, m in enumerate(kept[:CANDIDATES_KEPT], start=1)
        )
    ChildCandidate.objects.bulk_create(stored)
    return len(stored)


def open_children_candidates_find() -> int:
    """Candidates for every unconfirmed child of an open notification that has none yet: those
    loaded in bulk (the demo borough), or recorded before candidates were kept."""
    children = NotificationChild.objects.filter(
        notification__status__in=OPEN_STATUSES,
        link_confirmed_at__isnull=True,
        candidates__isnull=True,
    ).order_by("id")
    return child_candidates_find(children=list(children))
