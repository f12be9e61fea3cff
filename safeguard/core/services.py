"""Break-glass access: opened by a MASH manager with a reason, reviewed by IG."""

import re
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.models import BreakGlassGrant
from safeguard.core.policy import Permission, require_permission

MIN_REASON = 20
MIN_WORDS = 5
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöûüw]", re.IGNORECASE)


def reason_in_words(reason: str) -> bool:
    """At least five different words, each with a vowel: a reason IG can read and weigh, not
    a string of keys pressed to get past a length check (issue 16)."""
    words = {w.lower() for w in _WORD.findall(reason) if _VOWEL.search(w)}
    return len(reason) >= MIN_REASON and len(words) >= MIN_WORDS


@transaction.atomic
def break_glass_open(
    *, actor: Actor, object_type: str, object_id: UUID, subjects: list[UUID], reason: str
) -> BreakGlassGrant:
    """Time-limited access to one record, flagged for the IG officer to review."""
    if actor.user is None:
        raise NotFound
    require_permission(actor, Permission.BREAK_GLASS_OPEN)
    reason = " ".join(reason.split())
    if not reason_in_words(reason):
        raise DomainError(
            "Explain why you need this record now, in words: at least "
            f"{MIN_WORDS} different words and {MIN_REASON} characters",
            field="reason",
        )
    grant = BreakGlassGrant.objects.create(
        user=actor.user,
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        expires_at=timezone.now() + timedelta(minutes=settings.BREAK_GLASS_MINUTES),
    )
    access_log_record(
        actor=actor,
        action=Action.BREAK_GLASS,
        object_type=object_type,
        object_id=object_id,
        subjects=subjects,
        why=reason,
        break_glass=True,
    )
    return grant


@transaction.atomic
def break_glass_review(*, actor: Actor, grant_id: UUID, note: str) -> BreakGlassGrant:
    require_permission(actor, Permission.BREAK_GLASS_REVIEW)
    grant = BreakGlassGrant.objects.select_for_update().filter(pk=grant_id).first()
    if grant is None:
        raise NotFound
    if grant.reviewed_at is not None:
        raise DomainError("This access has already been reviewed")
    if not note.strip():
        raise DomainError("Record what you found", field="note")
    grant.reviewed_by = actor.user
    grant.reviewed_at = timezone.now()
    grant.review_note = note.strip()
    grant.save(update_fields=["reviewed_by", "reviewed_at", "review_note", "updated_at"])
    return grant
