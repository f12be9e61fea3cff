"""The activation link alone does not take over an account (issue 16, finding 6).

The first sign-in enrolled whatever authenticator was presented, so whoever held the emailed
link (or read it in a log) owned the account. Now, for a role that reaches personal data,
enrolling needs a one-time set-up code that the administrator gives out of band. Emails never
go to a console or memory in production, and the analyst, who uploads returns full of personal
data, uses a second factor like every other role that reaches it.
"""

from datetime import timedelta
from html import unescape

import pyotp
import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from safeguard.partners import services
from safeguard.partners.models import User
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user, actor_for):
    return actor_for(make_user(Role.SYSTEM_ADMINISTRATOR))


@pytest.fixture
def newcomer(make_user):
    """Activated through the emailed link: a password, no authenticator yet."""
    return make_user(Role.MASH_MANAGER, totp_secret="", totp_confirmed_at=None)


def _page(response):
    return unescape(response.content.decode())


def _after_password(user):
    client = Client()
    response = client.post("/sign-in/", {"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/sign-in/set-up-authenticator/"
    return client


class TestSetUpCode:
    def test_the_link_and_password_alone_do_not_reveal_an_authenticator_secret(self, newcomer):
        client = _after_password(newcomer)
        page = _page(client.get("/sign-in/set-up-authenticator/"))
        assert "set-up code" in page
        newcomer.refresh_from_db()
        assert not newcomer.totp_secret or newcomer.totp_secret not in page.replace(" ", "")
        assert "<svg" not in page  # no QR code

    def test_the_code_the_administrator_gives_opens_enrolment(self, newcomer, admin):
        code = services.user_issue_enrolment_code(actor=admin, user=newcomer)
        client = _after_password(newcomer)
        response = client.post("/sign-in/set-up-authenticator/", {"setup_code": code})
        page = _page(client.get(response.headers["Location"]))
        assert "<svg" in page
        secret = User.objects.get(pk=newcomer.pk).totp_secret
        response = client.post("/sign-in/set-up-authenticator/", {"code": pyotp.TOTP(secret).now()})
        assert response.headers["Location"] == "/"
        assert User.objects.get(pk=newcomer.pk).mfa_enrolled

    def test_a_set_up_code_works_once(self, newcomer, admin):
        code = services.user_issue_enrolment_code(actor=admin, user=newcomer)
        services.mfa_check_enrolment_code(user=newcomer, code=code, client="192.0.2.1")
        with pytest.raises(services.SignInError):
            services.mfa_check_enrolment_code(user=newcomer, code=code, client="192.0.2.1")

    def test_a_set_up_code_expires(self, newcomer, admin, settings):
        code = services.user_issue_enrolment_code(actor=admin, user=newcomer)
        later = timezone.now() + timedelta(hours=settings.ACCOUNT_ACTIVATION_HOURS + 1)
        with (
            time_machine.travel(later),
            pytest.raises(services.SignInError),
        ):
            services.mfa_check_enrolment_code(user=newcomer, code=code, client="192.0.2.1")

    def test_wrong_set_up_codes_slow_the_account_down(self, newcomer, admin):
        services.user_issue_enrolment_code(actor=admin, user=newcomer)
        for _ in range(5):
            with pytest.raises(services.SignInError):
                services.mfa_check_enrolment_code(
                    user=newcomer, code="AAAA-AAAA", client="192.0.2.1"
                )
        assert services.sign_in_delay(email=newcomer.email) is not None


class TestTheAdministratorGivesTheCode:
    def test_creating_an_account_shows_the_set_up_code_once_and_never_emails_it(
        self, make_user, sign_in, agency, django_capture_on_commit_callbacks
    ):
        client = sign_in(make_user(Role.SYSTEM_ADMINISTRATOR))
        with django_capture_on_commit_callbacks(execute=True):
            page = _page(
                client.post(
                    "/admin/users/new/",
                    {
                        "full_name": "Sam Obi",
                        "email": "sam@example.org",
                        "agency": str(agency.pk),
                        "roles": ["mash_practitioner"],
                    },
                )
            )
        assert "Their set-up code" in page
        code = page.split('id="setup-code">')[1].split("<")[0].strip()
        assert len(code.replace("-", "")) >= 8
        assert all(code not in message.body for message in mail.outbox)

    def test_resetting_the_authenticator_gives_a_new_set_up_code(self, make_user, sign_in):
        client = sign_in(make_user(Role.SYSTEM_ADMINISTRATOR))
        user = make_user(Role.MASH_MANAGER)
        page = _page(client.post(f"/admin/users/{user.pk}/reset-mfa/"))
        assert "Their set-up code" in page
        user.refresh_from_db()
        assert not user.mfa_enrolled and user.enrolment_code_hash


def test_the_analyst_uses_a_second_factor(make_user):
    assert make_user(Role.ANALYST).needs_mfa
