import re

import pyotp
import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from safeguard.core.errors import DomainError
from safeguard.partners import services
from safeguard.partners.models import User
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


CLIENT = "127.0.0.1"


def _check(email: str, password: str) -> User:
    return services.sign_in_check_password(email=email, password=password, client=CLIENT)


def _code(user: User, at=None) -> str:
    return pyotp.TOTP(user.totp_secret).at(at or timezone.now())


class TestPasswordStep:
    def test_the_right_password_returns_the_user(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER, email="mash@example.org")
        assert (
            services.sign_in_check_password(
                email="MASH@example.org", password=TEST_PASSWORD, client=CLIENT
            )
            == user
        )

    def test_a_wrong_password_and_an_unknown_email_get_the_same_message(self, make_user):
        make_user(Role.MASH_PRACTITIONER, email="mash@example.org")
        messages = set()
        for email in ("mash@example.org", "nobody@example.org"):
            with pytest.raises(DomainError) as caught:
                services.sign_in_check_password(
                    email=email, password="wrong password", client=CLIENT
                )
            messages.add(caught.value.message)
        assert messages == {"Enter a correct email address and password"}

    def test_five_failures_slow_the_account_even_for_the_right_password_alone(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER)
        for _ in range(5):
            with pytest.raises(DomainError):
                _check(user.email, "wrong password")
        with pytest.raises(DomainError, match="too many failed attempts"):
            _check(user.email, TEST_PASSWORD)

    def test_four_failures_do_not_slow_it(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER)
        for _ in range(4):
            with pytest.raises(DomainError):
                _check(user.email, "wrong password")
        assert _check(user.email, TEST_PASSWORD) == user

    def test_the_delay_passes(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER)
        for _ in range(5):
            with pytest.raises(DomainError):
                _check(user.email, "wrong password")
        with time_machine.travel(timezone.now() + timezone.timedelta(minutes=1)):
            assert _check(user.email, TEST_PASSWORD) == user

    def test_a_deactivated_user_cannot_sign_in(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER, is_active=False)
        with pytest.raises(DomainError):
            _check(user.email, TEST_PASSWORD)


class TestCodeStep:
    def test_the_current_code_is_accepted_once(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER)
        code = _code(user)
        services.sign_in_verify_code(user=user, code=code, client=CLIENT)
        with pytest.raises(DomainError):
            services.sign_in_verify_code(user=user, code=code, client=CLIENT)

    def test_a_wrong_code_counts_towards_the_accounts_delay(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER)
        for _ in range(5):
            with pytest.raises(DomainError):
                services.sign_in_verify_code(user=user, code="000000", client=CLIENT)
        assert services.sign_in_delay(email=user.email) is not None


