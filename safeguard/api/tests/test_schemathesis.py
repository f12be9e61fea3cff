"""The API keeps to its own OpenAPI document, for generated valid and invalid requests."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from safeguard.partners.services import api_key_create
from safeguard.partners.tests.factories import AgencyFactory
from safeguard.people.identifiers import nhs_check_digit, upn_check_letter


def _nhs_numbers():
    nine = st.text(alphabet="0123456789", min_size=9, max_size=9)
    return nine.filter(lambda n: nhs_check_digit(n) is not None).map(
        lambda n: n + str(nhs_check_digit(n))
    )


def _upns():
    return st.text(alphabet="0123456789", min_size=12, max_size=12).map(
        lambda d: upn_check_letter(d) + d
    )


def _postcodes():
    letters = st.sampled_from("ABDEFGHJLNPQRSTUWXYZ")
    return st.builds(
        lambda area, district, sector, a, b: f"{area}{district} {sector}{a}{b}",
        st.sampled_from(["UB", "HA", "SW", "M", "B"]),
        st.integers(1, 9),
        st.integers(0, 9),
        letters,
        letters,
    )


# The formats that JSON Schema cannot express (check digits) come from these strategies.
schemathesis.openapi.format("nhs-number", st.just("") | _nhs_numbers())
schemathesis.openapi.format("upn", st.just("") | _upns())
schemathesis.openapi.format("uk-postcode", st.just("") | _postcodes())

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def keep_the_test_connection_open():
    """As Django's test client does: the test's transaction outlives each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    return api_key_create(agency=AgencyFactory())[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    derandomize=True,  # the same examples on every run, so CI is repeatable
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_conforms_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
