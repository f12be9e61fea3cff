"""A delegate's signed links: to their booking, and to confirm their email address.

Signing (rather than storing a random secret) lets every email carry the link again, such as
the one telling someone on the waiting list that a place has come up. Each link expires
(issue 17): the booking link some days after the session ends, for the rating after it and
the certificate; the confirmation link within hours.
"""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.utils import timezone

_SALT = "safeguard.training.booking.v2"
_CONFIRM_SALT = "safeguard.training.confirm"


def booking_token(booking_id: UUID) -> str:
    """The link to the booking, valid until TRAINING_LINK_DAYS_AFTER days after its session."""
    from safeguard.training.models import Booking

    ends = Booking.objects.filter(pk=booking_id).values_list("session__ends_at", flat=True).first()
    until = (ends or timezone.now()) + timedelta(days=settings.TRAINING_LINK_DAYS_AFTER)
    return signing.dumps([booking_id.hex, int(until.timestamp())], salt=_SALT)


def booking_id_from(token: str) -> UUID | None:
    try:
        booking_hex, until = signing.loads(token, salt=_SALT)
        if datetime.fromtimestamp(int(until), tz=UTC) <= timezone.now():
            return None
        return UUID(hex=booking_hex)
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
