"""How much MASH work is waiting for someone: counts for their home page, never names."""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.paginator import Page
from django.db.models import F
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.pagination import paginate_counted
from safeguard.core.policy import (
    Permission,
    actor_can,
    information_request_scope,
    submitted_scope,
)
from safeguard.mash.models import InformationRequest, Notification, WorkItem
from safeguard.mash.models.choices import OPEN_STATUSES, RequestStatus, Status
from safeguard.mash.selectors.rows import row
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
    unseen: int = 0


def work_counts(*, actor: Actor) -> WorkCounts:
    """Counts only, for the roles that do the work: nothing here needs the access log."""
    now = timezone.now()
    counts: dict[str, int] = {}
    if actor.user_id is not None:
        counts["unseen"] = WorkItem.objects.filter(
            user_id=actor.user_id, seen_at__isnull=True
        ).count()
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


@dataclass(frozen=True)
class WorkItemRow:
    id: UUID
    kind: str
    reference: str
    created_at: dt.datetime
    seen_at: dt.datetime | None


def work_items(*, actor: Actor, page_number: str | None) -> tuple[list[WorkItemRow], Page[Any]]:
    """The actor's own work list, unseen first, newest first. Items hold a reference and a
    link, never a child's details, so reading them writes no access-log row."""
    items = WorkItem.objects.filter(user=actor.person_acting()).order_by(
        F("seen_at").desc(nulls_first=True), "-created_at"
    )
    page, found = paginate_counted(
        items.values_list("id", "kind", "reference", "created_at", "seen_at"),
        page_number=page_number,
    )
    return [row(WorkItemRow, values) for values in found], page
