"""Sign-in: password, then a TOTP code, slowed down after failures (throttle.py).

Nothing here locks an account: an attacker who keeps failing only makes the account's attempts
wait, and while it waits the owner still gets in by giving the password and the code together.
Every answer is the same whether or not the account exists.
"""

from datetime import datetime, timedelta

import pyotp
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.emails import email_to, permission_email
from safeguard.core.errors import DomainError
from safeguard.core.models import SecurityEventKind
from safeguard.core.policy import Permission
from safeguard.core.security_log import security_event_record
from safeguard.partners.models import User
from safeguard.partners.services.accounts import enrolment_code_hash
from safeguard.partners.services.throttle import (
    account_key,
    client_key,
    throttle_clear,
    throttle_fail,
    throttle_wait,
)

BAD_CREDENTIALS = "Enter a correct email address and password"
BAD_CODE = "Enter the 6-digit code shown in your authenticator app"


class SignInError(DomainError):
    """A refused sign-in. `needs_code`: the account is delayed, and only the password with the
    code together will do."""

    def __init__(self, message: str, *, field: str | None = None, needs_code: bool = False):
        super().__init__(message, field=field)
        self.needs_code = needs_code


def _after(until: datetime) -> str:
    """The minute from which to try again, rounded up so that it is never too early."""
    local = timezone.localtime(until)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return f"{local:%H:%M}"


def _account_waits(until: datetime) -> SignInError:
    return SignInError(
        "There have been too many failed attempts to sign in to this account. Enter your "
        "password and the code from your authenticator app together, or try again after "
        f"{_after(until)}.",
        needs_code=True,
    )


def _client_waits(until: datetime) -> SignInError:
    return SignInError(
        "There have been too many failed attempts to sign in from your network. "
        f"Try again after {_after(until)}."
    )


def _tell(user: User) -> None:
    """The owner and IG learn that an account is being guessed at."""
    email_to(
        address=user.email,
        subject="Failed attempts to sign in to your Safeguard account",
        body=(
            f"Hello {user.full_name},\n\nThere have been {settings.SIGN_IN_MAX_FAILURES} failed "
            "attempts to sign in to your Safeguard account, so further attempts are slowed "
            "down. You can still sign in with your password and the code from your "
            "authenticator app together.\n\nIf this was not you, tell your agency's Safeguard "
            "administrator and change your password.\n"
        ),
    )
    permission_email(
        permission=Permission.ACCESS_LOG_REVIEW,
        subject="Sign-ins to a Safeguard account slowed down",
        body=(
            f"There have been {settings.SIGN_IN_MAX_FAILURES} failed attempts to sign in to "
            f"the account of {user.full_name} ({user.email}), so further attempts are slowed "
            "down. The security events show where they came from.\n"
        ),
        leave_out=[user.pk],
    )


def _failed(email: str, user: User | None, client: str) -> None:
    now = timezone.now()
    failures = throttle_fail(account_key(email), free=settings.SIGN_IN_MAX_FAILURES, now=now)
    _client_failed(client, now)
    if failures == settings.SIGN_IN_MAX_FAILURES:
        security_event_record(
            kind=SecurityEventKind.SIGN_IN_THROTTLED,
            actor=Actor.for_user(user) if user else None,
            actor_label="" if user else "an email address no account has",
            client=client,
            detail="Sign-ins to this account slowed down",
        )
        if user is not None:
            _tell(user)


def _client_failed(client: str, now: datetime) -> None:
    failures = throttle_fail(client_key(client), free=settings.SIGN_IN_CLIENT_MAX_FAILURES, now=now)
    if failures == settings.SIGN_IN_CLIENT_MAX_FAILURES:
        security_event_record(
            kind=SecurityEventKind.SIGN_IN_THROTTLED,
            actor=None,
            actor_label="a client trying many accounts",
            client=client,
            detail="Sign-ins from this client slowed down",
        )


def _succeeded(user: User) -> None:
    throttle_clear(account_key(user.email))
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())


def _password_matches(user: User | None, password: str) -> bool:
    if user is None or not user.is_active or not user.has_usable_password():
        make_password(password)  # the same work as a real check, so timing does not tell
        return False
    return user.check_password(password)


def sign_in_check_password(*, email: str, password: str, client: str, code: str = "") -> User:
    """The first step, or both at once when a code is given (which the delay requires); a
    returned user gave a correct code if one was given. Raises SignInError, saying nothing
    about whether the email exists."""
    now = timezone.now()
    client_until = throttle_wait(client_key(client), now)
    if client_until:
        raise _client_waits(client_until)
    account_until = throttle_wait(account_key(email), now)
    if account_until and not code:
        _client_failed(client, now)  # unchecked, but a client that keeps trying is spraying
        raise _account_waits(account_until)
    user = User.objects.select_related("agency").filter(email__iexact=email.strip()).first()
    valid = _password_matches(user, password)
    if valid and user is not None and code:
        valid = user.mfa_enrolled and _code_accepted(user, code)
    if not valid or user is None:
        _failed(email, user, client)
        until = throttle_wait(account_key(email), timezone.now())
        raise _account_waits(until) if until else SignInError(BAD_CREDENTIALS)
    if code or not user.needs_mfa or skips_mfa(user):
        _succeeded(user)
    return user