class TestSignInPages:
    def _post_password(self, client, user):
        return client.post("/sign-in/", {"email": user.email, "password": TEST_PASSWORD})

    def test_a_role_with_personal_data_must_enter_a_code(self, make_user):
        user = make_user(Role.MASH_PRACTITIONER)
        client = Client()
        response = self._post_password(client, user)
        assert response.headers["Location"] == "/sign-in/code/"
        assert client.get("/").status_code == 302  # not signed in yet
        response = client.post("/sign-in/code/", {"code": _code(user)})
        assert response.headers["Location"] == "/"
        assert client.get("/").status_code == 200

    def test_an_aggregate_role_signs_in_with_a_password(self, make_user):
        user = make_user(Role.PARTNERSHIP_OFFICER)
        client = Client()
        assert self._post_password(client, user).headers["Location"] == "/"
        assert client.get("/").status_code == 200

    def test_a_new_user_enrols_an_authenticator_with_a_qr_code(self, make_user, actor_for):
        user = make_user(Role.MASH_MANAGER, totp_secret="", totp_confirmed_at=None)
        admin = actor_for(make_user(Role.SYSTEM_ADMINISTRATOR))
        setup_code = services.user_issue_enrolment_code(actor=admin, user=user)
        client = Client()
        assert self._post_password(client, user).headers["Location"] == (
            "/sign-in/set-up-authenticator/"
        )
        client.post("/sign-in/set-up-authenticator/", {"setup_code": setup_code})
        page = client.get("/sign-in/set-up-authenticator/").content.decode()
        assert "<svg" in page and "QR code" in page
        user.refresh_from_db()
        assert user.totp_secret and not user.mfa_enrolled
        response = client.post("/sign-in/set-up-authenticator/", {"code": _code(user)})
        assert response.headers["Location"] == "/"
        user.refresh_from_db()
        assert user.mfa_enrolled

    def test_a_wrong_code_shows_the_error_summary_and_an_error_title(self, make_user):
        user = make_user(Role.MASH_MANAGER)
        client = Client()
        self._post_password(client, user)
        page = client.post("/sign-in/code/", {"code": "000000"}).content.decode()
        assert "<title>Error: " in page
        assert 'href="#id_code"' in page
        assert "Enter the 6-digit code" in page

    def test_the_code_page_without_a_password_goes_back_to_sign_in(self):
        assert Client().get("/sign-in/code/").headers["Location"] == "/sign-in/"

    def test_a_blank_form_shows_errors_for_each_field(self):
        page = Client().post("/sign-in/", {}).content.decode()
        assert "Enter your email address" in page and "Enter your password" in page
        assert 'href="#id_email"' in page and 'href="#id_password"' in page

    def test_next_is_followed_only_on_this_site(self, make_user):
        user = make_user(Role.PARTNERSHIP_OFFICER)
        client = Client()
        ok = client.post(
            "/sign-in/?next=/privacy/", {"email": user.email, "password": TEST_PASSWORD}
        )
        assert ok.headers["Location"] == "/privacy/"
        client = Client()
        evil = client.post(
            "/sign-in/?next=https://evil.example/", {"email": user.email, "password": TEST_PASSWORD}
        )
        assert evil.headers["Location"] == "/"

    def test_sign_out_ends_the_session(self, make_user, sign_in):
        client = sign_in(make_user(Role.ANALYST))
        assert client.post("/sign-out/").headers["Location"] == "/signed-out/"
        assert client.get("/").status_code == 302

    def test_a_session_ends_after_thirty_idle_minutes(self, make_user, sign_in):
        client = sign_in(make_user(Role.ANALYST))
        assert client.get("/").status_code == 200
        with time_machine.travel(timezone.now() + timezone.timedelta(minutes=31)):
            assert client.get("/").status_code == 302

    def test_a_role_added_mid_session_requires_a_code(self, make_user):
        user = make_user(Role.BOARD_MEMBER)
        client = Client()
        self._post_password(client, user)
        assert client.get("/").status_code == 200
        user.role_grants.create(role=Role.MASH_PRACTITIONER)
        assert client.get("/").headers["Location"] == "/sign-in/"


class TestDemoSkip:
    def test_demo_accounts_skip_the_code_only_when_the_setting_is_on(self, make_user):
        user = make_user(Role.MASH_MANAGER, is_demo_account=True)
        with override_settings(DEMO_SKIP_MFA=True):
            client = Client()
            response = client.post("/sign-in/", {"email": user.email, "password": TEST_PASSWORD})
            assert response.headers["Location"] == "/"
        client = Client()
        response = client.post("/sign-in/", {"email": user.email, "password": TEST_PASSWORD})
        assert response.headers["Location"] == "/sign-in/code/"

    def test_ordinary_accounts_never_skip(self, make_user):
        user = make_user(Role.MASH_MANAGER)
        with override_settings(DEMO_SKIP_MFA=True):
            response = Client().post("/sign-in/", {"email": user.email, "password": TEST_PASSWORD})
        assert response.headers["Location"] == "/sign-in/code/"


class TestActivation:
    def test_the_emailed_link_sets_a_password_once(
        self, make_user, sign_in, agency, django_capture_on_commit_callbacks, settings
    ):
        settings.SITE_URL = "https://safeguard.example/"
        admin = make_user(Role.SYSTEM_ADMINISTRATOR)
        client = sign_in(admin)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/admin/users/new/",
                {
                    "full_name": "Pat Doyle",
                    "email": "pat@example.org",
                    "agency": str(agency.pk),
                    "team": "",
                    "roles": ["mash_practitioner"],
                },
            )
        assert response.status_code == 200 and "User account created" in response.content.decode()
        # From the site setting, not the Host header the request happened to carry.
        link = re.search(
            r"https://safeguard\.example(/account/activate/[^/\s]+/)", mail.outbox[0].body
        )
        path = link.group(1)
        new_password = "a long and unguessable passphrase"
        done = Client().post(path, {"password": new_password, "password_again": new_password})
        assert "Password set" in done.content.decode()
        again = Client().post(path, {"password": new_password, "password_again": new_password})
        assert "expired or has already been used" in again.content.decode()
        assert User.objects.get(email="pat@example.org").check_password(new_password)

    def test_a_weak_password_is_refused(self, db):
        user = UserFactory()
        from safeguard.partners.services.accounts import _send_activation

        _send_activation(user)
        user.refresh_from_db()
        with pytest.raises(DomainError):
            services.account_activate(token="not-the-token", password="x")
