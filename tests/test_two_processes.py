"""Two app processes on one PostgreSQL database: nothing lives in process memory.

Sign-in starts on one process and finishes on the other; a form started on one is confirmed
on the other; failed sign-ins on both add up to one delay; both write one access-log chain.
"""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pyotp
import pytest
import requests
from django.db import connection

from safeguard.core.access_log import access_log_verify
from safeguard.core.models import AccessLogEntry
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import TEST_PASSWORD, UserFactory
from safeguard.people.models import Person
from safeguard.people.tests.factories import PersonFactory

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "exited")
        try:
            requests.get(url + "/sign-in/", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture
def apps() -> Iterator[tuple[str, str]]:
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "safeguard.settings.test",
    }
    processes, urls = [], []
    for _ in range(2):
        port = _free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "safeguard.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--log-level",
                    "warning",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, processes, strict=True):
            _wait_until_serving(url, process)
        yield urls[0], urls[1]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _post(session: requests.Session, url: str, data: dict) -> requests.Response:
    data = {**data, "csrfmiddlewaretoken": _csrf(session, url)}
    return session.post(url, data=data, allow_redirects=False)


def test_sign_in_form_state_and_the_access_log_span_both_processes(apps):
    a, b = apps
    user = UserFactory(roles=[Role.MASH_PRACTITIONER])
    child = PersonFactory()
    browser = requests.Session()

    step_one = _post(browser, f"{a}/sign-in/", {"email": user.email, "password": TEST_PASSWORD})
    assert step_one.headers["Location"] == "/sign-in/code/"
    code = pyotp.TOTP(user.totp_secret).now()
    step_two = _post(browser, f"{b}/sign-in/code/", {"code": code})
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
    assert _post(browser, f"{a}/people/new/", details).headers["Location"] == "/people/new/check/"
    check = browser.get(f"{b}/people/new/check/").text
    assert "Ava" in check and "Patel" in check
    confirmed = _post(browser, f"{b}/people/new/check/", {})
    assert confirmed.status_code == 302
    assert Person.objects.filter(names__family_name="Patel").count() == 1


def test_failed_sign_ins_on_both_processes_add_up_to_one_delay(apps):
    a, b = apps
    user = UserFactory(roles=[Role.ANALYST])
    for url in (a, b, a, b, a):
        failed = _post(
            requests.Session(),
            f"{url}/sign-in/",
            {"email": user.email, "password": "wrong password"},
        )
        assert failed.status_code == 200
    refused = _post(
        requests.Session(), f"{b}/sign-in/", {"email": user.email, "password": TEST_PASSWORD}
    )
    assert refused.status_code == 200 and "too many failed attempts" in refused.text
