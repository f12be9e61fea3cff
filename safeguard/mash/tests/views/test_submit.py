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
        # A name alone is not enough for the engine's possible band: no list, the child is added.
        assert response.headers["Location"] == "/mash/notify/children/"
        police.post("/mash/notify/children/", {"remove": "0"})
        born = {"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "2012"}
        response = police.post(
            "/mash/notify/child/", {"given_name": "Ava", "family_name": "Patel", **born}
        )
        assert response.headers["Location"] == "/mash/notify/child/match/"
        assert "Ava Patel" in page_text(police.get("/mash/notify/child/match/"))
        police.post("/mash/notify/child/match/", {"person": str(known.pk)})
        assert "matched to your agency's record" in page_text(police.get("/mash/notify/children/"))

    def test_checking_an_empty_draft_explains_what_is_missing(self, police):
        police.post("/mash/notify/")
        page = page_text(police.post("/mash/notify/check/"))
        assert "Add at least one child" in page
        assert not Notification.objects.exists()


class TestTheReferrersCandidates:
    CHILD = {
        "given_name": "Andrea",
        "family_name": "Cooper",
        "date_of_birth-day": "8",
        "date_of_birth-month": "3",
        "date_of_birth-year": "2011",
        "sex": "F",
    }

    def test_only_likely_children_in_the_agencys_own_records_are_offered(self, police, officer):
        import datetime as dt

        from safeguard.partners.tests.factories import AgencyFactory

        own = officer.agency

        def person(**fields):
            return PersonFactory(recorded_by_agency=fields.pop("agency", own), **fields)

        her = person(given_name="Andrea", family_name="Cooper", date_of_birth=dt.date(2011, 3, 8))
        adult = person(given_name="Andrea", family_name="Cooper", date_of_birth=dt.date(1965, 3, 8))
        stranger = person(
            given_name="Grace", family_name="Okafor", date_of_birth=dt.date(2011, 3, 8)
        )
        elsewhere = person(
            agency=AgencyFactory(),
            given_name="Andrea",
            family_name="Cooper",
            date_of_birth=dt.date(2011, 3, 8),
        )
        police.post("/mash/notify/")
        assert police.post("/mash/notify/child/", self.CHILD).status_code == 302
        page = page_text(police.get("/mash/notify/child/match/"))
        assert str(her.pk) in page
        for other in (adult, stranger, elsewhere):
            assert str(other.pk) not in page
        assert "1965" not in page and "Okafor" not in page

    def test_back_from_the_match_page_keeps_the_answers(self, police, officer):
        import datetime as dt

        PersonFactory(
            recorded_by_agency=officer.agency,
            given_name="Andrea",
            family_name="Cooper",
            date_of_birth=dt.date(2011, 3, 8),
        )
        police.post("/mash/notify/")
        response = police.post("/mash/notify/child/", self.CHILD)
        assert response.headers["Location"] == "/mash/notify/child/match/"
        page = page_text(police.get("/mash/notify/child/"))
        assert 'value="Andrea"' in page and 'value="2011"' in page

    def test_a_child_on_the_list_can_be_changed_in_place(self, police):
        police.post("/mash/notify/")
        police.post("/mash/notify/child/", self.CHILD)
        listed = page_text(police.get("/mash/notify/children/"))
        assert 'href="/mash/notify/child/?change=0"' in listed
        assert 'Change<span class="govuk-visually-hidden"> Andrea Cooper' in listed
        form = page_text(police.get("/mash/notify/child/?change=0"))
        assert 'value="Cooper"' in form
        changed = {**self.CHILD, "family_name": "Cowper"}
        police.post("/mash/notify/child/?change=0", changed)
        listed = page_text(police.get("/mash/notify/children/"))
        assert "Andrea Cowper" in listed and "Andrea Cooper" not in listed
