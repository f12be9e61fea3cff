"""Opening, writing, contributing, reviewing and publishing the yearly report."""

import pytest
from django.core.exceptions import PermissionDenied

from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.reports.definition import DEFAULT_SECTIONS, QUESTIONS
from safeguard.reports.models import ContributionStatus, Publication, SectionVersion
from safeguard.reports.selectors import contribution_mine
from safeguard.reports.services import (
    acronyms_add,
    contribution_review,
    contribution_save,
    report_publish,
    section_add,
    section_edit,
    section_move,
    section_remove,
)
from safeguard.reports.tests.conftest import write_every_section

ANSWERS = ["We audit **every** case.", "Audits.", "More training.", "A thank-you card."]


def test_opening_a_report_makes_its_sections_and_asks_every_partner(report, agency, other_agency):
    assert [s.key for s in report.sections.order_by("position")] == [
        d.key for d in DEFAULT_SECTIONS
    ]
    asked = set(report.contributions.values_list("agency_id", flat=True))
    assert {agency.pk, other_agency.pk} <= asked
    assert all(len(c.answers) == len(QUESTIONS) for c in report.contributions.all())


def test_a_section_keeps_every_version_and_refuses_a_stale_edit(officer, report):
    section = report.sections.get(key="foreword")
    section_edit(actor=officer, section=section, title="Foreword", body="One.", seen_version=1)
    section_edit(actor=officer, section=section, title="Foreword", body="Two.", seen_version=2)
    with pytest.raises(ConflictError):
        section_edit(actor=officer, section=section, title="Foreword", body="Lost", seen_version=2)
    bodies = list(SectionVersion.objects.filter(section=section).values_list("body", flat=True))
    assert bodies == ["Two.", "One."]


def test_a_section_with_a_script_is_refused(officer, report):
    section = report.sections.get(key="foreword")
    with pytest.raises(DomainError, match="HTML is not allowed"):
        section_edit(
            actor=officer, section=section, title="Foreword", body="<script>x</script>",
            seen_version=1,
        )  # fmt: skip


def test_sections_are_added_moved_and_removed(officer, report):
    added = section_add(actor=officer, report=report, title="Foreword")  # a second one
    assert added.key == "foreword-2"
    section_move(actor=officer, section=report.sections.get(key="governance"), up=True)
    assert list(report.sections.order_by("position").values_list("key", flat=True))[:2] == [
        "governance",
        "foreword",
    ]
    with pytest.raises(DomainError):
        section_remove(actor=officer, section=added, seen_version=added.version + 1)
    section_remove(actor=officer, section=added, seen_version=added.version)
    assert not report.sections.filter(key="foreword-2").exists()


def test_a_partner_writes_only_its_own_agencys_contribution(partner, report, agency, other_agency):
    own = report.contributions.get(agency=agency)
    theirs = report.contributions.get(agency=other_agency)
    saved = contribution_save(
        actor=partner, contribution=own, answers=ANSWERS, seen_version=own.version
    )
    assert saved.status == ContributionStatus.SUBMITTED
    with pytest.raises(NotFound):
        contribution_mine(actor=partner, contribution_id=theirs.pk)
    with pytest.raises(DomainError):
        contribution_save(actor=partner, contribution=theirs, answers=ANSWERS, seen_version=1)


def test_the_officer_asks_for_changes_then_approves_and_every_version_is_kept(
    officer, partner, report, agency
):
    own = report.contributions.get(agency=agency)
    own = contribution_save(actor=partner, contribution=own, answers=ANSWERS, seen_version=1)
    with pytest.raises(DomainError, match="Say what"):
        contribution_review(
            actor=officer, contribution=own, approve=False, note="", seen_version=own.version
        )
    own = contribution_review(
        actor=officer, contribution=own, approve=False, note="Add a quote", seen_version=2
    )
    own = contribution_save(actor=partner, contribution=own, answers=ANSWERS, seen_version=3)
    own = contribution_review(
        actor=officer, contribution=own, approve=True, note="", seen_version=4
    )
    assert own.status == ContributionStatus.APPROVED
    assert [v.status for v in own.versions.order_by("number")] == [
        "submitted",
        "changes",
        "submitted",
        "approved",
    ]
    with pytest.raises(DomainError, match="approved"):
        contribution_save(actor=partner, contribution=own, answers=ANSWERS, seen_version=5)


def test_a_partner_cannot_manage_the_report(partner, report):
    with pytest.raises(PermissionDenied):
        section_add(actor=partner, report=report, title="Ours")


def _publishable(officer, report):
    write_every_section(officer, report)
    for key in ("demographics", "performance", "budget", "achievements", "glossary"):
        section = report.sections.get(key=key)
        section_remove(actor=officer, section=section, seen_version=section.version)
    acronyms_add(actor=officer, entries=[("MASH", "Multi-Agency Safeguarding Hub")])


def test_a_report_failing_the_check_is_not_published(officer, report):
    with pytest.raises(DomainError, match="consistency check"):
        report_publish(actor=officer, report=report)
    assert not Publication.objects.exists()


def test_publishing_freezes_the_content_with_its_hash_and_a_correction_says_what_changed(
    officer, report
):
    _publishable(officer, report)
    first = report_publish(actor=officer, report=report)
    assert (first.number, len(first.content_hash)) == (1, 64)
    with pytest.raises(DomainError, match="Nothing has changed since version 1"):
        report_publish(actor=officer, report=report, note="Again")
    section = report.sections.get(key="foreword")
    section_edit(
        actor=officer, section=section, title="Foreword", body="Corrected.", seen_version=2
    )
    with pytest.raises(DomainError, match="what this correction changes"):
        report_publish(actor=officer, report=report)
    second = report_publish(actor=officer, report=report, note="The foreword is corrected.")
    assert second.number == 2
    assert second.note == "The foreword is corrected. Sections changed: Foreword."
    first.refresh_from_db()
    assert "Corrected." not in str(first.content)  # the first version stays as published


def test_opening_the_report_emails_each_agencys_contributors_a_link(
    officer, partner, mailoutbox, django_capture_on_commit_callbacks
):
    import datetime as dt

    from safeguard.reports.services import report_open

    with django_capture_on_commit_callbacks(execute=True):
        report = report_open(actor=officer, year=2019, contributions_due=dt.date(2030, 5, 31))
    (mail,) = mailoutbox  # the police's information officer; the officer's council has none
    assert mail.to == [partner.user.email]
    contribution = report.contributions.get(agency=partner.agency)
    assert f"/reports/contributions/{contribution.pk}/" in mail.body
    assert "by 31 May 2030" in mail.body


def test_asking_for_changes_emails_the_agency_with_the_note(
    officer, partner, report, agency, mailoutbox, django_capture_on_commit_callbacks
):
    own = report.contributions.get(agency=agency)
    own = contribution_save(actor=partner, contribution=own, answers=ANSWERS, seen_version=1)
    with django_capture_on_commit_callbacks(execute=True):
        contribution_review(
            actor=officer, contribution=own, approve=False, note="Add a quote", seen_version=2
        )
    assert "Add a quote" in mailoutbox[-1].body
