import datetime as dt
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safeguard.core.models import AccessLogEntry
from safeguard.mash.models import InformationRequest, Notification
from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import PDF, draft
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def officer(make_user):
    return make_user(Role.PARTNER_PRACTITIONER)


@pytest.fixture
def police(officer, sign_in):
    return sign_in(officer)


def _walk_to_check(client, *, urgent="no"):
    assert client.post("/mash/notify/").headers["Location"] == "/mash/notify/danger/"
    response = client.post("/mash/notify/danger/", {"urgent": urgent})
    assert response.status_code == 302
    child = {
        "given_name": "Ava",
        "family_name": "Patel",
        "date_of_birth-day": "1",
        "date_of_birth-month": "6",
        "date_of_birth-year": "2015",
        "sex": "F",
    }
    assert client.post("/mash/notify/child/", child).headers["Location"] == (
        "/mash/notify/children/"
    )
    assert client.post("/mash/notify/children/", {"another": "no"}).headers["Location"] == (
        "/mash/notify/adults/"
    )
    client.post("/mash/notify/adults/", {"another": "yes"})
    client.post(
        "/mash/notify/adult/",
        {
            "given_name": "Sara",
            "family_name": "Patel",
            "relationship": "Mother",
            "lives_with_child": "yes",
        },
    )
    client.post("/mash/notify/adults/", {"another": "no"})
    client.post("/mash/notify/concerns/", {"concerns": ["neglect", "domestic_abuse"]})
    client.post(
        "/mash/notify/what-happened/",
        {"what_happened": "Arrived hungry, no coat", "risk_now": "At school until 3pm"},
    )
    response = client.post(
        "/mash/notify/sharing/",
        {
            "consent_sought": "not_sought",
            "consent_not_sought_reason": "increase_risk",
            "lawful_basis": "public_task",
            "sharing_decided_by": "Jo Smith, DSL",
        },
    )
    assert response.headers["Location"] == "/mash/notify/check/"


class TestSubmitting:
    def test_the_question_pages_lead_to_a_reference_number(self, police, officer):
        _walk_to_check(police)
        check = _page(police.get("/mash/notify/check/"))
        assert "Ava Patel" in check and "Neglect, Domestic abuse" in check
        assert "Sara Patel" in check and "Exit this page" in check
        response = police.post("/mash/notify/check/")
        notification = Notification.objects.get()
        assert response.headers["Location"] == f"/mash/notify/sent/{notification.pk}/"
        sent = _page(police.get(response.headers["Location"]))
        assert notification.reference in sent and "govuk-panel" in sent
        assert notification.submitted_by == officer
        assert list(notification.adults.values_list("relationship", flat=True)) == ["Mother"]

    def test_immediate_danger_interrupts_and_marks_it_urgent(self, police):
        police.post("/mash/notify/")
        response = police.post("/mash/notify/danger/", {"urgent": "yes"})
        assert response.headers["Location"] == "/mash/notify/call-999/"
        assert "Call 999 now" in _page(police.get("/mash/notify/call-999/"))
        _walk_to_check(police, urgent="yes")
        police.post("/mash/notify/check/")
        assert Notification.objects.get().urgent

    def test_consent_not_sought_needs_a_reason(self, police):
        page = _page(
            police.post(
                "/mash/notify/sharing/",
                {
                    "consent_sought": "not_sought",
                    "lawful_basis": "public_task",
                    "sharing_decided_by": "Jo",
                },
            )
        )
        assert "<title>Error: " in page
        assert "Select why you did not seek consent" in page
        assert 'href="#id_consent_not_sought_reason"' in page

    def test_a_child_needs_an_identifying_detail(self, police):
        page = _page(police.post("/mash/notify/child/", {"school": "St Mary's"}))
        assert "Give at least a name, a date of birth or an NHS number" in page

    def test_a_known_child_can_be_chosen_from_the_agencys_own_records(self, police, officer):
        known = PersonFactory(
            recorded_by_agency=officer.agency, given_name="Ava", family_name="Patel"
        )
        police.post("/mash/notify/")
        response = police.post("/mash/notify/child/", {"given_name": "Ava", "family_name": "Patel"})
        assert response.headers["Location"] == "/mash/notify/child/match/"
        assert "Ava Patel" in _page(police.get("/mash/notify/child/match/"))
        police.post("/mash/notify/child/match/", {"person": str(known.pk)})
        assert "matched to your agency's record" in _page(police.get("/mash/notify/children/"))

    def test_checking_an_empty_draft_explains_what_is_missing(self, police):
        police.post("/mash/notify/")
        page = _page(police.post("/mash/notify/check/"))
        assert "Add at least one child" in page
        assert not Notification.objects.exists()


