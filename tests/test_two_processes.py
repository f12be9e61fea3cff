"""Two app processes on one PostgreSQL database: nothing lives in process memory.

Sign-in starts on one process and finishes on the other; a form started on one is confirmed
on the other; failed sign-ins on both add up to one delay; both write one access-log chain.
"""

from collections.abc import Iterator

import pyotp
import pytest
import requests

from safeguard.core.access_log import access_log_verify
from safeguard.core.models import AccessLogEntry
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import TEST_PASSWORD, UserFactory
from safeguard.people.models import Person
from safeguard.people.tests.factories import PersonFactory
from tests.servers import gunicorn_processes, post

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def apps() -> Iterator[tuple[str, str]]:
    with gunicorn_processes(2) as urls:
        yield urls[0], urls[1]


def test_sign_in_form_state_and_the_access_log_span_both_processes(apps):
    a, b = apps
    user = UserFactory(roles=[Role.MASH_PRACTITIONER])
    child = PersonFactory()
    browser = requests.Session()

    step_one = post(browser, f"{a}/sign-in/", {"email": user.email, "password": TEST_PASSWORD})
    assert step_one.headers["Location"] == "/sign-in/code/"
    code = pyotp.TOTP(user.totp_secret).now()
    step_two = post(browser, f"{b}/sign-in/code/", {"code": code})
    assert step_two.headers["Location"] == "/"
    assert browser.get(f"{a}/", allow_redirects=False).status_code == 200

    for url in (a, b):
        assert browser.get(f"{url}/people/{child.pk}/").status_code == 200
    assert AccessLogEntry.objects.filter(action="view").count() == 2
    assert access_log_verify().ok

    details = {
        "given_name": "Ava",
        "family_name": "Patel",
        "kind": "child",
        "date_of_birth-day": "1",
        "date_of_birth-month": "6",
        "date_of_birth-year": "2015",
        "date_of_birth_precision": "exact",
        "sex": "F",
    }
    assert post(browser, f"{a}/people/new/", details).headers["Location"] == "/people/new/check/"
    check = browser.get(f"{b}/people/new/check/").text
    assert "Ava" in check and "Patel" in check
    confirmed = post(browser, f"{b}/people/new/check/", {})
    assert confirmed.status_code == 302
    assert Person.objects.filter(names__family_name="Patel").count() == 1


def test_failed_sign_ins_on_both_processes_add_up_to_one_delay(apps):
    a, b = apps
    user = UserFactory(roles=[Role.ANALYST])
    for url in (a, b, a, b, a):
        failed = post(
            requests.Session(),
            f"{url}/sign-in/",
            {"email": user.email, "password": "wrong password"},
        )
        assert failed.status_code == 200
    refused = post(
        requests.Session(), f"{b}/sign-in/", {"email": user.email, "password": TEST_PASSWORD}
    )
    assert refused.status_code == 200 and "too many failed attempts" in refused.text
