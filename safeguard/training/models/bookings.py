from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel, VersionedModel
from safeguard.partners.models import Agency
from safeguard.training.models.courses import Session


class BookingStatus(models.TextChoices):
    # A public booking holds no place until its email address is confirmed (issue 17).
    UNCONFIRMED = "unconfirmed", "Waiting for you to confirm your email address"
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "Did not attend"


# Bookings that hold a place in the session.
PLACE_HOLDING = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


class Booking(BaseModel, VersionedModel):
    """A delegate's booking. Holds only what the course needs; anonymised after retention."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=12, choices=BookingStatus.choices)
    is_partner = models.BooleanField()
    # A partner agency chosen without proof (an address at one of its domains, or an account
    # there): charged until the training administrator confirms it.
    partner_claim_pending = models.BooleanField(default=False)
    fee_pence = models.PositiveIntegerField(default=0)
    booked_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    late_cancellation = models.BooleanField(default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    personal_data = True

    class Meta:
        ordering = ["booked_at"]
        indexes = [models.Index(fields=["session", "status", "booked_at"])]

    def __str__(self) -> str:
        return f"Booking {self.pk}"


class InvoiceStatus(models.TextChoices):
    UNPAID = "unpaid", "Unpaid"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


class Invoice(BaseModel):
    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="invoice")
    number = models.CharField(max_length=20, unique=True)
    amount_pence = models.PositiveIntegerField()
    issued_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.UNPAID
    )
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-number"]

    def __str__(self) -> str:
        return self.number


class InvoiceCounter(models.Model):
    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class EvaluationStage(models.TextChoices):
    BEFORE = "before", "Before the course"
    AFTER = "after", "After the course"


class Evaluation(BaseModel):
    """A delegate's self-rating before or after a course, as positions on the scales."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="evaluations")
    stage = models.CharField(max_length=6, choices=EvaluationStage.choices)
    knowledge = models.PositiveSmallIntegerField()
    confidence = models.PositiveSmallIntegerField()
    feedback = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "stage"], name="one_evaluation_a_stage")
        ]

    def __str__(self) -> str:
        return f"{self.stage} {self.booking_id}"


def on_the_register(session: Session) -> models.QuerySet[Booking]:
    """Who held a place on the day: everyone but those waiting, those who never confirmed, and
    those who cancelled before."""
    return (
        session.bookings.exclude(status__in=[BookingStatus.WAITING, BookingStatus.UNCONFIRMED])
        .exclude(status=BookingStatus.CANCELLED, cancelled_at__lt=session.starts_at)
        .select_related("agency")
    )
