"""Partners submit figures with evidence, correct them before approval, and the officer
approves or returns them; bad values and closed rounds are refused."""

import pytest
from django.core.exceptions import PermissionDenied

from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.models import AuditEvent
from safeguard.scorecard.models import SubmissionStatus
from safeguard.scorecard.services import (
    indicator_save,
    round_close,
    round_open,
    submission_review,
    submission_save,
)
from safeguard.scorecard.tests.conftest import D, ask, submitted_indicator


def test_a_partner_submits_a_value_with_evidence_and_it_is_audited(partner, asked):
    submission = submission_save(
        actor=partner, ask=ask(partner, asked), value=D("12"), evidence="MARAC minutes"
    )
    assert (submission.value, submission.status) == (D("12"), SubmissionStatus.SUBMITTED)
    assert AuditEvent.objects.filter(action="submission_add", object_id=str(submission.pk))


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("SUPERVISION", "100.5", "A percentage cannot be more than 100"),
        ("MARAC_CASES", "-1", "The value cannot be negative"),
        ("MARAC_CASES", "2.5", "A number of cases must be a whole number"),
    ],
)
def test_values_outside_the_units_range_are_refused(partner, asked, code, value, message):
    with pytest.raises(DomainError, match=message):
        submission_save(actor=partner, ask=ask(partner, asked, code), value=D(value), evidence="x")


def test_evidence_is_required(partner, asked):
    with pytest.raises(DomainError, match="Say where the figure comes from"):
        submission_save(actor=partner, ask=ask(partner, asked), value=D("3"), evidence="  ")


def test_a_correction_needs_the_version_seen_and_a_stale_one_is_refused(partner, asked):
    first = submission_save(actor=partner, ask=ask(partner, asked), value=D("3"), evidence="a")
    submission_save(
        actor=partner, ask=ask(partner, asked), value=D("4"), evidence="b", seen_version=1
    )
    with pytest.raises(ConflictError):
        submission_save(
            actor=partner, ask=ask(partner, asked), value=D("5"), evidence="c", seen_version=1
        )
    first.refresh_from_db()
    assert (first.value, first.version) == (D("4"), 2)


def test_an_approved_value_can_no_longer_be_changed(officer, partner, asked):
    saved = submission_save(actor=partner, ask=ask(partner, asked), value=D("3"), evidence="a")
    submission_review(actor=officer, submission=saved, approve=True, note="", seen_version=1)
    with pytest.raises(DomainError, match="approved"):
        submission_save(actor=partner, ask=ask(partner, asked), value=D("9"), evidence="b")


def test_returning_a_value_needs_a_note_and_lets_the_partner_correct_it(officer, partner, asked):
    saved = submission_save(actor=partner, ask=ask(partner, asked), value=D("3"), evidence="a")
    with pytest.raises(DomainError, match="correct"):
        submission_review(actor=officer, submission=saved, approve=False, note="", seen_version=1)
    returned = submission_review(
        actor=officer, submission=saved, approve=False, note="Check Q4", seen_version=1
    )
    assert returned.status == SubmissionStatus.RETURNED
    corrected = submission_save(
        actor=partner, ask=ask(partner, asked), value=D("4"), evidence="b", seen_version=2
    )
    assert corrected.status == SubmissionStatus.SUBMITTED


def test_a_value_for_a_closed_round_is_refused(officer, partner, asked):
    round_close(actor=officer, collection_round=asked)
    with pytest.raises(DomainError, match="closed"):
        submission_save(actor=partner, ask=ask(partner, asked), value=D("3"), evidence="a")


def test_a_partner_cannot_review_and_an_officer_cannot_submit(officer, partner, asked):
    saved = submission_save(actor=partner, ask=ask(partner, asked), value=D("3"), evidence="a")
    with pytest.raises(PermissionDenied):
        submission_review(actor=partner, submission=saved, approve=True, note="", seen_version=1)
    with pytest.raises((PermissionDenied, NotFound)):
        ask(officer, asked)


def test_a_round_asks_only_for_submitted_figures(officer, agency):
    computed = indicator_save(
        actor=officer,
        code="NOTIFICATIONS",
        name="Notifications",
        definition="x",
        unit="count",
        higher_is_better=None,
        period="year",
        theme="front_door",
        source_kind="computed",
        computed_key="mash.notifications",
    )
    with pytest.raises(DomainError, match="not collected from partners"):
        round_open(
            actor=officer,
            year=2017,
            quarter=None,
            due_on=None,
            agencies=[agency],
            indicators=[computed],
        )


def test_an_unknown_computation_and_an_ownerless_submitted_percentage_are_refused(officer):
    with pytest.raises(DomainError, match="not a computation"):
        indicator_save(
            actor=officer,
            code="X",
            name="X",
            definition="x",
            unit="count",
            higher_is_better=None,
            period="year",
            theme="journey",
            source_kind="computed",
            computed_key="no.such",
        )
    with pytest.raises(DomainError, match="one owner agency"):
        submitted_indicator(officer, "PCT", unit="percent")


def test_opening_a_round_emails_each_asked_agencys_submitters(
    officer, partner, agency, mailoutbox, django_capture_on_commit_callbacks
):
    import datetime as dt

    with django_capture_on_commit_callbacks(execute=True):
        round_open(
            actor=officer, year=2017, quarter=2, due_on=dt.date(2030, 1, 31), agencies=[agency],
            indicators=[submitted_indicator(officer)],
        )  # fmt: skip
    (mail,) = mailoutbox
    assert mail.to == [partner.user.email]
    assert "2017-18 Q2" in mail.subject and "/scorecard/due/" in mail.body
