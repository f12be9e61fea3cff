import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from safeguard.core.models import AccessLogEntry
from safeguard.mash.models import InformationRequest
from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import PDF, draft
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.partners.views.sign_in import MFA_VERIFIED
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class TestAnswering:
    def test_a_health_officer_answers_with_a_file(self, officer, actor_for, council):
        from safeguard.mash.services import requests as request_services
        from safeguard.mash.services import triage

        mash = actor_for(UserFactory(agency=council, roles=[Role.MASH_PRACTITIONER]))
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        triage.notification_set_rag(
            actor=mash, notification_id=notification.pk, seen_version=1, rag="amber", rationale="x"
        )
        health_agency = AgencyFactory(name="Community health")
        request = request_services.information_request_send(
            actor=mash,
            notification_id=notification.pk,
            seen_version=2,
            agency_ids=[health_agency.pk],
            question="Known to you?",
        )[0]
        health = UserFactory(agency=health_agency, roles=[Role.PARTNER_INFORMATION_OFFICER])

        client = Client()
        client.force_login(health, backend="safeguard.partners.auth.EmailBackend")
        session = client.session
        session[MFA_VERIFIED] = True
        session.save()
        page = page_text(client.get(f"/mash/requests/{request.pk}/"))
        assert "Known to you?" in page and "Ava Patel" in page
        assert "hungry" not in page  # the notification itself is not shared
        response = client.post(
            f"/mash/requests/{request.pk}/",
            {
                "version": "1",
                "known_to_service": "yes",
                "current_involvement": "no",
                "text": "Seen in clinic",
                "attachments": [SimpleUploadedFile("clinic.pdf", PDF, "application/pdf")],
            },
        )
        assert response.headers["Location"] == "/mash/requests/"
        request = InformationRequest.objects.get()
        attachment = request.answer.attachments.get()
        download = client.get(f"/mash/attachments/{attachment.pk}/")
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
        assert AccessLogEntry.objects.filter(action="export").exists()
        answered = page_text(client.get(f"/mash/requests/{request.pk}/"))
        assert f"by {health.full_name}" in answered and health.email not in answered


def test_a_request_shows_the_child_as_the_mash_confirmed_them(officer, actor_for, council, sign_in):
    """The referrer knew only a first name; once the MASH links the child, the partner asked
    sees the index's record, not 'date of birth not known'."""
    from safeguard.mash.services import requests as request_services
    from safeguard.mash.services import triage
    from safeguard.mash.services.submit import ChildDetails

    mash = actor_for(UserFactory(agency=council, roles=[Role.MASH_PRACTITIONER]))
    notification = notification_submit(
        actor=actor_for(officer), draft=draft(children=[ChildDetails(given_name="Ava")])
    )
    person = PersonFactory(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1))
    triage.notification_link_child(
        actor=mash,
        notification_id=notification.pk,
        seen_version=1,
        child_id=notification.children.get().pk,
        person_id=person.pk,
    )
    triage.notification_set_rag(
        actor=mash, notification_id=notification.pk, seen_version=2, rag="amber", rationale="x"
    )
    health_agency = AgencyFactory(name="Community health")
    request = request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=3,
        agency_ids=[health_agency.pk],
        question="Known to you?",
    )[0]
    client = sign_in(UserFactory(agency=health_agency, roles=[Role.PARTNER_INFORMATION_OFFICER]))
    page = page_text(client.get(f"/mash/requests/{request.pk}/"))
    assert "Ava Patel, born 1 June 2015" in page
    assert "The MASH has confirmed this child's record" in page
