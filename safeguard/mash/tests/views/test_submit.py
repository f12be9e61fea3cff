import pytest

from safeguard.mash.models import Notification
from safeguard.mash.tests.views.pages import page_text, walk_to_check
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class TestSubmitting:
    def test_the_question_pages_lead_to_a_reference_number(self, police, officer):
        walk_to_check(police)
        check = page_text(police.get("/mash/notify/check/"))
        assert "Ava Patel" in check and "Neglect, Domestic abuse" in check
        assert "Sara Patel" in check and "Exit this page" not in check
        response = police.post("/mash/notify/check/")
        notification = Notification.objects.get()
        assert response.headers["Location"] == f"/mash/notify/sent/{notification.pk}/"
        sent = page_text(police.get(response.headers["Location"]))
        assert notification.reference in sent and "govuk-panel" in sent
        assert notification.submitted_by == officer
        assert list(notification.adults.values_list("relationship", flat=True)) == ["Mother"]

    def test_immediate_danger_interrupts_and_marks_it_urgent(self, police):
        police.post("/mash/notify/")
        response = police.post("/mash/notify/danger/", {"urgent": "yes"})
        assert response.headers["Location"] == "/mash/notify/call-999/"
        assert "Call 999 now" in page_text(police.get("/mash/notify/call-999/"))
        walk_to_check(police, urgent="yes")
        police.post("/mash/notify/check/")
        assert Notification.objects.get().urgent

    def test_consent_not_sought_needs_a_reason(self, police):
        page = page_text(
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
        page = page_text(police.post("/mash/notify/child/", {"school": "St Mary's"}))
        assert "Give at least a name, a date of birth or an NHS number" in page

    def test_a_known_child_can_be_chosen_from_the_agencys_own_records(self, police, officer):
        known = PersonFactory(
            recorded_by_agency=officer.agency, given_name="Ava", family_name="Patel"
        )
        police.post("/mash/notify/")
        response = police.post("/mash/notify/child/", {"given_name": "Ava", "family_name": "Patel"})
        assert response.headers["Location"] == "/mash/notify/child/match/"
        assert "Ava Patel" in page_text(police.get("/mash/notify/child/match/"))
        police.post("/mash/notify/child/match/", {"person": str(known.pk)})
        assert "matched to your agency's record" in page_text(police.get("/mash/notify/children/"))

    def test_checking_an_empty_draft_explains_what_is_missing(self, police):
        police.post("/mash/notify/")
        page = page_text(police.post("/mash/notify/check/"))
        assert "Add at least one child" in page
        assert not Notification.objects.exists()
