"""Training emails, sent as background tasks once the change is committed."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from safeguard.core.presenters import format_datetime
from safeguard.core.tasks import send_email
from safeguard.training.links import booking_token
from safeguard.training.models import Booking

_SUBJECTS = {
    "booked": "Your training place is booked",
    "waiting": "You are on the waiting list",
    "promoted": "A place has come up: you are booked",
    "cancelled": "Your training booking is cancelled",
    "reminder": "Reminder: your training is coming up",
}


def booking_email(booking: Booking, kind: str) -> None:
    """Every email carries the delegate's link, so they can manage the booking from it."""
    session = booking.session
    lines = [
        f"Dear {booking.full_name},",
        "",
        f"{session.course.title}, {format_datetime(session.starts_at)}",
        f"Where: {'Online' if session.online else session.venue}",
        "",
    ]
    if kind == "waiting":
        lines.append("The session is full. We will email you if a place comes up.")
    link = settings.SITE_URL.rstrip("/") + reverse(
        "training:booking", args=[booking_token(booking.pk)]
    )
    lines.append(f"Your booking, to cancel it or rate the course: {link}")
    if booking.fee_pence and kind in ("booked", "promoted"):
        lines.append(f"Fee: £{booking.fee_pence / 100:,.2f}. An invoice follows.")
    transaction.on_commit(
        partial(
            send_email.enqueue, to=booking.email, subject=_SUBJECTS[kind], body="\n".join(lines)
        )
    )
