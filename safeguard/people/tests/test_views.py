import datetime as dt
from html import unescape

import pytest

from safeguard.core.models import AccessLogEntry, BreakGlassGrant
from safeguard.partners.roles import Role
from safeguard.people.models import Person, PersonMerge, Relationship
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

DOB = {"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "2012"}


def _page(response) -> str:
    return unescape(response.content.decode())


def _cell(text: str) -> str:
    return f'<td class="govuk-table__cell">{text}</td>'


@pytest.fixture
def mash(make_user, sign_in):
    return sign_in(make_user(Role.MASH_PRACTITIONER))


@pytest.fixture
def ig(make_user, sign_in):
    return sign_in(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))


class TestSearch:
    def test_search_is_posted_so_names_stay_out_of_urls(self, mash):
        PersonFactory(given_name="Amelia", family_name="Hughes")
        response = mash.post("/people/", {"given_name": "Amelia", "family_name": "Hughes", **DOB})
        page = _page(response)
        assert "Amelia Hughes" in page and "Match </strong> over 99.9%" in " ".join(page.split())
        assert 'method="post"' in page
        assert "Hughes" not in response.request["QUERY_STRING"]

    def test_an_empty_search_asks_for_a_detail(self, mash):
        page = _page(mash.post("/people/", {}))
        assert "<title>Error: " in page
        assert "Enter at least one detail" in page

    def test_recording_a_new_person_starts_from_the_search(self, mash):
        mash.post("/people/", {"given_name": "Ava", "family_name": "Patel", **DOB})
        page = _page(mash.get("/people/new/"))
        assert 'value="Ava"' in page and 'value="Patel"' in page and 'value="27"' in page

    def test_check_your_answers_then_record(self, mash):
        details = {
            "given_name": "Ava",
            "family_name": "Patel",
            "kind": "child",
            **DOB,
            "date_of_birth_precision": "exact",
            "sex": "F",
            "nhs_number": "943 476 5919",
        }
        assert mash.post("/people/new/", details).headers["Location"] == "/people/new/check/"
        page = _page(mash.get("/people/new/check/"))
        assert "943 476 5919" in page and "27 March 2012" in page and "Change" in page
        response = mash.post("/people/new/check/")
        person = Person.objects.get(nhs_number="9434765919")
        assert response.headers["Location"] == f"/people/{person.pk}/"

    def test_an_invalid_nhs_number_is_refused_with_a_reason(self, mash):
        page = _page(
            mash.post(
                "/people/new/",
                {
                    "given_name": "Ava",
                    "kind": "child",
                    "sex": "F",
                    "date_of_birth_precision": "exact",
                    "nhs_number": "9434765918",
                },
            )
        )
        assert "the last digit does not match" in page
        assert 'value="9434765918"' in page
        assert not Person.objects.exists()

    def test_a_taken_nhs_number_is_shown_on_the_check_page(self, mash):
        PersonFactory(nhs_number="9434765919")
        mash.post(
            "/people/new/",
            {
                "given_name": "Ava",
                "kind": "child",
                "sex": "F",
                "date_of_birth_precision": "exact",
                "nhs_number": "9434765919",
            },
        )
        page = _page(mash.post("/people/new/check/"))
        assert "already has this NHS number" in page
        assert Person.objects.count() == 1


class TestRecord:
    def test_the_record_shows_details_and_logs_the_view(self, mash):
        person = PersonFactory(nhs_number="9434765919")
        page = _page(mash.get(f"/people/{person.pk}/"))
        assert "Amelia Hughes" in page and "943 476 5919" in page
        assert AccessLogEntry.objects.filter(action="view", object_id=str(person.pk)).exists()

    def test_a_merged_record_sends_you_to_the_survivor(self, mash):
        survivor = PersonFactory()
        merged = PersonFactory(merged_into=survivor)
        assert mash.get(f"/people/{merged.pk}/").headers["Location"] == f"/people/{survivor.pk}/"

    def test_an_edit_made_after_someone_elses_is_refused(self, mash):
        person = PersonFactory()
        data = {
            "given_name": "Amelia",
            "family_name": "Hughes",
            "kind": "child",
            "date_of_birth_precision": "exact",
            "sex": "F",
            "version": "1",
            **DOB,
        }
        assert (
            mash.post(f"/people/{person.pk}/edit/", {**data, "gender": "Girl"}).status_code == 302
        )
        page = _page(mash.post(f"/people/{person.pk}/edit/", {**data, "gender": "Boy"}))
        assert "Someone else changed this record" in page
        person.refresh_from_db()
        assert person.gender == "Girl"

    def test_opening_the_change_form_is_logged_as_a_view(self, mash):
        person = PersonFactory()
        page = _page(mash.get(f"/people/{person.pk}/edit/"))
        assert 'value="Amelia"' in page
        entry = AccessLogEntry.objects.get()
        assert (entry.action, entry.why) == ("view", "Opened the details to change them")

    def test_an_address_needs_a_real_postcode(self, mash):
        person = PersonFactory()
        page = _page(
            mash.post(
                f"/people/{person.pk}/addresses/new/",
                {"line_1": "1 High Street", "postcode": "nowhere", "kind": "home"},
            )
        )
        assert "Enter a real UK postcode, like UB8 1UW" in page
        assert 'href="#id_postcode"' in page

    def test_adding_a_relationship_after_finding_the_other_person(self, mash):
        child = PersonFactory(given_name="Leo", family_name="Hughes")
        mother = PersonFactory(
            given_name="Sara", family_name="Hughes", kind="adult", date_of_birth=dt.date(1985, 1, 2)
        )
        url = f"/people/{child.pk}/relationships/new/"
        page = _page(
            mash.post(url, {"action": "search", "given_name": "Sara", "family_name": "Hughes"})
        )
        assert "Sara Hughes" in page
        response = mash.post(url, {"action": "add", "other": str(mother.pk), "kind": "parent:from"})
        assert response.headers["Location"] == f"/people/{child.pk}/"
        relationship = Relationship.objects.get()
        assert (relationship.from_person, relationship.to_person) == (mother, child)

    def test_a_partner_cannot_open_another_agencys_record(self, make_user, sign_in, other_agency):
        person = PersonFactory(recorded_by_agency=other_agency)
        client = sign_in(make_user(Role.PARTNER_PRACTITIONER))
        response = client.get(f"/people/{person.pk}/")
        assert response.status_code == 404 and "Page not found" in _page(response)


