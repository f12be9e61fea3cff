"""Partners and the MASH are told, by email, when something reaches them; no email names a
child, and every link is built from the site setting."""

import pytest

from safeguard.mash.services import decisions, requests
from safeguard.mash.tests.factories import triaged

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://safeguard.example"


def _ask(mash, health, notification):
    return requests.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.agency.pk],
        question="Is Ava Patel known to you?",
    )[0]


def _no_one_named(message) -> None:
    for words in ("Ava", "Patel", "hungry", "known to you"):
        assert words not in message.body and words not in message.subject


def test_an_agency_asked_for_information_is_told_with_a_link(
    police, mash, health, django_capture_on_commit_callbacks, mailoutbox
):
    notification = triaged(police, mash)
    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(mash, health, notification)
    [message] = mailoutbox
    assert message.to == [health.user.email]
    assert f"https://safeguard.example/mash/requests/{request.pk}/" in message.body
    _no_one_named(message)


def test_the_mash_is_told_of_an_answer_and_the_referrer_of_the_decision(
    police, mash, manager, health, django_capture_on_commit_callbacks, mailoutbox
):
    notification = triaged(police, mash)
    request = _ask(mash, health, notification)
    with django_capture_on_commit_callbacks(execute=True):
        requests.information_request_answer(
            actor=health,
            request_id=request.pk,
            seen_version=request.version,
            known_to_service="no",
            current_involvement=False,
            text="Not known to us",
        )
    # Nobody is assigned: the worker who sent the request is told, not the whole MASH.
    assert [m.to for m in mailoutbox] == [[mash.user.email]]
    notification.refresh_from_db()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.notification_decide(
            actor=manager,
            notification_id=notification.pk,
            seen_version=notification.version,
            outcome="nfa",
            onward_referrals=[],
            threshold_level=1,
            rationale="Known, no current concerns",
            lawful_basis_confirmed=True,
        )
    [message] = mailoutbox
    assert message.to == [police.user.email]
    assert f"https://safeguard.example/mash/sent/{notification.pk}/" in message.body
    _no_one_named(message)


def test_an_answer_goes_to_the_assigned_worker_only(
    police, mash, manager, health, django_capture_on_commit_callbacks, mailoutbox
):
    from safeguard.mash.services import triage

    notification = triaged(police, mash)
    triage.notification_assign(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        worker_id=manager.user_id,
    )
    notification.refresh_from_db()
    request = _ask(mash, health, notification)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        requests.information_request_answer(
            actor=health,
            request_id=request.pk,
            seen_version=request.version,
            known_to_service="no",
            current_involvement=False,
            text="Not known to us",
        )
    assert [m.to for m in mailoutbox] == [[manager.user.email]]
