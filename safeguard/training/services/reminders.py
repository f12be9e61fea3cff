"""Reminder emails before a session, once per booking."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeguard.training.emails import booking_email
from safeguard.training.models import Booking, BookingStatus


@transaction.atomic
def booking_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind everyone booked on a session starting within the reminder period.

    `reminded_at` makes a second run (or a run every hour) send nothing twice.
    """
    now = now or timezone.now()
    due = (
        Booking.objects.select_for_update(skip_locked=True)
        .select_related("session__course")
        .filter(
            status=BookingStatus.BOOKED,
            reminded_at__isnull=True,
            anonymised_at__isnull=True,
            session__is_cancelled=False,
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(days=settings.TRAINING_REMINDER_DAYS),
        )
    )
    sent = 0
    for booking in due:
        booking.reminded_at = now
        booking.save(update_fields=["reminded_at", "updated_at"])
        booking_email(booking, "reminder")
        sent += 1
    return sent
