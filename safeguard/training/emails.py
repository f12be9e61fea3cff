"""Training emails, sent as background tasks once the change is committed."""

from functools import partial

from django.conf import settings
from django.db import transaction

from safeguard.core.links import site_link
from safeguard.core.presenters import format_datetime
from safeguard.core.tasks import send_email
from safeguard.training.links import booking_token, confirm_token
from safeguard.training.models import Booking

_SUBJECTS = {
    "booked": "Your training place is booked",
    "waiting": "You are on the waiting list",
    "promoted": "A place has come up: you are booked",
    "cancelled": "Your training booking is cancelled",
    "reminder": "Reminder: your training is coming up",
}


def confirm_email(booking: Booking) -> None:
    """Asks the address to confirm the booking. It repeats nothing the booker typed (the form
    is public: it must not be a way to send anyone a message)."""
    session = booking.session
    link = site_link("training:confirm", args=[confirm_token(booking.pk)])
    body = "\n".join(
        [
            "Someone asked to book a place with this email address on:",
            "",
            f"{session.course.title}, {format_datetime(session.starts_at)}",
            "",
            f"To confirm the booking, within {settings.TRAINING_CONFIRM_HOURS} hours: {link}",
            "",
            "If it was not you, ignore this email: nothing is booked until it is confirmed.",
        ]
    )
    transaction.on_commit(
        partial(
            send_email.enqueue,
            to=booking.email,
            subject="Confirm your training booking",
            body=body,
        )
    )


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
    link = site_link("training:booking", args=[booking_token(booking.pk)])
    lines.append(f"Your booking, to cancel it or rate the course: {link}")
    if booking.fee_pence and kind in ("booked", "promoted"):
        lines.append(f"Fee: £{booking.fee_pence / 100:,.2f}. An invoice follows.")
    transaction.on_commit(
        partial(
            send_email.enqueue, to=booking.email, subject=_SUBJECTS[kind], body="\n".join(lines)
        )
    )