class TestFeedback:
    def test_the_referrer_sees_the_status_but_not_the_mash_work(self, police, officer, actor_for):
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        page = _page(police.get(f"/mash/sent/{notification.pk}/"))
        assert notification.reference in page and "Not decided yet" in page
        assert "Request" not in page

    def test_a_colleague_who_did_not_submit_gets_404(self, officer, actor_for, make_user, sign_in):
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        colleague = sign_in(make_user(Role.PARTNER_PRACTITIONER))
        assert colleague.get(f"/mash/sent/{notification.pk}/").status_code == 404
        assert colleague.get(f"/mash/notifications/{notification.pk}/").status_code == 404


class TestMashPages:
    def test_the_queue_lists_open_work_soonest_due_first_and_logs_the_view(
        self, officer, actor_for, make_user, sign_in, council
    ):
        first = notification_submit(actor=actor_for(officer), draft=draft())
        second = notification_submit(actor=actor_for(officer), draft=draft())
        mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
        page = _page(mash.get("/mash/queue/"))
        assert page.index(first.reference) < page.index(second.reference)
        assert AccessLogEntry.objects.filter(why="Looked at the MASH queue").exists()

    def test_the_notification_page_offers_match_candidates(
        self, officer, actor_for, make_user, sign_in, council
    ):
        PersonFactory(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1))
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
        page = _page(mash.get(f"/mash/notifications/{notification.pk}/"))
        assert "Which person in the index is Ava Patel?" in page
        assert "Match</strong> over 99.9%<br>Date of birth: exact; Family name: exact" in page

    def test_a_stale_form_shows_the_conflict_and_keeps_the_newer_state(
        self, officer, actor_for, make_user, sign_in, council
    ):
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
        url = f"/mash/notifications/{notification.pk}/rag/"
        mash.post(url, {"version": "1", "rag": "red", "rationale": "Injury"})
        response = mash.post(url, {"version": "1", "rag": "green", "rationale": "Low"}, follow=True)
        assert "Someone else changed this notification" in _page(response)
        notification.refresh_from_db()
        assert notification.rag == "red"


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
        from django.test import Client

        from safeguard.partners.views.sign_in import MFA_VERIFIED

        client = Client()
        client.force_login(health, backend="safeguard.partners.auth.EmailBackend")
        session = client.session
        session[MFA_VERIFIED] = True
        session.save()
        page = _page(client.get(f"/mash/requests/{request.pk}/"))
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


class TestInsight:
    def test_the_insight_page_has_a_chart_and_table_for_each_measure(
        self, officer, actor_for, make_user, sign_in
    ):
        notification_submit(actor=actor_for(officer), draft=draft())
        client = sign_in(make_user(Role.PARTNERSHIP_OFFICER))
        page = _page(client.get("/mash/insight/"))
        assert page.count("<svg") >= 3
        assert "Notifications by source agency" in page and "Consent recorded" in page
        assert "Ava" not in page

    def test_csv_exports_escape_formulas(self, make_user, sign_in, actor_for):
        agency = AgencyFactory(name='=HYPERLINK("http://evil")')
        submitter = UserFactory(agency=agency, roles=[Role.PARTNER_PRACTITIONER])
        notification_submit(actor=actor_for(submitter), draft=draft())
        client = sign_in(make_user(Role.ANALYST))
        body = client.get("/mash/insight/by-agency.csv").content.decode()
        assert "'=HYPERLINK" in body
