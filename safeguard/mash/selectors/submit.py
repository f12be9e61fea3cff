"""What a referrer may read of the notifications they sent: status and outcome only."""

from dataclasses import replace
from typing import Any
from uuid import UUID

from django.core.paginator import Page
from django.db import transaction
from django.db.models import QuerySet, TextField, Value
from django.db.models.functions import Coalesce

from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.pagination import paginate
from safeguard.core.policy import submitted_scope
from safeguard.mash.models import Concern, Notification
from safeguard.mash.selectors.children import children_of, linked_people
from safeguard.mash.selectors.common import NOTIFICATION, log_read
from safeguard.mash.selectors.rows import SubmittedRow, row
from safeguard.mash.selectors.triage import (
    decision_corrections,
    decision_escalations,
    notification_adults,
    notification_concerns,
    notification_files,
)

SUBMITTED_FIELDS = (
    "id",
    "reference",
    "received_at",
    "status",
    "decided_at",
    "outcome",
    "urgent",
    "next_steps",
    "allocated_team",
    "contact",
    "what_happened",
    "risk_now",
)


def _submitted(actor: Actor) -> "QuerySet[Notification, tuple[Any, ...]]":
    return (
        Notification.objects.filter(submitted_scope(actor))
        .annotate(
            outcome=Coalesce("decision__outcome", Value("")),
            next_steps=Coalesce("decision__next_steps", Value(""), output_field=TextField()),
            allocated_team=Coalesce("decision__allocated_team", Value("")),
            contact=Coalesce("decision__contact", Value("")),
        )
        .values_list(*SUBMITTED_FIELDS)
    )


def _rows(values: list[tuple[Any, ...]]) -> list[SubmittedRow]:
    children = children_of(v[0] for v in values)
    return [row(SubmittedRow, v, children=children[v[0]]) for v in values]


def submitted_list(
    *, actor: Actor, page_number: str | None
) -> tuple[Page[Any], list[SubmittedRow]]:
    """What the actor submitted, newest first, with status and outcome only."""
    with transaction.atomic():
        page = paginate(_submitted(actor).order_by("-received_at"), page_number=page_number)
        rows = _rows(list(page.object_list))
        log_read(
            actor,
            NOTIFICATION,
            "",
            linked_people(c for r in rows for c in r.children),
            "Looked at notifications they submitted",
        )
    return page, rows


def submitted_get(*, actor: Actor, notification_id: UUID) -> SubmittedRow:
    """One notification the actor submitted: its status and outcome, not the MASH's work."""
    with transaction.atomic():
        rows = _rows(list(_submitted(actor).filter(pk=notification_id)))
        if not rows:
            raise NotFound
        rows = [
            replace(
                rows[0],
                concerns=notification_concerns(notification_id),
                adults=notification_adults(notification_id),
                corrections=decision_corrections(notification_id) if rows[0].outcome else [],
                escalations=decision_escalations(notification_id) if rows[0].outcome else [],
                files=notification_files(notification_id),
            )
        ]
        log_read(
            actor,
            NOTIFICATION,
            notification_id,
            linked_people(rows[0].children),
            "Checked the outcome of their notification",
        )
    return rows[0]


def concern_labels() -> dict[str, str]:
    """Each concern's code and label, for a referrer's check-your-answers page."""
    return dict(Concern.objects.values_list("code", "label"))
