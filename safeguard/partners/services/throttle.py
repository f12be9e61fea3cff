"""Escalating delays after failed sign-ins, per account and per client (issue 16, finding 5).

Past a number of free failures, each further failure makes the next attempt wait, twice as long
as the last wait, up to a ceiling. Attempts during a wait are refused unchecked and not counted,
so that a wait cannot be stretched for ever. Failures are forgotten after a quiet spell. An
account is keyed by a digest of the email given, whether or not an account has it, so that a
real account and an unknown one behave alike.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from safeguard.core.hashing import sha256_hex
from safeguard.partners.models import SignInThrottle


def account_key(email: str) -> str:
    return "account:" + sha256_hex(email.strip().lower())


def client_key(client: str) -> str:
    return "client:" + client[:64]


def throttle_wait(key: str, now: datetime) -> datetime | None:
    """When the next attempt may be made, if that is still to come."""
    until = SignInThrottle.objects.filter(key=key).values_list("next_attempt_at", flat=True).first()
    return until if until is not None and until > now else None


def _delay(failures: int, free: int) -> timedelta | None:
    if failures < free:
        return None
    doublings = min(failures - free, 32)
    seconds = settings.SIGN_IN_FIRST_DELAY_SECONDS * 2**doublings
    return timedelta(seconds=min(seconds, settings.SIGN_IN_MAX_DELAY_SECONDS))


def throttle_fail(key: str, *, free: int, now: datetime) -> int:
    """Counts one failure and sets the wait it earns; returns the failures counted so far."""
    with transaction.atomic():
        row, _ = SignInThrottle.objects.select_for_update().get_or_create(key=key)
        forget_after = timedelta(minutes=settings.SIGN_IN_FORGET_MINUTES)
        if row.last_failure_at is not None and now - row.last_failure_at > forget_after:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        delay = _delay(row.failures, free)
        row.next_attempt_at = now + delay if delay else None
        row.save()
    return row.failures


def throttle_clear(key: str) -> None:
    SignInThrottle.objects.filter(key=key).delete()


def rate_limited(key: str, *, limit: int, window: timedelta, now: datetime) -> bool:
    """Counts one more of something (a public booking, say) under `key`, and answers whether
    `limit` had already been reached in the current window. Here a row's `next_attempt_at`
    is the end of its window and `failures` the count in it."""
    with transaction.atomic():
        row, _ = SignInThrottle.objects.select_for_update().get_or_create(key=key)
        if row.next_attempt_at is None or row.next_attempt_at <= now:
            row.failures, row.next_attempt_at = 0, now + window
        if row.failures >= limit:
            return True
        row.failures += 1
        row.last_failure_at = now
        row.save()
    return False
