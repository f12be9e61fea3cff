"""The partner API answers every error in its declared JSON, and nothing it sends is kept by a
browser or proxy (issue 17, finding 2)."""

import json

import pytest
from django.test import Client

from safeguard.partners.services import api_key_create
from safeguard.people import selectors
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(agency):
    _, secret = api_key_create(agency=agency)
    return Client(headers={"Authorization": f"Bearer {secret}"}, raise_request_exception=False)


def _json_error(response, status):
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_an_unexpected_error_answers_500_in_json(api, agency, monkeypatch):
    person = PersonFactory(recorded_by_agency=agency)

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(selectors, "person_get", broken)
    _json_error(api.get(f"/api/v1/people/{person.pk}"), 500)


def test_an_unknown_address_answers_404_in_json(api):
    _json_error(api.get("/api/v1/no-such-thing"), 404)


def test_a_wrong_method_answers_405_in_json(api):
    _json_error(api.delete("/api/v1/whoami"), 405)


def test_a_body_that_is_not_json_answers_in_json(api):
    response = api.post("/api/v1/people", "{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert json.loads(response.content)


def test_api_responses_are_never_kept(api, agency):
    person = PersonFactory(recorded_by_agency=agency)
    response = api.get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "no-store" in Client().get("/api/v1/whoami").headers["Cache-Control"]


def test_a_body_too_large_is_the_callers_fault_in_json(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"given_name": "A" * 5000})
    _json_error(api.post("/api/v1/people", body, content_type="application/json"), 400)
