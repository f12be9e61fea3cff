"""Nobody can lock anyone out, and nobody can spray passwords (issue 16, finding 5).

Five wrong passwords used to lock any account for 30 minutes, repeatable for ever, and the
lock message told whether the account existed. Now attempts are slowed by an escalating delay,
per account and per client (the address a trusted proxy reports, never one the client claims);
a correct password with the code from the authenticator still gets the owner in; unknown
accounts answer exactly as real ones; and the owner and IG are told.
"""

import contextlib
import itertools
from datetime import timedelta
from html import unescape

import pyotp
import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from safeguard.partners import services
from safeguard.partners.roles import Role
from safeguard.partners.services import SignInError
from safeguard.partners.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


def _attempt(email, password=TEST_PASSWORD, client=OWNER, code=""):
    return services.sign_in_check_password(email=email, password=password, client=client, code=code)


def _fail(email, times, client=ATTACKER):
    messages = []
    for _ in range(times):
        with pytest.raises(SignInError) as caught:
            _attempt(email, "wrong password", client=client)
        messages.append(caught.value.message)
    return messages


def _code(user):
    return pyotp.TOTP(user.totp_secret).now()


@pytest.fixture
def victim(make_user):
    return make_user(Role.MASH_MANAGER, email="manager@example.org")


class TestNoLockout:
    def test_an_attacker_cannot_keep_the_owner_out(self, victim):
        _fail(victim.email, 30)
        with pytest.raises(SignInError) as caught:
            _attempt(victim.email)  # the password alone is not enough while it is delayed
        assert caught.value.needs_code
        assert _attempt(victim.email, code=_code(victim)) == victim

    def test_the_password_alone_tells_nothing_while_the_account_is_delayed(self, victim):
        _fail(victim.email, 6)
        answers = []
        for password in (TEST_PASSWORD, "wrong password"):
            with pytest.raises(SignInError) as caught:
                _attempt(victim.email, password, client=ATTACKER)
            answers.append(caught.value.message)
        assert answers[0] == answers[1]

    def test_the_delay_grows_with_each_failure_and_has_a_ceiling(self, victim, settings):
        delays = []
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            for _ in range(12):
                _fail(victim.email, 1)
                throttle = services.sign_in_delay(email=victim.email)
                delays.append(throttle.total_seconds() if throttle else 0)
                clock.shift(timedelta(seconds=max(delays[-1], 1)))
        assert delays[:4] == [0, 0, 0, 0]
        growing = delays[4:]
        assert all(b >= a for a, b in itertools.pairwise(growing))
        assert growing[1] == 2 * growing[0]
        assert max(growing) == settings.SIGN_IN_MAX_DELAY_SECONDS


class TestSpraying:
    def test_one_client_trying_many_accounts_is_slowed_for_every_account(self, make_user, settings):
        users = [make_user(Role.MASH_PRACTITIONER) for _ in range(3)]
        for user in users * settings.SIGN_IN_CLIENT_MAX_FAILURES:
            with contextlib.suppress(SignInError):
                _attempt(user.email, "Winter2026!", client=ATTACKER)
        fresh = make_user(Role.MASH_PRACTITIONER)
        with pytest.raises(SignInError, match="from your network"):
            _attempt(fresh.email, TEST_PASSWORD, client=ATTACKER)
        assert _attempt(fresh.email, TEST_PASSWORD, client=OWNER) == fresh

    def test_a_header_the_client_sends_does_not_change_who_it_is(self, make_user, settings):
        settings.TRUSTED_PROXIES = []
        user = make_user(Role.PARTNER_PRACTITIONER)
        for n in range(settings.SIGN_IN_CLIENT_MAX_FAILURES + 1):
            Client(HTTP_X_FORWARDED_FOR=f"192.0.2.{n}", REMOTE_ADDR=ATTACKER).post(
                "/sign-in/", {"email": f"nobody{n}@example.org", "password": "x"}
            )
        page = Client(HTTP_X_FORWARDED_FOR="192.0.2.250", REMOTE_ADDR=ATTACKER).post(
            "/sign-in/", {"email": user.email, "password": TEST_PASSWORD}
        )
        assert "from your network" in unescape(page.content.decode())

    def test_behind_a_trusted_proxy_the_client_is_the_address_it_reports(self, make_user, settings):
        settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
        user = make_user(Role.PARTNER_PRACTITIONER)
        for n in range(settings.SIGN_IN_CLIENT_MAX_FAILURES + 1):
            Client(HTTP_X_FORWARDED_FOR=ATTACKER, REMOTE_ADDR="10.0.0.2").post(
                "/sign-in/", {"email": f"nobody{n}@example.org", "password": "x"}
            )
        other = Client(HTTP_X_FORWARDED_FOR=OWNER, REMOTE_ADDR="10.0.0.2").post(
            "/sign-in/", {"email": user.email, "password": TEST_PASSWORD}
        )
        assert other.status_code == 302


class TestNoExistenceLeak:
    def test_real_and_unknown_accounts_get_the_same_answers_all_the_way(self, victim):
        with time_machine.travel(timezone.now(), tick=False):
            real = _fail(victim.email, 8)
            unknown = _fail("nobody@example.org", 8)
        assert real == unknown


class TestTelling:
    def test_the_owner_and_ig_are_told_once_when_an_account_is_slowed(
        self, victim, make_user, django_capture_on_commit_callbacks
    ):
        ig = make_user(Role.INFORMATION_GOVERNANCE_OFFICER)
        with django_capture_on_commit_callbacks(execute=True):
            _fail(victim.email, 9)
        told = sorted(to for message in mail.outbox for to in message.to)
        assert told == sorted([victim.email, ig.email])

    def test_a_slowed_account_is_a_security_event(self, victim):
        from safeguard.core.models import SecurityEvent

        _fail(victim.email, 6)
        event = SecurityEvent.objects.get(kind="sign_in_throttled")
        assert event.actor_user_id == victim.pk and event.client == ATTACKER


class TestPages:
    def test_the_sign_in_page_asks_for_the_code_too_while_an_account_is_slowed(self, victim):
        _fail(victim.email, 6)
        client = Client(REMOTE_ADDR=OWNER)
        page = unescape(
            client.post(
                "/sign-in/", {"email": victim.email, "password": TEST_PASSWORD}
            ).content.decode()
        )
        assert 'name="code"' in page and "govuk-error-summary" in page
        response = client.post(
            "/sign-in/",
            {"email": victim.email, "password": TEST_PASSWORD, "code": _code(victim)},
        )
        assert response.headers["Location"] == "/"
        assert client.get("/").status_code == 200
