"""The pages that put things right: a wrong child link, a wrong decision, and a red decision
that cannot wait for requests still open."""

import pytest

from safeguard.mash.models import ChildRelink, Decision, DecisionCorrection
from safeguard.mash.services import requests as request_services
from safeguard.mash.services import triage
from safeguard.mash.tests.factories import decide, siblings_ready, triaged
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrer(officer, actor_for):
    return actor_for(officer)


@pytest.fixture
def manager_client(make_user, sign_in, council):
    return sign_in(make_user(Role.MASH_MANAGER, agency=council))


@pytest.fixture
def decided(referrer, mash, manager):
    return decide(manager, triaged(referrer, mash), rationale="Needs support")


def _correction(notification, **overrides):
    values = {
        "version": str(notification.version),
        "outcome": "assessment",
        "threshold_level": "3",
        "rationale": "Needs a social work assessment",
        "next_steps": "A social worker will visit",
        "reason": "The level of need was misread",
        "step": "check",
    }
    return values | overrides


def test_a_decided_notification_offers_the_manager_both_corrections(decided, manager_client):
    page = page_text(manager_client.get(f"/mash/notifications/{decided.pk}/"))
    assert "Correct the decision" in page
    child = decided.children.get()
    assert f"/children/{child.pk}/correct-link/" in page
    assert 'Correct the link<span class="govuk-visually-hidden"> for Ava Patel</span>' in page


def test_a_practitioner_is_offered_neither_correction(decided, make_user, sign_in, council):
    client = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
    page = page_text(client.get(f"/mash/notifications/{decided.pk}/"))
    assert "Correct the decision" not in page and "correct-link" not in page


def test_the_correction_is_checked_then_recorded_and_the_referrer_sees_it(
    decided, manager_client, police
):
    url = f"/mash/notifications/{decided.pk}/decision/correct/"
    form = page_text(manager_client.get(url))
    assert "Correct the decision" in form and "Needs support" in form  # the decision as it is
    check = page_text(manager_client.post(url, _correction(decided)))
    assert "Check the correction before you record it" in check
    assert "The level of need was misread" in check
    done = manager_client.post(url, _correction(decided, step="record"))
    assert done.status_code == 302
    assert Decision.objects.get().outcome == "assessment"
    assert DecisionCorrection.objects.get().outcome == "early_help"
    feedback = page_text(police.get(f"/mash/sent/{decided.pk}/"))
    assert "Referral to children's social care for assessment" in feedback
    assert "The outcome was: Early help or key work" in feedback
    assert "misread" not in feedback  # the MASH's reason stays with the MASH


def test_an_inconsistent_correction_shows_the_error_against_its_field(decided, manager_client):
    url = f"/mash/notifications/{decided.pk}/decision/correct/"
    page = page_text(
        manager_client.post(url, _correction(decided, outcome="strategy", threshold_level="1"))
    )
    assert "There is a problem" in page and 'href="#id_threshold_level' in page
    assert not DecisionCorrection.objects.exists()


def test_an_undecided_notification_has_no_decision_to_correct(referrer, mash, manager_client):
    notification = triaged(referrer, mash)
    response = manager_client.get(f"/mash/notifications/{notification.pk}/decision/correct/")
    assert response.status_code == 302


def test_the_link_page_lists_the_candidates_and_moves_the_child(decided, manager_client):
    child = decided.children.get()
    url = f"/mash/notifications/{decided.pk}/children/{child.pk}/correct-link/"
    page = page_text(manager_client.get(url))
    assert "<h1" in page and "Correct the child's link" in page
    assert "None of these: record a new person" in page
    refused = page_text(manager_client.post(url, {"reason": "Wrong child"}))
    assert "There is a problem" in refused
    assert "Select the person the child is, or record a new one" in refused
    right = PersonFactory()
    done = manager_client.post(url, {"person": str(right.pk), "reason": "NHS number differs"})
    assert done.status_code == 302
    assert ChildRelink.objects.get().to_person == right


