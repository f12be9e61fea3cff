"""Writes of the yearly report: opening it, its sections, the partners' contributions, and
publishing. Each is one transaction, checks the policy, keeps every version and is audited."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.emails import agency_email
from safeguard.core.errors import DomainError
from safeguard.core.links import site_link
from safeguard.core.policy import Permission, require_permission
from safeguard.core.presenters import format_date
from safeguard.core.versioning import versioned_update
from safeguard.partners.models import Agency
from safeguard.reports.checks import report_check
from safeguard.reports.content import content_hash, report_content
from safeguard.reports.definition import DEFAULT_SECTIONS, QUESTIONS
from safeguard.reports.markup import markup_problems
from safeguard.reports.models import (
    Acronym,
    Contribution,
    ContributionStatus,
    ContributionVersion,
    Publication,
    Report,
    Section,
    SectionKind,
    SectionVersion,
)
from safeguard.reports.render import report_html
from safeguard.returns.codelists import year_label


def report_open(*, actor: Actor, year: int, contributions_due: dt.date, title: str = "") -> Report:
    """The report for a year, with the usual sections, and a request for a contribution to
    every partner agency."""
    require_permission(actor, Permission.REPORT_MANAGE)
    if Report.objects.filter(year=year).exists():
        raise DomainError(f"The report for {year_label(year)} is already open", field="year")
    with transaction.atomic():
        report = Report.objects.create(
            year=year,
            title=title or f"{settings.PARTNERSHIP_NAME}: annual report {year_label(year)}",
            contributions_due=contributions_due,
            opened_by=actor.person_acting(),
        )
        Section.objects.bulk_create(
            Section(
                report=report,
                key=d.key,
                title=d.title,
                kind=d.kind,
                generator=d.generator,
                position=n,
            )
            for n, d in enumerate(DEFAULT_SECTIONS)
        )
        Contribution.objects.bulk_create(
            Contribution(report=report, agency=agency, answers=[""] * len(QUESTIONS))
            for agency in Agency.objects.filter(is_partner=True)
        )
        audit_record(actor=actor, action="report_open", obj=report)
        for contribution in report.contributions.select_related("agency"):
            _tell(contribution, f"Your agency's contribution to the {report.title}", (
                f"The partnership asks {contribution.agency.name} to answer four questions for "
                f"its yearly report by {format_date(contributions_due)}."
            ))  # fmt: skip
    return report


def _tell(contribution: Contribution, subject: str, text: str) -> None:
    link = site_link("reports:contribution", args=[contribution.pk])
    agency_email(
        agency=contribution.agency,
        permission=Permission.REPORT_CONTRIBUTE,
        subject=subject,
        body=f"{text}\n\nWrite or change your answers here: {link}",
    )


def _check_markup(text: str, field: str) -> None:
    problems = markup_problems(text)
    if problems:
        raise DomainError(problems[0], field=field)


def section_add(*, actor: Actor, report: Report, title: str) -> Section:
    require_permission(actor, Permission.REPORT_MANAGE)
    if not title.strip():
        raise DomainError("Enter the section's title", field="title")
    key = slugify(title)[:32] or "section"
    with transaction.atomic():
        taken = set(report.sections.values_list("key", flat=True))
        unique, n = key, 2
        while unique in taken:
            unique, n = f"{key}-{n}", n + 1
        last = report.sections.aggregate(p=Max("position"))["p"]
        section = Section.objects.create(
            report=report,
            key=unique,
            title=title.strip(),
            kind=SectionKind.NARRATIVE,
            position=(last or 0) + 1,
        )
        audit_record(actor=actor, action="section_add", obj=section)
    return section


def section_edit(
    *, actor: Actor, section: Section, title: str, body: str, seen_version: int
) -> Section:
    """Saves the officer's text as a new version; refuses if someone saved since it was read."""
    require_permission(actor, Permission.REPORT_MANAGE)
    if not title.strip():
        raise DomainError("Enter the section's title", field="title")
    _check_markup(body, "body")
    with transaction.atomic():
        section = versioned_update(
            section, seen_version=seen_version, title=title.strip(), body=body
        )
        SectionVersion.objects.create(
            section=section,
            number=section.version,
            title=section.title,
            body=body,
            author=actor.person_acting(),
        )
        audit_record(actor=actor, action="section_edit", obj=section)
    return section


def section_remove(*, actor: Actor, section: Section, seen_version: int) -> None:
    require_permission(actor, Permission.REPORT_MANAGE)
    with transaction.atomic():
        deleted, _ = Section.objects.filter(pk=section.pk, version=seen_version).delete()
        if not deleted:
            raise DomainError("Someone changed this section since you opened the page")
        audit_record(actor=actor, action="section_remove", obj=section)


def section_move(*, actor: Actor, section: Section, up: bool) -> None:
    """Swaps the section with its neighbour."""
    require_permission(actor, Permission.REPORT_MANAGE)
    with transaction.atomic():
        ordered = list(Section.objects.select_for_update().filter(report_id=section.report_id))
        index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, s in enumerate(ordered):
            Section.objects.filter(pk=s.pk).update(position=position)
        audit_record(actor=actor, action="section_move", obj=section, changes={"up": up})


