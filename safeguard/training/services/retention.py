"""Anonymising delegates past the retention period, keeping every count."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.training.models import Booking, ELearningCompletion


@transaction.atomic
def training_retention(*, older_than_years: int, today: dt.date | None = None) -> tuple[int, int]:
    """Remove names and contact details from bookings and completions older than the period.

    Agency, status, fees, dates and ratings stay, so every report keeps its figures.
    """
    if older_than_years < 1:
        raise ValueError("The retention period is at least one year")
    today = today or timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - older_than_years)
    except ValueError:  # 29 February, in a year that has none
        cutoff = today.replace(year=today.year - older_than_years, day=28)
    now = timezone.now()
    bookings = Booking.objects.filter(
        session__starts_at__date__lt=cutoff, anonymised_at__isnull=True
    ).update(
        full_name="Anonymised delegate",
        email="",
        role="",
        user=None,
        anonymised_at=now,
    )
    completions = ELearningCompletion.objects.filter(
        completed_on__lt=cutoff, anonymised_at__isnull=True
    ).update(full_name="Anonymised learner", anonymised_at=now)
    access_log_record(
        actor=Actor(user=None, agency=None, roles=frozenset()),
        action=Action.CHANGE,
        object_type="training.retention",
        why=f"Anonymised {bookings} bookings and {completions} completions before {cutoff}",
    )
    return bookings, completions
