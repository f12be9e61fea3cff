"""How much MASH work is waiting for someone: counts for their home page, never names."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.policy import (
    Permission,
    actor_can,
    information_request_scope,
    submitted_scope,
)
from safeguard.mash.models import InformationRequest, Notification
from safeguard.mash.models.choices import OPEN_STATUSES, RequestStatus, Status
from safeguard.mash.selectors.triage import past_due

# How long a decision counts as news on the referrer's home page.
RECENT_DECISIONS = dt.timedelta(days=14)


@dataclass(frozen=True)
class WorkCounts:
    requests_waiting: int | None = None
    requests_overdue: int | None = None
    queue_overdue: int | None = None
    assigned_to_me: int | None = None
    decided_recently: int | None = None


def work_counts(*, actor: Actor) -> WorkCounts:
    """Counts only, for the roles that do the work: nothing here needs the access log."""
    now = timezone.now()
    counts: dict[str, int] = {}
    if actor_can(actor, Permission.REQUEST_ANSWER):
        waiting = InformationRequest.objects.filter(
            information_request_scope(actor), status=RequestStatus.OPEN
        )
        counts["requests_waiting"] = waiting.count()
        counts["requests_overdue"] = waiting.filter(due_at__lt=now).count()
    if actor_can(actor, Permission.MASH_TRIAGE):
        open_work = Notification.objects.filter(status__in=OPEN_STATUSES)
        counts["queue_overdue"] = open_work.filter(past_due(now)).count()
        counts["assigned_to_me"] = open_work.filter(assigned_to_id=actor.user_id).count()
    if actor_can(actor, Permission.NOTIFICATION_SUBMIT):
        counts["decided_recently"] = Notification.objects.filter(
            submitted_scope(actor),
            status=Status.DECIDED,
            decided_at__gte=now - RECENT_DECISIONS,
        ).count()
    return WorkCounts(**counts)