def _version(contribution: Contribution, actor: Actor, note: str = "") -> None:
    ContributionVersion.objects.create(
        contribution=contribution,
        number=contribution.version,
        status=contribution.status,
        answers=contribution.answers,
        note=note,
        author=actor.person_acting(),
    )


def contribution_save(
    *, actor: Actor, contribution: Contribution, answers: list[str], seen_version: int
) -> Contribution:
    """A partner's answers, sent for review. `contribution` comes from a selector scoped to the
    actor's agency."""
    require_permission(actor, Permission.REPORT_CONTRIBUTE)
    if contribution.agency_id != actor.agency_id:
        raise DomainError("Only the agency's own staff can write its contribution")
    if contribution.status == ContributionStatus.APPROVED:
        raise DomainError("This contribution has been approved and can no longer be changed")
    if len(answers) != len(QUESTIONS):
        raise DomainError("Answer each question")
    if not any(a.strip() for a in answers):
        raise DomainError("Answer at least one question", field="answer_1")
    for n, answer in enumerate(answers, 1):
        _check_markup(answer, f"answer_{n}")
    with transaction.atomic():
        contribution = versioned_update(
            contribution,
            seen_version=seen_version,
            answers=[a.strip() for a in answers],
            status=ContributionStatus.SUBMITTED,
        )
        _version(contribution, actor)
        audit_record(actor=actor, action="contribution_submit", obj=contribution)
    return contribution


def contribution_review(
    *, actor: Actor, contribution: Contribution, approve: bool, note: str, seen_version: int
) -> Contribution:
    require_permission(actor, Permission.REPORT_MANAGE)
    if contribution.status != ContributionStatus.SUBMITTED:
        raise DomainError("Only a contribution sent for review can be approved or returned")
    if not approve and not note.strip():
        raise DomainError("Say what the agency should change", field="note")
    with transaction.atomic():
        contribution = versioned_update(
            contribution,
            seen_version=seen_version,
            status=ContributionStatus.APPROVED if approve else ContributionStatus.CHANGES,
            officer_note=note.strip(),
        )
        _version(contribution, actor, note.strip())
        if not approve:
            _tell(contribution, "Changes asked to your yearly report contribution", (
                f"The partnership officer asks for changes: {note.strip()}"
            ))  # fmt: skip
        audit_record(
            actor=actor,
            action="contribution_approve" if approve else "contribution_return",
            obj=contribution,
        )
    return contribution


def report_publish(
    *, actor: Actor, report: Report, note: str = "", make_public: bool = False
) -> Publication:
    """Freezes every figure and text with its hash. A report that fails the consistency check
    is not published; a later version is a correction and says what changed."""
    require_permission(actor, Permission.REPORT_MANAGE)
    content = report_content(report)
    problems = report_check(content, report_html(content))
    if problems:
        raise DomainError(
            f"The report fails {len(problems)} consistency check"
            f"{'s' if len(problems) > 1 else ''}: put them right, then publish"
        )
    digest = content_hash(content)
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()
        last = report.publications.order_by("-number").first()
        if last is not None and last.content_hash == digest:
            raise DomainError(f"Nothing has changed since version {last.number}")
        if last is not None and not note.strip():
            raise DomainError("Say what this correction changes", field="note")
        changed = _changed_sections(last.content if last else None, content)
        publication = Publication.objects.create(
            report=report,
            number=(last.number + 1) if last else 1,
            content=content,
            content_hash=digest,
            note=note.strip() + (f" Sections changed: {', '.join(changed)}." if last else ""),
            published_by=actor.person_acting(),
            published_at=timezone.now(),
            is_public=make_public,
        )
        audit_record(
            actor=actor, action="report_publish", obj=publication, changes={"hash": digest}
        )
    return publication


def _changed_sections(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    if before is None:
        return []
    earlier = {s["key"]: s for s in before["sections"]}
    return [s["title"] for s in after["sections"] if earlier.get(s["key"]) != s] + [
        f"{s['title']} (removed)"
        for key, s in earlier.items()
        if key not in {x["key"] for x in after["sections"]}
    ]


def publication_make_public(*, actor: Actor, publication: Publication, public: bool) -> None:
    require_permission(actor, Permission.REPORT_MANAGE)
    with transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(is_public=public)
        audit_record(
            actor=actor, action="publication_public", obj=publication, changes={"public": public}
        )


def acronyms_add(*, actor: Actor, entries: Iterable[tuple[str, str]]) -> int:
    require_permission(actor, Permission.REPORT_MANAGE)
    added = 0
    with transaction.atomic():
        for acronym, meaning in entries:
            found, created = Acronym.objects.update_or_create(
                acronym=acronym.strip(), defaults={"meaning": meaning.strip()}
            )
            audit_record(actor=actor, action="acronym_add", obj=found)
            added += created
    return added
