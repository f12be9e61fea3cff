"""Reads of the returns app: aggregates for insight roles, jobs for analysts, a child's
chronology for the MASH and the allocated worker, and uncertain links for governance.

Every read of a child's data goes through here, checks the actor's relationship and writes the
access log; without a relationship the answer is 404.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.policy import Permission, actor_can, person_scope, require_permission
from safeguard.mash.models import (
    ChildRelink,
    Escalation,
    NotificationChild,
)
from safeguard.people.models import Person
from safeguard.returns.codelists import year_label
from safeguard.returns.indicators import IndicatorValue, indicator_values
from safeguard.returns.models import (
    Assessment,
    CareEpisode,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    LinkStatus,
    MissingEpisode,
    ProtectionPlan,
    ReturnChild,
    ReturnImportJob,
    ReturnKind,
    Section47Enquiry,
    StatutoryReturn,
)

PERSON = "people.person"


def returns_overview(*, actor: Actor) -> list[StatutoryReturn]:
    """Every return imported, newest year first: counts of rows only, no child."""
    require_permission(actor, Permission.RETURNS_INSIGHT)
    return list(
        StatutoryReturn.objects.select_related("imported_by").order_by(
            "-collection_year", "kind", "-created_at"
        )
    )


def indicator_years(*, actor: Actor) -> dict[int, list[IndicatorValue]]:
    """Each year with a current return, and its indicators (aggregates only)."""
    require_permission(actor, Permission.RETURNS_INSIGHT)
    years = sorted(
        set(
            StatutoryReturn.objects.filter(is_current=True).values_list(
                "collection_year", flat=True
            )
        )
    )
    return {year: indicator_values(collection_year=year) for year in years}


def import_jobs(*, actor: Actor) -> QuerySet[ReturnImportJob]:
    require_permission(actor, Permission.RETURNS_IMPORT)
    if actor.agency_id is None:
        return ReturnImportJob.objects.none()
    return ReturnImportJob.objects.filter(agency_id=actor.agency_id).order_by("-created_at")


def import_job_get(*, actor: Actor, job_id: uuid.UUID) -> ReturnImportJob:
    """A job of the analyst's own agency; it holds places and counts, never a child's data."""
    job = import_jobs(actor=actor).filter(pk=job_id).first()
    if job is None:
        raise NotFound
    return job


@dataclass(frozen=True)
class ChronologyEntry:
    day: dt.date
    source: str
    event: str
    # The time, where the record has one: a decision then follows the notification it
    # answers on the same day, and a correction follows the decision.
    at: dt.datetime | None = None


@dataclass(frozen=True)
class Chronology:
    person: Person
    entries: list[ChronologyEntry]


def _mash_entry(at: dt.datetime, event: str) -> ChronologyEntry:
    return ChronologyEntry(timezone.localtime(at).date(), "MASH", event, at)


def _mash_entries(person: Person) -> list[ChronologyEntry]:
    entries = []
    rows = (
        NotificationChild.objects.filter(person=person)
        .select_related("notification__source_agency", "notification__decision")
        .prefetch_related("notification__decision__corrections", "notification__escalations")
        .order_by("notification__received_at")
    )
    for row in rows:
        n = row.notification
        entries.append(
            _mash_entry(
                n.received_at, f"Notification {n.reference} received from {n.source_agency.name}"
            )
        )
        decision = getattr(n, "decision", None)
        if decision is not None:
            # The child's own outcome where siblings were decided differently.
            outcome = row.get_outcome_display() if row.outcome else decision.get_outcome_display()
            entries.append(
                _mash_entry(decision.decided_at, f"Decision on {n.reference}: {outcome}")
            )
            entries += [
                _mash_entry(
                    c.corrected_at,
                    f"Decision on {n.reference} corrected. It was: {c.get_outcome_display()}",
                )
                for c in decision.corrections.all()
            ]
            entries += _escalation_entries(n.reference, n.escalations.all())
    return entries + _relink_entries(person)


def _escalation_entries(reference: str, escalations: Iterable[Escalation]) -> list[ChronologyEntry]:
    entries = []
    for e in escalations:
        entries.append(
            _mash_entry(e.raised_at, f"Decision on {reference} escalated by the referrer")
        )
        if e.responded_at:
            entries.append(
                _mash_entry(e.responded_at, f"Escalation of the decision on {reference} answered")
            )
    return entries


def _relink_entries(person: Person) -> list[ChronologyEntry]:
    """A corrected link shows on both children: what arrived, and what left."""
    moves = ChildRelink.objects.filter(Q(from_person=person) | Q(to_person=person)).select_related(
        "child__notification"
    )
    return [
        _mash_entry(
            m.at,
            f"Notification {m.child.notification.reference} moved "
            + (
                "here: the link to this child was corrected"
                if m.to_person_id == person.pk
                else "to another child: it was linked to this child wrongly"
            ),
        )
        for m in moves
    ]


def _need_entries(children: list[ReturnChild]) -> list[ChronologyEntry]:
    entries = []
    source = "CIN census"
    for e in ChildInNeedEpisode.objects.filter(child__in=children):
        entries.append(
            ChronologyEntry(e.referral_date, source, "Referral to children's social care")
        )
        if e.closure_date:
            entries.append(ChronologyEntry(e.closure_date, source, "Case closed"))
    for a in Assessment.objects.filter(episode__child__in=children):
        entries.append(ChronologyEntry(a.start, source, "Assessment started"))
        if a.authorised:
            entries.append(ChronologyEntry(a.authorised, source, "Assessment completed"))
    for s in Section47Enquiry.objects.filter(episode__child__in=children):
        entries.append(ChronologyEntry(s.start, source, "Section 47 enquiry started"))
        if s.icpc_date:
            entries.append(
                ChronologyEntry(s.icpc_date, source, "Initial child protection conference")
            )
    for p in ProtectionPlan.objects.filter(episode__child__in=children):
        entries.append(ChronologyEntry(p.start, source, "Child protection plan started"))
        if p.end:
            entries.append(ChronologyEntry(p.end, source, "Child protection plan ended"))
    for c in ChildInNeedPlan.objects.filter(episode__child__in=children):
        entries.append(ChronologyEntry(c.start, source, "Child in need plan started"))
        if c.end:
            entries.append(ChronologyEntry(c.end, source, "Child in need plan ended"))
    return entries


def _care_entries(children: list[ReturnChild]) -> list[ChronologyEntry]:
    entries = []
    source = "SSDA903"
    for e in CareEpisode.objects.filter(child__in=children):
        entries.append(
            ChronologyEntry(
                e.start,
                source,
                f"Care episode: legal status {e.legal_status}, placement {e.placement}",
            )
        )
    for m in MissingEpisode.objects.filter(child__in=children):
        what = "Missing from placement" if m.kind == "M" else "Away from placement"
        entries.append(ChronologyEntry(m.start, source, what))
    return entries


def chronology_get(*, actor: Actor, person_id: uuid.UUID) -> Chronology:
    """A child's notifications, decisions and journey in date order, for the MASH and the
    allocated worker; the view is logged."""
    if not actor_can(actor, Permission.CHRONOLOGY_VIEW):
        raise NotFound
    with transaction.atomic():
        person = Person.objects.filter(person_scope(actor), pk=person_id).first()
        if person is None:
            raise NotFound
        children = list(
            ReturnChild.objects.filter(
                person=person, statutory_return__is_current=True
            ).select_related("statutory_return")
        )
        entries = _mash_entries(person)
        entries += _need_entries([c for c in children if _kind(c) == ReturnKind.CIN])
        entries += _care_entries([c for c in children if _kind(c) == ReturnKind.SSDA903])
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type=PERSON,
            object_id=person.pk,
            subjects=[person.pk],
            why="Viewed chronology",
        )
    # The same episode appears in each year's return that covers it: once is enough.
    unique = sorted(set(entries), key=_in_order)
    return Chronology(person, unique)


def _in_order(e: ChronologyEntry) -> tuple[dt.date, float, str, str]:
    return (e.day, e.at.timestamp() if e.at else 0.0, e.source, e.event)


def _kind(child: ReturnChild) -> str:
    return child.statutory_return.kind


@dataclass(frozen=True)
class LinkToReview:
    child: ReturnChild
    label: str  # the return, like "CIN census 2017-18"
    candidate: Person | None  # the person with the same UPN but another date of birth


def links_for_review(*, actor: Actor) -> list[LinkToReview]:
    """Children a return could not link with certainty, and the person each might be."""
    require_permission(actor, Permission.PEOPLE_MERGE)
    with transaction.atomic():
        children = list(
            ReturnChild.objects.filter(link_status=LinkStatus.REVIEW, person__isnull=True)
            .select_related("statutory_return")
            .order_by("statutory_return__collection_year", "child_ref")
        )
        by_upn = {
            p.upn: p for p in Person.objects.filter(upn__in=[c.upn for c in children if c.upn])
        }
        found = [
            LinkToReview(
                c,
                f"{c.statutory_return.get_kind_display()} "
                f"{year_label(c.statutory_return.collection_year)}",
                by_upn.get(c.upn),
            )
            for c in children
        ]
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="returns.returnchild",
            subjects=[f.candidate.pk for f in found if f.candidate],
            why="Reviewed uncertain links from returns",
        )
    return found
