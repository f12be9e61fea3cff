"""Sign-in: password, then a TOTP code, with a lockout shared by every app process."""

from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError
from safeguard.partners.models import User

BAD_CREDENTIALS = "Enter a correct email address and password"
BAD_CODE = "Enter the 6-digit code shown in your authenticator app"


class SignInError(DomainError):
    pass


def _locked_message(user: User) -> str:
    until = timezone.localtime(user.locked_until) if user.locked_until else None
    when = f" after {until:%H:%M}" if until else ""
    return (
        f"Your account is locked because of too many failed attempts. Try again{when}, "
        "or ask your agency's Safeguard administrator to unlock it."
    )


def _is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


def _record_failure(user: User) -> None:
    """Counted in the database row, so that attempts spread over app processes add up."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_sign_ins=F("failed_sign_ins") + 1)
        user.refresh_from_db(fields=["failed_sign_ins", "locked_until"])
        if user.failed_sign_ins >= settings.SIGN_IN_MAX_FAILURES:
            lock_until = timezone.now() + timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)
            User.objects.filter(pk=user.pk).update(locked_until=lock_until, failed_sign_ins=0)
            user.locked_until = lock_until
            audit_record(actor=None, action="user_locked", obj=user)


def _record_success(user: User) -> None:
    User.objects.filter(pk=user.pk).update(
        failed_sign_ins=0, locked_until=None, last_login=timezone.now()
    )


def sign_in_check_password(*, email: str, password: str) -> User:
    """The first step. Raises SignInError without saying whether the email exists."""
    user = User.objects.select_related("agency").filter(email__iexact=email.strip()).first()
    if user is None or not user.is_active:
        make_password(password)  # the same work as a real check, so timing does not tell
        raise SignInError(BAD_CREDENTIALS)
    if _is_locked(user):
        raise SignInError(_locked_message(user))
    if not user.has_usable_password() or not user.check_password(password):
        _record_failure(user)
        if _is_locked(user):
            raise SignInError(_locked_message(user))
        raise SignInError(BAD_CREDENTIALS)
    if not user.needs_mfa or skips_mfa(user):
        _record_success(user)
    return user


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


def _refuse_code(user: User) -> None:
    """Count a wrong code. Called outside any transaction that the refusal rolls back."""
    _record_failure(user)
    if _is_locked(user):
        raise SignInError(_locked_message(user))
    raise SignInError(BAD_CODE, field="code")


def sign_in_verify_code(*, user: User, code: str) -> User:
    """The second step: a code from the enrolled authenticator, never the same code twice."""
    user = User.objects.get(pk=user.pk)
    if _is_locked(user):
        raise SignInError(_locked_message(user))
    if not user.mfa_enrolled:
        raise SignInError("Set up your authenticator app first")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        step = _matching_step(locked.totp_secret, code, locked.totp_last_step)
        if step is not None:
            User.objects.filter(pk=user.pk).update(totp_last_step=step)
            _record_success(user)
            return locked
    _refuse_code(user)
    raise AssertionError("unreachable")  # _refuse_code always raises


@transaction.atomic
def mfa_start_enrolment(*, user: User) -> str:
    """A new secret for a user who has not confirmed one yet. Returns the provisioning URI."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.mfa_enrolled:
        raise DomainError("An authenticator is already set up for this account")
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        user.save(update_fields=["totp_secret"])
    return pyotp.TOTP(user.totp_secret).provisioning_uri(
        name=user.email, issuer_name=settings.SERVICE_NAME
    )


def mfa_confirm_enrolment(*, user: User, code: str) -> User:
    user = User.objects.get(pk=user.pk)
    if user.mfa_enrolled or not user.totp_secret:
        raise DomainError("Start setting up your authenticator again")
    if _is_locked(user):
        raise SignInError(_locked_message(user))
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        step = _matching_step(locked.totp_secret, code, locked.totp_last_step)
        if step is not None:
            User.objects.filter(pk=user.pk).update(
                totp_confirmed_at=timezone.now(), totp_last_step=step
            )
            _record_success(user)
            audit_record(actor=Actor.for_user(user), action="mfa_enrol", obj=user)
            user.refresh_from_db()
            return user
    _refuse_code(user)
    raise AssertionError("unreachable")  # _refuse_code always raises