def sign_in_delay(*, email: str) -> timedelta | None:
    """How long attempts for this email must still wait, if at all."""
    now = timezone.now()
    until = throttle_wait(account_key(email), now)
    return until - now if until else None


def skips_mfa(user: User) -> bool:
    """Only the printed demo sign-ins, and only when `make run` turned the setting on."""
    return settings.DEMO_SKIP_MFA and user.is_demo_account


def _matching_step(secret: str, code: str, last_step: int) -> int | None:
    """The 30-second step the code belongs to (allowing one step of clock drift), if unused."""
    totp = pyotp.TOTP(secret)
    now = timezone.now()
    code = code.strip().replace(" ", "")
    for drift in (0, -1, 1):
        at = now + timedelta(seconds=30 * drift)
        step = totp.timecode(at)
        if step > last_step and pyotp.utils.strings_equal(totp.at(at), code):
            return step
    return None


def _code_accepted(user: User, code: str, *, confirm: bool = False) -> bool:
    """Whether the code is right and unused; uses it up if so (and confirms enrolment)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        step = _matching_step(locked.totp_secret, code, locked.totp_last_step)
        if step is None:
            return False
        changes: dict[str, object] = {"totp_last_step": step}
        if confirm:
            changes["totp_confirmed_at"] = timezone.now()
        User.objects.filter(pk=user.pk).update(**changes)
    return True


def _refuse_code(user: User, client: str) -> None:
    """Count a wrong code against the account and the client. Always raises."""
    _failed(user.email, user, client)
    raise SignInError(BAD_CODE, field="code")


def _client_may_try(client: str) -> None:
    until = throttle_wait(client_key(client), timezone.now())
    if until:
        raise _client_waits(until)


def sign_in_verify_code(*, user: User, code: str, client: str) -> User:
    """The second step: a code from the enrolled authenticator, never the same code twice.
    The password was right, so the account's delay does not apply; the client's does."""
    user = User.objects.get(pk=user.pk)
    _client_may_try(client)
    if not user.mfa_enrolled:
        raise SignInError("Set up your authenticator app first")
    if not _code_accepted(user, code):
        _refuse_code(user, client)
    _succeeded(user)
    return user


BAD_SETUP_CODE = (
    "Enter the set-up code your administrator gave you. If it has expired, ask them for a new one."
)
ENROLMENT_OPEN_MINUTES = 15


def mfa_check_enrolment_code(*, user: User, code: str, client: str) -> None:
    """Opens enrolment for a few minutes if the code is the one the administrator gave (it
    works once). A wrong code counts as a failed sign-in. Any secret made before is thrown
    away, so that no one who saw it earlier can use it."""
    _client_may_try(client)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        expires = locked.enrolment_code_expires_at
        valid = (
            bool(locked.enrolment_code_hash)
            and expires is not None
            and expires > timezone.now()
            and constant_time_compare(
                enrolment_code_hash(user.pk, code), locked.enrolment_code_hash
            )
        )
        if valid:
            User.objects.filter(pk=user.pk).update(
                enrolment_code_hash="",
                enrolment_code_expires_at=None,
                enrolment_opened_at=timezone.now(),
                totp_secret="",
            )
    if not valid:
        _failed(user.email, user, client)
        raise SignInError(BAD_SETUP_CODE, field="setup_code")


def enrolment_open(user: User) -> bool:
    opened = user.enrolment_opened_at
    return opened is not None and timezone.now() - opened < timedelta(
        minutes=ENROLMENT_OPEN_MINUTES
    )


@transaction.atomic
def mfa_start_enrolment(*, user: User) -> str:
    """A new secret for a user who has entered their set-up code and not yet confirmed an
    authenticator. Returns the provisioning URI."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.mfa_enrolled:
        raise DomainError("An authenticator is already set up for this account")
    if not enrolment_open(user):
        raise SignInError(BAD_SETUP_CODE, field="setup_code")
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        user.save(update_fields=["totp_secret"])
    return pyotp.TOTP(user.totp_secret).provisioning_uri(
        name=user.email, issuer_name=settings.SERVICE_NAME
    )


def mfa_confirm_enrolment(*, user: User, code: str, client: str) -> User:
    user = User.objects.get(pk=user.pk)
    if user.mfa_enrolled or not user.totp_secret or not enrolment_open(user):
        raise DomainError("Start setting up your authenticator again")
    _client_may_try(client)
    if not _code_accepted(user, code, confirm=True):
        _refuse_code(user, client)
    User.objects.filter(pk=user.pk).update(enrolment_opened_at=None)
    _succeeded(user)
    audit_record(actor=Actor.for_user(user), action="mfa_enrol", obj=user)
    user.refresh_from_db()
    return user
