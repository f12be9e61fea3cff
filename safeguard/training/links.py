"""A delegate's signed links: to their booking, and to confirm their email address.

Signing (rather than storing a random secret) lets every email carry the link again, such as
the one telling someone on the waiting list that a place has come up. Each link expires
(issue 17): the booking link TRAINING_LINK_DAYS_AFTER days after its session ends (worked out
when the link is used, from the session as it is then: see selectors.booking_for_link), the
confirmation link within TRAINING_CONFIRM_HOURS.
"""

from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.core import signing

_SALT = "safeguard.training.booking"
_CONFIRM_SALT = "safeguard.training.confirm"


def booking_token(booking_id: UUID) -> str:
    return signing.dumps(booking_id.hex, salt=_SALT)


def booking_id_from(token: str) -> UUID | None:
    try:
        return UUID(hex=signing.loads(token, salt=_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def confirm_token(booking_id: UUID) -> str:
    return signing.dumps(booking_id.hex, salt=_CONFIRM_SALT)


def booking_id_to_confirm(token: str) -> UUID | None:
    """The booking whose address this link confirms, if the link is still within its hours."""
    try:
        max_age = timedelta(hours=settings.TRAINING_CONFIRM_HOURS)
        return UUID(hex=signing.loads(token, salt=_CONFIRM_SALT, max_age=max_age))
    except (signing.BadSignature, ValueError, TypeError):
        return None
