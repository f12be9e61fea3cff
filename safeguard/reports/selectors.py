"""Reads of the yearly report. Nothing here is personal data; each agency reaches only its own
contribution, and anything else is 404 so that it does not leak."""

from uuid import UUID

from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.policy import Permission, require_permission
from safeguard.reports.models import Contribution, Publication, Report, Section

_NO_AGENCY = UUID(int=0)  # an actor without an agency matches no contribution


def reports_list(*, actor: Actor) -> list[Report]:
    require_permission(actor, Permission.REPORT_READ)
    return list(Report.objects.prefetch_related("publications"))


def report_get(*, actor: Actor, year: int) -> Report:
    require_permission(actor, Permission.REPORT_MANAGE)
    found = Report.objects.filter(year=year).first()
    if found is None:
        raise NotFound
    return found


def section_get(*, actor: Actor, year: int, key: str) -> Section:
    require_permission(actor, Permission.REPORT_MANAGE)
    found = Section.objects.select_related("report").filter(report__year=year, key=key).first()
    if found is None:
        raise NotFound
    return found


def contribution_for_review(*, actor: Actor, year: int, contribution_id: UUID) -> Contribution:
    require_permission(actor, Permission.REPORT_MANAGE)
    found = (
        Contribution.objects.select_related("agency", "report")
        .filter(pk=contribution_id, report__year=year)
        .first()
    )
    if found is None:
        raise NotFound
    return found


def contributions_mine(*, actor: Actor) -> list[Contribution]:
    require_permission(actor, Permission.REPORT_CONTRIBUTE)
    return list(
        Contribution.objects.select_related("report", "agency")
        .filter(agency_id=actor.agency_id or _NO_AGENCY)
        .order_by("-report__year")
    )


def contribution_mine(*, actor: Actor, contribution_id: UUID) -> Contribution:
    require_permission(actor, Permission.REPORT_CONTRIBUTE)
    found = (
        Contribution.objects.select_related("report", "agency")
        .filter(pk=contribution_id, agency_id=actor.agency_id or _NO_AGENCY)
        .first()
    )
    if found is None:
        raise NotFound
    return found


def publication_get(*, actor: Actor, year: int, number: int) -> Publication:
    require_permission(actor, Permission.REPORT_READ)
    found = (
        Publication.objects.select_related("report")
        .filter(report__year=year, number=number)
        .first()
    )
    if found is None:
        raise NotFound
    return found


def publication_public(*, year: int) -> Publication:
    """The latest version made public: anyone may read it, signed in or not."""
    found = (
        Publication.objects.select_related("report")
        .filter(report__year=year, is_public=True)
        .order_by("-number")
        .first()
    )
    if found is None:
        raise NotFound
    return found
