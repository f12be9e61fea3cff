"""The duplicate-persons report: found by the matching engine over the whole index, then
settled by the information governance officer, by the audited merge or as two people."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import Permission, require_permission
from safeguard.people.matching.duplicates import duplicate_pairs
from safeguard.people.models import DuplicateSource, DuplicateStatus, PersonDuplicate
from safeguard.people.selectors import mergeable_people

MIN_REASON = 10


def person_duplicates_find(*, progress: bool = False) -> int:
    """Replaces the engine's pairs still to review with those it finds now (the possible band
    and above); a pair already judged two people stays judged, and a clash of identifiers
    stays queued. The search runs outside any
    transaction (it takes minutes); the replacement is one short one. Returns the pairs
    written to review."""
    found_at = timezone.now()
    pairs = list(duplicate_pairs(threshold=settings.PEOPLE_POSSIBLE_THRESHOLD, progress=progress))
    with transaction.atomic():
        replaced = PersonDuplicate.objects.filter(
            status=DuplicateStatus.OPEN, found_by=DuplicateSource.MATCHER
        )
        settled = set(
            PersonDuplicate.objects.exclude(pk__in=replaced.values("pk")).values_list(
                "person_a_id", "person_b_id"
            )
        )
        replaced.delete()
        rows = [
            PersonDuplicate(
                person_a_id=pair.person_a,
                person_b_id=pair.person_b,
                probability=pair.scored.probability,
                contributions=[[c.comparison, c.level, c.bits] for c in pair.scored.contributions],
                found_at=found_at,
            )
            for pair in pairs
            if (pair.person_a, pair.person_b) not in settled
        ]
        # A pair judged while the search ran stays as judged.
        PersonDuplicate.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def person_duplicate_dismiss(*, actor: Actor, duplicate_id: int, reason: str) -> PersonDuplicate:
    """Records that the two are different people, so the pair is not offered again."""
    require_permission(actor, Permission.PEOPLE_MERGE)
    if actor.user is None:
        raise NotFound
    if len(reason.strip()) < MIN_REASON:
        raise DomainError("Explain why these records are two people", field="reason")
    with transaction.atomic():
        pair = (
            PersonDuplicate.objects.select_for_update()
            .filter(pk=duplicate_id, status=DuplicateStatus.OPEN)
            .first()
        )
        if pair is None:
            raise NotFound
        both = [pair.person_a_id, pair.person_b_id]
        if mergeable_people(actor=actor).filter(pk__in=both).count() != 2:
            raise NotFound
        pair.status = DuplicateStatus.NOT_DUPLICATE
        pair.decided_by = actor.user
        pair.decided_at = timezone.now()
        pair.reason = reason.strip()
        pair.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        access_log_record(
            actor=actor,
            action=Action.CHANGE,
            object_type="people.personduplicate",
            object_id=pair.pk,
            subjects=[pair.person_a_id, pair.person_b_id],
            why="Judged two records to be different people",
        )
        audit_record(
            actor=actor,
            action="duplicate_dismissed",
            obj=pair,
            changes={"reason": pair.reason},
        )
    return pair
