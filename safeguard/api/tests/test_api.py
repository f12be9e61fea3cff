import json

import pytest
from django.test import Client

from safeguard.core.models import AccessLogEntry
from safeguard.partners.services import api_key_create, api_key_revoke
from safeguard.people.models import Person
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(agency):
    return api_key_create(agency=agency)


@pytest.fixture
def api(key):
    client = Client(headers={"Authorization": f"Bearer {key[1]}"})
    return client


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


class TestAuthentication:
    def test_whoami_returns_the_keys_agency(self, api, key, agency):
        body = api.get("/api/v1/whoami").json()
        assert body == {
            "agency_id": str(agency.pk),
            "agency_name": agency.name,
            "agency_kind": "police",
            "is_statutory_partner": True,
            "key_prefix": key[0].prefix,
        }

    def test_no_key_is_401(self):
        assert Client().get("/api/v1/whoami").status_code == 401

    def test_a_revoked_key_is_401(self, api, key):
        api_key_revoke(prefix=key[0].prefix)
        assert api.get("/api/v1/whoami").status_code == 401

    def test_a_signed_in_browser_session_is_not_an_api_key(self, make_user, sign_in):
        from safeguard.partners.roles import Role

        client = sign_in(make_user(Role.MASH_MANAGER))
        assert client.get("/api/v1/whoami").status_code == 401


class TestPeople:
    def test_a_person_the_agency_recorded_is_returned_and_logged(self, api, agency):
        person = PersonFactory(recorded_by_agency=agency, nhs_number="9434765919")
        body = api.get(f"/api/v1/people/{person.pk}").json()
        assert body["nhs_number"] == "9434765919" and body["family_name"] == "Hughes"
        entry = AccessLogEntry.objects.get()
        assert entry.actor_label.startswith("API key ") and entry.roles == "api"

    def test_another_agencys_person_is_404(self, api, other_agency):
        person = PersonFactory(recorded_by_agency=other_agency)
        assert api.get(f"/api/v1/people/{person.pk}").status_code == 404

    def test_a_malformed_id_is_422(self, api):
        assert api.get("/api/v1/people/not-a-uuid").status_code == 422

    def test_creating_a_person_uses_the_same_checks_as_the_form(self, api):
        response = _post(api, "/api/v1/people", {"given_name": "Ava", "nhs_number": "9434765918"})
        assert response.status_code == 422
        detail = response.json()["detail"][0]
        assert detail["loc"][-1] == "nhs_number"
        assert "last digit does not match" in detail["msg"]
        assert not Person.objects.exists()

    def test_a_person_needs_a_name(self, api):
        response = _post(api, "/api/v1/people", {"date_of_birth": "2015-01-01"})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] == "given_name"

    def test_created_people_belong_to_the_keys_agency(self, api, agency):
        response = _post(
            api,
            "/api/v1/people",
            {
                "given_name": "Ava",
                "family_name": "Patel",
                "date_of_birth": "2015-06-01",
                "sex": "F",
            },
        )
        assert response.status_code == 201
        assert Person.objects.get().recorded_by_agency == agency

    def test_an_nhs_number_the_agency_can_see_is_a_conflict(self, api, agency):
        PersonFactory(nhs_number="9434765919", recorded_by_agency=agency)
        response = _post(api, "/api/v1/people", {"given_name": "A", "nhs_number": "9434765919"})
        assert response.status_code == 409
        assert "already has this NHS number" in response.json()["detail"]

    def test_search_sees_only_the_agencys_reach(self, api, agency, other_agency):
        mine = PersonFactory(recorded_by_agency=agency)
        PersonFactory(recorded_by_agency=other_agency)
        body = _post(api, "/api/v1/people/search", {"family_name": "Hughes"}).json()
        assert [c["person"]["id"] for c in body] == [str(mine.pk)]

    def test_search_refuses_a_bad_postcode(self, api):
        response = _post(api, "/api/v1/people/search", {"postcode": "nowhere"})
        assert response.status_code == 422
        assert "Enter a real UK postcode" in response.json()["detail"][0]["msg"]
