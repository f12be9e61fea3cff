"""Booking: public, free for partners' staff, charged otherwise, with a waiting list."""

import datetime as dt
import ipaddress
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.hashing import sha256_hex
from safeguard.core.policy import Permission, require_permission
from safeguard.partners.models import Agency, User
from safeguard.partners.services.throttle import rate_limited
from safeguard.training.emails import booking_email, confirm_email
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
    """Only what a course needs to know about a delegate, and the client that booked."""

    full_name: str
    email: str
    role: str = ""
    agency_id: UUID | None = None
    organisation: str = ""
    user: User | None = None
    client: str = ""


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
    duplicate = (
        session.bookings.filter(email__iexact=delegate.email.strip())
        .exclude(status=BookingStatus.CANCELLED)
        .exclude(status=BookingStatus.UNCONFIRMED, booked_at__lt=_confirm_deadline())
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


def _confirm_deadline() -> dt.datetime:
    """Unconfirmed bookings made before this have lapsed."""
    return timezone.now() - dt.timedelta(hours=settings.TRAINING_CONFIRM_HOURS)


def _client_group(client: str) -> str:
    """The client as a throttle counts it: an IPv6 client by its /64 (one household or office
    can take any address in it), and an unknown client in one shared group."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _check_rate(delegate: Delegate) -> None:
    """A public form that emails people must not be a way to mail anyone over and over."""
    now, hour = timezone.now(), dt.timedelta(hours=1)
    if rate_limited(
        f"booking-client:{_client_group(delegate.client)}",
        limit=settings.TRAINING_BOOKINGS_PER_CLIENT_HOUR,
        window=hour,
        now=now,
    ):
        raise DomainError("Too many bookings from your network in the last hour. Try later.")
    if rate_limited(
        f"booking-email:{sha256_hex(delegate.email.strip().lower())}",
        limit=settings.TRAINING_BOOKINGS_PER_EMAIL_HOUR,
        window=hour,
        now=now,
    ):
        raise DomainError(
            "Too many bookings for this email address in the last hour. Try later.",
            field="email",
        )


def _partner(agency: Agency | None, delegate: Delegate) -> tuple[bool, bool]:
    """(trains free, claim to check): a partner's staff prove it by an address at one of its
    domains, or by their account there; anyone else who names a partner is charged until the
    training administrator confirms it."""
    if agency is None or not agency.is_partner:
        return False, False
    # An account at the agency proves it only for that account's own address: a partner's
    # staff cannot book a free place for someone else.
    proven = agency.owns_address(delegate.email) or (
        _confirmed(delegate) and delegate.user is not None and delegate.user.agency_id == agency.pk
    )
    return proven, not proven


def _confirmed(delegate: Delegate) -> bool:
    """A signed-in user booking with their own address has proved it already."""
    user = delegate.user
    return user is not None and user.email.lower() == delegate.email.strip().lower()


def _hold_place(session: Session, booking: Booking) -> None:
    """A confirmed booking takes a place, or waits for one; a place is invoiced and told."""
    full = _places_taken(session) >= session.capacity
    booking.status = BookingStatus.WAITING if full else BookingStatus.BOOKED
    booking.version += 1
    booking.save(update_fields=["status", "version", "updated_at"])
    if not full and booking.fee_pence:
        invoice_issue(booking)
    booking_email(booking, "waiting" if full else "booked")


@transaction.atomic
def booking_create(
    *, session_id: UUID, delegate: Delegate, accept_waiting_list: bool = True
) -> NewBooking:
    """Book a place, or a place on the waiting list if the session is full; from the public
    form, hold it only once the email address is confirmed (booking_confirm).

    The session row is locked first, so that two people taking the last place queue up: one
    gets it, the other goes on the waiting list (or is refused, if they did not accept that).
    """
    _check_rate(delegate)
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
    is_partner, claim = _partner(agency, delegate)
    booking = Booking.objects.create(
        session=session,
        full_name=delegate.full_name.strip(),
        email=delegate.email.strip().lower(),
        agency=agency,
        organisation=agency.name if agency else delegate.organisation.strip(),
        role=delegate.role.strip(),
        user=delegate.user,
        status=BookingStatus.UNCONFIRMED,
        is_partner=is_partner,
        partner_claim_pending=claim,
        fee_pence=0 if is_partner else session.course.fee_pence,
        booked_at=timezone.now(),
    )
    if _confirmed(delegate):
        _hold_place(session, booking)
    else:
        confirm_email(booking)
    return NewBooking(booking, booking_token(booking.pk))


@transaction.atomic
def booking_confirm(*, booking_id: UUID) -> Booking:
    """The delegate confirmed their address: the booking takes a place, or waits for one."""
    # The session first, then the booking: the order booking and cancelling lock them in.
    session_id = Booking.objects.filter(pk=booking_id).values_list("session_id", flat=True).first()
    if session_id is None:
        raise NotFound
    locked = (
        Session.objects.select_for_update(of=("self",)).select_related("course").get(pk=session_id)
    )
    booking = Booking.objects.select_for_update().get(pk=booking_id)
    if booking.status != BookingStatus.UNCONFIRMED:
        return booking  # confirmed already: the link was followed twice
    if booking.booked_at < _confirm_deadline():
        raise DomainError("This link has expired. Book again.")
    if locked.is_cancelled or locked.starts_at <= timezone.now():
        raise DomainError("This session has started or been cancelled. Choose another date.")
    _hold_place(locked, booking)
    return booking


@transaction.atomic
def booking_partner_decide(*, actor: Actor, booking_id: UUID, approve: bool) -> Booking:
    """The training administrator settles a claim to work for a partner agency: confirmed,
    the place is free and any unpaid invoice is cancelled; refused, the fee stands."""
    require_permission(actor, Permission.TRAINING_MANAGE)
    booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
    if booking is None or not booking.partner_claim_pending:
        raise NotFound
    booking.partner_claim_pending = False
    if approve:
        booking.is_partner, booking.fee_pence = True, 0
        Invoice.objects.filter(booking=booking, status=InvoiceStatus.UNPAID).update(
            status=InvoiceStatus.CANCELLED, updated_at=timezone.now()
        )
    booking.version += 1
    booking.save(
        update_fields=["partner_claim_pending", "is_partner", "fee_pence", "version", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="training_partner_claim",
        obj=booking,
        changes={"approved": approve},
    )
    return booking


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