class TestGovernance:
    def test_who_has_looked_filters_by_user(self, make_user, sign_in, ig):
        person = PersonFactory()
        first, second = make_user(Role.MASH_PRACTITIONER), make_user(Role.MASH_MANAGER)
        sign_in(first).get(f"/people/{person.pk}/")
        sign_in(second).get(f"/people/{person.pk}/")
        page = _page(ig.get(f"/people/{person.pk}/access-log/"))
        assert _cell(first.email) in page and _cell(second.email) in page
        filtered = _page(ig.get(f"/people/{person.pk}/access-log/", {"user": str(first.pk)}))
        assert _cell(first.email) in filtered and _cell(second.email) not in filtered

    def test_who_has_looked_filters_by_date(self, make_user, sign_in, ig):
        import time_machine

        person = PersonFactory()
        viewer = make_user(Role.MASH_PRACTITIONER)
        with time_machine.travel(dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)):
            sign_in(viewer).get(f"/people/{person.pk}/")
        page = _page(
            ig.get(
                f"/people/{person.pk}/access-log/",
                {"date_from-day": "6", "date_from-month": "1", "date_from-year": "2026"},
            )
        )
        assert _cell(viewer.email) not in page
        assert "0 entries" in page
        earlier = _page(ig.get(f"/people/{person.pk}/access-log/"))
        assert _cell(viewer.email) in earlier

    def test_reading_the_access_log_is_itself_logged(self, ig):
        person = PersonFactory()
        ig.get(f"/people/{person.pk}/access-log/")
        entry = AccessLogEntry.objects.get(object_type="core.accesslog")
        assert entry.why == "Reviewed who has looked at this record"

    def test_break_glass_needs_a_reason_then_opens_the_record(self, make_user, sign_in):
        restricted = PersonFactory(is_restricted=True)
        manager = sign_in(make_user(Role.MASH_MANAGER))
        assert manager.get(f"/people/{restricted.pk}/").status_code == 404
        page = _page(manager.post(f"/people/{restricted.pk}/break-glass/", {"reason": "now"}))
        assert "Explain why in at least 10 characters" in page
        reason = "Police have the child at the station and need to know of any risks"
        response = manager.post(f"/people/{restricted.pk}/break-glass/", {"reason": reason})
        assert response.headers["Location"] == f"/people/{restricted.pk}/"
        assert "by breaking glass" in _page(manager.get(f"/people/{restricted.pk}/"))
        assert BreakGlassGrant.objects.get().reason == reason

    def test_ig_reviews_break_glass(self, make_user, sign_in, ig):
        manager = make_user(Role.MASH_MANAGER)
        grant = BreakGlassGrant.objects.create(
            user=manager,
            object_type="people.person",
            object_id=PersonFactory().pk,
            reason="Urgent",
            expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        )
        assert "Urgent" in _page(ig.get("/governance/break-glass/"))
        assert AccessLogEntry.objects.filter(
            object_type="core.breakglassgrant", subjects__person_id=grant.object_id
        ).exists()
        response = ig.post(f"/governance/break-glass/{grant.pk}/", {"note": "Justified"})
        assert response.headers["Location"] == "/governance/break-glass/"
        grant.refresh_from_db()
        assert grant.reviewed_at and grant.review_note == "Justified"

    def test_merge_and_undo_through_the_pages(self, ig):
        survivor = PersonFactory(family_name="Hughes")
        duplicate = PersonFactory(family_name="Hewes")
        page = _page(ig.post(f"/people/{survivor.pk}/merge/", {"family_name": "Hewes"}))
        assert f"/people/{survivor.pk}/merge/{duplicate.pk}/" in page
        response = ig.post(
            f"/people/{survivor.pk}/merge/{duplicate.pk}/",
            {"reason": "Same child, surname misspelt by the school"},
        )
        assert response.headers["Location"] == f"/people/{survivor.pk}/"
        merge = PersonMerge.objects.get()
        assert "Undo this merge" in _page(ig.get(f"/people/{survivor.pk}/"))
        ig.post(f"/people/merges/{merge.pk}/unmerge/", {"reason": "They are cousins, not one"})
        duplicate.refresh_from_db()
        assert duplicate.merged_into is None
