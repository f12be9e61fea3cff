"""Reads for information governance: the access log of one child, break-glass grants, and
the security events (refusals, clashes, slowed sign-ins)."""

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.core.paginator import Page
from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.models import (
    AccessLogEntry,
    BreakGlassGrant,
    SecurityEvent,
    SecurityEventKind,
)
from safeguard.core.pagination import paginate
from safeguard.core.policy import Permission, actor_can, require_permission
from safeguard.partners.models import Agency, User


def access_log_for_person(
    *,
    actor: Actor,
    person_ids: list[UUID],
    user_id: UUID | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    page_number: str | None = None,
) -> Page:
    """Who has looked at this child: every entry that concerns any of `person_ids`.

    `person_ids` holds the child and any record merged into them. Reading the log of a child
    is itself logged.
    """
    if not actor_can(actor, Permission.ACCESS_LOG_REVIEW):
        raise NotFound
    entries = AccessLogEntry.objects.filter(subjects__person_id__in=person_ids).distinct()
    if user_id:
        entries = entries.filter(actor_user_id=user_id)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    with transaction.atomic():
        page = paginate(entries.order_by("-seq"), page_number=page_number)
        page.object_list = list(page.object_list)
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="core.accesslog",
            object_id=person_ids[0],
            subjects=person_ids,
            why="Reviewed who has looked at this record",
        )
    return page


def access_log_users(*, actor: Actor, person_ids: list[UUID]) -> list[tuple[UUID, str]]:
    """The people who appear in a child's access log, for the filter."""
    require_permission(actor, Permission.ACCESS_LOG_REVIEW)
    pairs = (
        AccessLogEntry.objects.filter(
            subjects__person_id__in=person_ids, actor_user_id__isnull=False
        )
        .values_list("actor_user_id", "actor_label")
        .distinct()
        .order_by("actor_label")
    )
    return list(pairs)


def _grants() -> QuerySet[BreakGlassGrant]:
    grants = BreakGlassGrant.objects.select_related("user", "user__agency", "reviewed_by")
    return grants.order_by(F("reviewed_at").asc(nulls_first=True), "-created_at")


def break_glass_grant_page(*, actor: Actor, page_number: str | None) -> Page:
    """Break-glass grants, unreviewed first. Their reasons may name a child, so it is logged."""
    require_permission(actor, Permission.BREAK_GLASS_REVIEW)
    with transaction.atomic():
        page = paginate(_grants(), page_number=page_number)
        page.object_list = list(page.object_list)
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="core.breakglassgrant",
            subjects=[grant.object_id for grant in page.object_list],
            why="Reviewed break-glass access",
        )
    return page


def break_glass_grant_get(*, actor: Actor, grant_id: UUID) -> BreakGlassGrant:
    """One grant, for the IG officer; for anyone else it does not exist."""
    if not actor_can(actor, Permission.BREAK_GLASS_REVIEW):
        raise NotFound
    with transaction.atomic():
        grant = _grants().filter(pk=grant_id).first()
        if grant is None:
            raise NotFound
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="core.breakglassgrant",
            object_id=grant.pk,
            subjects=[grant.object_id],
            why="Reviewed break-glass access",
        )
    return grant


@dataclass(frozen=True)
class Refusals:
    """One user's (or one API key's) refused requests in a window."""

    name: str  # the user's name, or the key's label
    actor_label: str
    agency_name: str
    not_found: int
    forbidden: int
    last_at: dt.datetime

    @property
    def total(self) -> int:
        return self.not_found + self.forbidden


def security_refusals(*, actor: Actor, since: dt.datetime) -> list[Refusals]:
    """Who was refused since then, most refused first. No personal data: the log has none."""
    require_permission(actor, Permission.ACCESS_LOG_REVIEW)
    rows = (
        SecurityEvent.objects.filter(
            at__gte=since,
            kind__in=[SecurityEventKind.REFUSED_NOT_FOUND, SecurityEventKind.REFUSED_FORBIDDEN],
        )
        .values("actor_user_id", "actor_label", "agency_id")
        .annotate(
            not_found=Count("pk", filter=Q(kind=SecurityEventKind.REFUSED_NOT_FOUND)),
            forbidden=Count("pk", filter=Q(kind=SecurityEventKind.REFUSED_FORBIDDEN)),
            last_at=Max("at"),
        )
    )
    agencies = dict(Agency.objects.values_list("pk", "name"))
    names = dict(
        User.objects.filter(pk__in=[row["actor_user_id"] for row in rows]).values_list(
            "pk", "full_name"
        )
    )
    found = [
        Refusals(
            name=names.get(row["actor_user_id"], row["actor_label"]),
            actor_label=row["actor_label"],
            agency_name=agencies.get(row["agency_id"], ""),
            not_found=row["not_found"],
            forbidden=row["forbidden"],
            last_at=row["last_at"],
        )
        for row in rows
    ]
    return sorted(found, key=lambda r: (-r.total, r.actor_label))


def security_events_page(*, actor: Actor, page_number: str | None) -> Page:
    """Every security event, newest first."""
    require_permission(actor, Permission.ACCESS_LOG_REVIEW)
    return paginate(SecurityEvent.objects.order_by("-at", "-pk"), page_number=page_number)