def test_the_red_decision_page_names_the_requests_it_will_close(
    referrer, mash, health, manager_client
):
    notification = triaged(referrer, mash)
    triage.notification_set_rag(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        rag="red",
        rationale="Immediate risk",
    )
    notification.refresh_from_db()
    request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.agency.pk],
        question="Known to you?",
    )
    page = page_text(manager_client.get(f"/mash/notifications/{notification.pk}/decision/"))
    assert "The decision cannot be recorded yet" not in page
    assert "The request to Community health is still open" in page
    assert "Why can the decision not wait for the open requests?" in page


def test_the_referrer_escalates_and_the_manager_answers_on_the_notification(
    decided, police, manager_client
):
    feedback = page_text(police.get(f"/mash/sent/{decided.pk}/"))
    assert "escalate it to a MASH manager" in feedback
    url = f"/mash/sent/{decided.pk}/escalate/"
    refused = page_text(police.post(url, {"reason": ""}))
    assert "Say why you disagree with the decision" in refused
    assert police.post(url, {"reason": "The school saw new bruises"}).status_code == 302
    waiting = page_text(police.get(f"/mash/sent/{decided.pk}/"))
    assert "To be answered by" in waiting and "escalate it to a MASH manager" not in waiting
    page = page_text(manager_client.get(f"/mash/notifications/{decided.pk}/"))
    assert "The school saw new bruises" in page and "Not answered yet" in page
    escalation = decided.escalations.get()
    answer = f"/mash/notifications/{decided.pk}/escalations/{escalation.pk}/answer/"
    assert manager_client.post(answer, {"response": "Looked again: it stands"}).status_code == 302
    assert "Looked again: it stands" in page_text(police.get(f"/mash/sent/{decided.pk}/"))


def test_siblings_each_get_an_outcome_question_and_the_check_names_the_one_that_differs(
    referrer, mash, manager_client
):
    notification = siblings_ready(referrer, mash)
    ava, sam = notification.children.order_by("id")
    url = f"/mash/notifications/{notification.pk}/decision/"
    form = page_text(manager_client.get(url))
    assert "Outcome for Ava Patel" in form and "Level of need for Sam Patel" in form
    answers = {
        "version": str(notification.version),
        "outcome": "early_help",
        "threshold_level": "2",
        "rationale": "Both need support",
        "next_steps": "Early help will call",
        "lawful_basis_confirmed": "yes",
        f"outcome_{sam.pk}": "assessment",
        f"level_{sam.pk}": "3",
        "step": "check",
    }
    check = page_text(manager_client.post(url, answers))
    assert "For Sam Patel" in check and "For Ava Patel" not in check
    assert f'name="outcome_{sam.pk}" value="assessment"' in check
    assert manager_client.post(url, {**answers, "step": "record"}).status_code == 302
    sam.refresh_from_db()
    ava.refresh_from_db()
    assert (sam.outcome, ava.outcome) == ("assessment", "")


def test_the_link_page_offers_the_engines_other_candidates_not_the_one_linked_now(
    referrer, mash, manager, manager_client
):
    import datetime as dt

    from safeguard.mash.services.submit import notification_submit
    from safeguard.mash.tests.factories import draft

    born = dt.date(2015, 6, 1)
    linked, other = (
        PersonFactory(given_name="Ava", family_name="Patel", date_of_birth=born, sex="F")
        for _ in range(2)
    )
    notification = notification_submit(actor=referrer, draft=draft())
    child = notification.children.get()
    triage.notification_link_child(
        actor=mash,
        notification_id=notification.pk,
        seen_version=1,
        child_id=child.pk,
        person_id=linked.pk,
    )
    url = f"/mash/notifications/{notification.pk}/children/{child.pk}/correct-link/"
    page = page_text(manager_client.get(url))
    assert f'value="{other.pk}"' in page
    assert f'value="{linked.pk}"' not in page
