"""The MASH flow through the partner API: submit, answer a request, follow the outcome."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from safeguard.mash.models import Notification
from safeguard.mash.services import decisions, requests, triage
from safeguard.mash.tests.factories import PDF
from safeguard.partners.roles import Role
from safeguard.partners.services import api_key_create
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NOTIFICATION = {
    "children": [{"given_name": "Ava", "family_name": "Patel", "date_of_birth": "2015-06-01"}],
    "concerns": ["neglect"],
    "what_happened": "Came to school hungry every day this week",
    "risk_now": "At school until 3pm",
    "consent_sought": "not_sought",
    "consent_not_sought_reason": "increase_risk",
    "lawful_basis": "public_task",
    "sharing_decided_by": "Jo Smith, DSL",
    "referrer_name": "PC Ali",
    "referrer_contact": "0207 000 0000",
}


def _client(agency):
    return Client(headers={"Authorization": f"Bearer {api_key_create(agency=agency)[1]}"})


def test_the_whole_flow_through_the_api(actor_for):
    police, health = AgencyFactory(kind="police"), AgencyFactory(kind="acute_trust")
    police_api, health_api = _client(police), _client(health)

    sent = police_api.post(
        "/api/v1/notifications", json.dumps(NOTIFICATION), content_type="application/json"
    )
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert body["reference"].startswith("MASH-") and body["status"] == "received"

    council = AgencyFactory(kind="la_childrens_services")
    mash = actor_for(UserFactory(agency=council, roles=[Role.MASH_MANAGER]))
    notification = Notification.objects.get(pk=body["id"])
    child = notification.children.get()
    triage.notification_link_child(
        actor=mash,
        notification_id=notification.pk,
        seen_version=1,
        child_id=child.pk,
        person_id=PersonFactory().pk,
    )
    triage.notification_set_rag(
        actor=mash,
        notification_id=notification.pk,
        seen_version=2,
        rag="amber",
        rationale="Neglect, no immediate harm",
    )
    triage.notification_consider_consent(
        actor=mash, notification_id=notification.pk, seen_version=3, consideration="Justified"
    )
    requests.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=4,
        agency_ids=[health.pk],
        question="Known to the hospital?",
    )

    listed = health_api.get("/api/v1/information-requests").json()
    assert [r["question"] for r in listed] == ["Known to the hospital?"]
    assert listed[0]["children"][0]["family_name"] == "Patel"
    assert "what_happened" not in json.dumps(listed)
    answer = health_api.post(
        f"/api/v1/information-requests/{listed[0]['id']}/answer",
        {
            "version": listed[0]["version"],
            "known_to_service": "yes",
            "current_involvement": "false",
            "text": "A&E attendance in March",
            "attachments": [SimpleUploadedFile("discharge.pdf", PDF, "application/pdf")],
        },
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["attachments"] == ["discharge.pdf"]

    notification.refresh_from_db()
    decisions.notification_decide(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        outcome="early_help",
        onward_referrals=[],
        threshold_level=2,
        rationale="Family support needed",
        lawful_basis_confirmed=True,
    )
    followed = police_api.get(f"/api/v1/notifications/{notification.pk}").json()
    assert (followed["status"], followed["outcome"]) == ("decided", "early_help")


def test_another_agencys_notification_is_404():
    mine, theirs = AgencyFactory(), AgencyFactory()
    sent = (
        _client(theirs)
        .post("/api/v1/notifications", json.dumps(NOTIFICATION), content_type="application/json")
        .json()
    )
    assert _client(mine).get(f"/api/v1/notifications/{sent['id']}").status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"children": []}, "children"),
        ({"concerns": ["not-a-concern"]}, "concerns"),
        ({"consent_not_sought_reason": ""}, "consent_not_sought_reason"),
        ({"lawful_basis": "consent"}, "lawful_basis"),
        ({"what_happened": "   "}, "what_happened"),
    ],
)
def test_the_api_refuses_what_the_form_refuses_with_the_field(change, field):
    response = _client(AgencyFactory()).post(
        "/api/v1/notifications",
        json.dumps({**NOTIFICATION, **change}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert field in json.dumps(response.json()["detail"])
    assert not Notification.objects.exists()


def test_an_answer_with_a_renamed_file_is_refused(actor_for):
    agency = AgencyFactory()
    police = actor_for(UserFactory(roles=[Role.PARTNER_PRACTITIONER]))
    from safeguard.mash.services.submit import notification_submit
    from safeguard.mash.tests.factories import draft

    notification = notification_submit(actor=police, draft=draft())
    mash = actor_for(UserFactory(roles=[Role.MASH_PRACTITIONER]))
    triage.notification_set_rag(
        actor=mash, notification_id=notification.pk, seen_version=1, rag="green", rationale="x"
    )
    request = requests.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=2,
        agency_ids=[agency.pk],
        question="Known?",
    )[0]
    response = _client(agency).post(
        f"/api/v1/information-requests/{request.pk}/answer",
        {
            "version": 1,
            "known_to_service": "no",
            "current_involvement": "false",
            "text": "No",
            "attachments": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\0" * 60)],
        },
    )
    assert response.status_code == 422
    assert "must be a PDF" in json.dumps(response.json())
