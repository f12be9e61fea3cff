import pytest

from safeguard.mash.models import Notification
from safeguard.mash.services import requests as request_services
from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import draft, triaged
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrer(officer, actor_for):
    """The referrer as the services see them (`police` here is their signed-in browser)."""
    return actor_for(officer)


@pytest.fixture
def manager_client(make_user, sign_in, council):
    return sign_in(make_user(Role.MASH_MANAGER, agency=council))


def _answers(notification, **overrides):
    values = {
        "version": str(notification.version),
        "outcome": "early_help",
        "threshold_level": "2",
        "rationale": "Family needs support.\nNo significant harm.",
        "lawful_basis_confirmed": "yes",
        "next_steps": "The family support team will call the family this week.",
        "allocated_team": "Family Support North",
        "contact": "fsn@example.org",
        "step": "check",
    }
    return values | overrides


def test_the_decision_page_says_what_must_happen_first_before_any_form(referrer, manager_client):
    notification = notification_submit(actor=referrer, draft=draft())
    page = page_text(manager_client.get(f"/mash/notifications/{notification.pk}/decision/"))
    assert "The decision cannot be recorded yet" in page
    assert "Set the RAG rating" in page
    assert "Confirm which person in the people index Ava Patel, born 1 June 2015 is" in page
    assert 'name="outcome"' not in page


def test_an_open_request_is_named_before_the_form(referrer, mash, health, manager_client):
    notification = triaged(referrer, mash)
    request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.agency.pk],
        question="Known to you?",
    )
    page = page_text(manager_client.get(f"/mash/notifications/{notification.pk}/decision/"))
    assert "Wait for the answer from Community health, or withdraw the request" in page


def test_an_outcome_at_a_level_it_cannot_have_is_refused_before_the_check(
    referrer, mash, manager_client
):
    notification = triaged(referrer, mash)
    url = f"/mash/notifications/{notification.pk}/decision/"
    page = page_text(
        manager_client.post(url, _answers(notification, outcome="strategy", threshold_level="1"))
    )
    assert "There is a problem" in page
    assert "Strategy discussion (section 47) needs level 4 of need" in page
    assert not Notification.objects.get(pk=notification.pk).decided_at


def test_a_rationale_too_long_is_refused_in_govuk_words(referrer, mash, manager_client):
    notification = triaged(referrer, mash)
    url = f"/mash/notifications/{notification.pk}/decision/"
    page = page_text(manager_client.post(url, _answers(notification, rationale="x" * 5001)))
    assert "Rationale must be 5,000 characters or less" in page


def test_the_decision_is_checked_then_recorded_and_can_be_changed_in_between(
    referrer, mash, manager_client
):
    notification = triaged(referrer, mash)
    url = f"/mash/notifications/{notification.pk}/decision/"
    check = page_text(manager_client.post(url, _answers(notification)))
    assert "Check the decision before you record it" in check
    assert "Family needs support.<br>No significant harm." in check
    assert not Notification.objects.get(pk=notification.pk).decided_at
    change = page_text(manager_client.post(url, _answers(notification, step="change")))
    assert 'value="check"' in change and "Family needs support." in change
    recorded = manager_client.post(url, _answers(notification, step="record"))
    assert recorded.headers["Location"] == f"/mash/notifications/{notification.pk}/"
    assert Notification.objects.get(pk=notification.pk).decision.outcome == "early_help"


def test_the_referrer_sees_next_steps_team_contact_and_what_they_sent(
    referrer, mash, manager_client, police
):
    notification = triaged(referrer, mash)
    url = f"/mash/notifications/{notification.pk}/decision/"
    manager_client.post(url, _answers(notification, step="record"))
    page = page_text(police.get(f"/mash/sent/{notification.pk}/"))
    assert "The family support team will call the family this week." in page
    assert "Family Support North" in page and "fsn@example.org" in page
    assert "What you sent" in page
    assert "Child came to school hungry and without a coat for a week" in page
    assert "Neglect" in page
    assert "Needs support" not in page  # the MASH's rationale stays with the MASH
