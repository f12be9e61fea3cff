"""A delegate's signed link to their booking: it names the booking and cannot be forged.

Signing (rather than storing a random secret) lets every email carry the link again, such as
the one telling someone on the waiting list that a place has come up.
"""

from uuid import UUID

from django.core import signing

_SALT = "safeguard.training.booking"


def booking_token(booking_id: UUID) -> str:
    return signing.dumps(booking_id.hex, salt=_SALT)


def booking_id_from(token: str) -> UUID | None:
    try:
        return UUID(hex=signing.loads(token, salt=_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None
