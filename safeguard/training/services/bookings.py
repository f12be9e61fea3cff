"""Booking: public, free for partners' staff, charged otherwise, with a waiting list."""

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.core.errors import DomainError, NotFound
from safeguard.partners.models import Agency, User
from safeguard.training.emails import booking_email
from safeguard.training.links import booking_token
from safeguard.training.models import (
    Booking,
    BookingStatus,
    Invoice,
    InvoiceCounter,
    InvoiceStatus,
    Session,
)
from safeguard.training.models.bookings import PLACE_HOLDING


@dataclass(frozen=True)
class Delegate:
    """Only what a course needs to know about a delegate."""

    full_name: str
    email: str
    role: str = ""
    agency_id: UUID | None = None
    organisation: str = ""
    user: User | None = None


@dataclass(frozen=True)
class NewBooking:
    booking: Booking
    token: str  # the signed part of the delegate's link to their booking


def invoice_number(year: int, sequence: int) -> str:
    return f"INV-{year}-{sequence:05d}"


def _next_invoice_number(year: int) -> str:
    with transaction.atomic():
        counter = InvoiceCounter.objects.select_for_update().filter(year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = InvoiceCounter.objects.create(year=year, last=0)
            except IntegrityError:
                counter = InvoiceCounter.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return invoice_number(year, counter.last)


def invoice_issue(booking: Booking) -> Invoice:
    today = timezone.localdate()
    return Invoice.objects.create(
        booking=booking,
        number=_next_invoice_number(today.year),
        amount_pence=booking.fee_pence,
        issued_on=today,
        due_on=today + dt.timedelta(days=settings.TRAINING_INVOICE_DUE_DAYS),
    )


def _places_taken(session: Session) -> int:
    return session.bookings.filter(status__in=PLACE_HOLDING).count()


def _check(session: Session, delegate: Delegate) -> Agency | None:
    if session.is_cancelled:
        raise DomainError("This session has been cancelled. Choose another date.")
    if session.starts_at <= timezone.now():
        raise DomainError("This session has already started. Choose a later date.")
    if not delegate.full_name.strip():
        raise DomainError("Enter your full name", field="full_name")
    duplicate = session.bookings.filter(email__iexact=delegate.email.strip()).exclude(
        status=BookingStatus.CANCELLED
    )
    if duplicate.exists():
        raise DomainError(
            "You have already booked this session with this email address", field="email"
        )
    if delegate.agency_id is None:
        if not delegate.organisation.strip():
            raise DomainError(
                "Enter your organisation, or choose your agency", field="organisation"
            )
        return None
    agency = Agency.objects.filter(pk=delegate.agency_id, is_active=True).first()
    if agency is None:
        raise DomainError("Choose your agency from the list", field="agency")
    return agency


@transaction.atomic
def booking_create(
    *, session_id: UUID, delegate: Delegate, accept_waiting_list: bool = True
) -> NewBooking:
    """Book a place, or a place on the waiting list if the session is full.

    The session row is locked first, so that two people taking the last place queue up: one
    gets it, the other goes on the waiting list (or is refused, if they did not accept that).
    """
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("course")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise NotFound
    agency = _check(session, delegate)
    full = _places_taken(session) >= session.capacity
    if full and not accept_waiting_list:
        raise DomainError("This session is full. You can join the waiting list instead.")
    is_partner = bool(agency and agency.is_partner)
    booking = Booking.objects.create(
        session=session,
        full_name=delegate.full_name.strip(),
        email=delegate.email.strip().lower(),
        agency=agency,
        organisation=agency.name if agency else delegate.organisation.strip(),
        role=delegate.role.strip(),
        user=delegate.user,
        status=BookingStatus.WAITING if full else BookingStatus.BOOKED,
        is_partner=is_partner,
        fee_pence=0 if is_partner else session.course.fee_pence,
        booked_at=timezone.now(),
    )
    if not full and booking.fee_pence:
        invoice_issue(booking)
    booking_email(booking, "booked" if not full else "waiting")
    return NewBooking(booking, booking_token(booking.pk))


def waiting_list_promote(session: Session) -> int:
    """Give each free place to the next person waiting, in turn: invoice them and tell them.

    Call it with the session row locked, after a place is freed or places are added.
    """
    free = session.capacity - _places_taken(session)
    waiting = session.bookings.filter(status=BookingStatus.WAITING).order_by("booked_at")
    promoted = 0
    for booking in waiting[: max(0, free)]:
        booking.status = BookingStatus.BOOKED
        booking.version += 1
        booking.save(update_fields=["status", "version", "updated_at"])
        if booking.fee_pence:
            invoice_issue(booking)
        booking_email(booking, "promoted")
        promoted += 1
    return promoted


def _is_late(session: Session, at: dt.datetime) -> bool:
    return session.starts_at - at < dt.timedelta(days=settings.TRAINING_LATE_CANCELLATION_DAYS)


@transaction.atomic
def booking_cancel(*, booking_id: UUID) -> Booking:
    """Cancel, free the place and promote the next person waiting.

    A non-partner who cancels late keeps their invoice: that is the cancellation charge.
    """
    # The session first, then the booking: the order booking and the register lock them in.
    session_id = Booking.objects.filter(pk=booking_id).values_list("session_id", flat=True).get()
    Session.objects.select_for_update().filter(pk=session_id).first()
    booking = Booking.objects.select_for_update().select_related("session").get(pk=booking_id)
    if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING):
        raise DomainError("Only a booking that is still open can be cancelled")
    if booking.session.starts_at <= timezone.now():
        raise DomainError("The session has started: tell the training team instead")
    now = timezone.now()
    held_place = booking.status == BookingStatus.BOOKED
    booking.late_cancellation = (
        held_place and not booking.is_partner and _is_late(booking.session, now)
    )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.version += 1
    booking.save(
        update_fields=["status", "cancelled_at", "late_cancellation", "version", "updated_at"]
    )
    invoice = Invoice.objects.filter(booking=booking).first()
    if invoice and not booking.late_cancellation and invoice.status == InvoiceStatus.UNPAID:
        invoice.status = InvoiceStatus.CANCELLED
        invoice.save(update_fields=["status", "updated_at"])
    if held_place:
        waiting_list_promote(booking.session)
    booking_email(booking, "cancelled")
    return booking
