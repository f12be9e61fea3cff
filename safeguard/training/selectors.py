"""Reads of training records. Delegates' details are personal data: views of them are logged."""

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.core.paginator import Page
from django.db import transaction
from django.db.models import Case, Count, Q, QuerySet, When
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.pagination import paginate
from safeguard.core.policy import Permission, require_permission
from safeguard.training.links import booking_id_from
from safeguard.training.models import Booking, Course, CourseKind, Invoice, Session
from safeguard.training.models.bookings import (
    PLACE_HOLDING,
    BookingStatus,
    InvoiceStatus,
    on_the_register,
)


def _with_places(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.annotate(taken=Count("bookings", filter=Q(bookings__status__in=PLACE_HOLDING)))


@dataclass(frozen=True)
class Offer:
    """A course with its sessions still to come, each annotated with `taken` places."""

    course: Course
    upcoming: list[Session]


def _upcoming() -> QuerySet[Session]:
    return _with_places(
        Session.objects.filter(starts_at__gt=timezone.now(), is_cancelled=False)
    ).order_by("starts_at")


def catalogue() -> list[Offer]:
    """Active courses, and events still to come, with their dates (public: no personal data)."""
    by_course: dict[UUID, list[Session]] = {}
    for session in _upcoming():
        by_course.setdefault(session.course_id, []).append(session)
    courses = Course.objects.filter(is_active=True).exclude(kind=CourseKind.ELEARNING)
    offers = [Offer(course, by_course.get(course.pk, [])) for course in courses]
    # A course is listed even between dates; a learning event only while it is to come.
    return [o for o in offers if o.upcoming or o.course.kind == CourseKind.COURSE]


def course_get(*, course_id: UUID) -> Offer:
    course = Course.objects.filter(pk=course_id, is_active=True).first()
    if course is None:
        raise NotFound
    return Offer(course, list(_upcoming().filter(course=course)))


def session_get(*, session_id: UUID) -> Session:
    session = (
        _with_places(Session.objects.select_related("course"))
        .filter(pk=session_id, is_cancelled=False)
        .first()
    )
    if session is None:
        raise NotFound
    return session


def _log(actor: Actor, object_id: object, why: str) -> None:
    access_log_record(
        actor=actor,
        action=Action.VIEW,
        object_type="training.booking",
        object_id=object_id,
        why=why,
    )


def admin_sessions(*, actor: Actor) -> list[Session]:
    require_permission(actor, Permission.TRAINING_MANAGE)
    since = timezone.now() - dt.timedelta(days=60)
    return list(
        _with_places(Session.objects.filter(starts_at__gte=since))
        .select_related("course")
        .order_by("starts_at")
    )


def admin_courses(*, actor: Actor) -> QuerySet[Course]:
    require_permission(actor, Permission.TRAINING_MANAGE)
    return Course.objects.annotate(n=Count("sessions")).order_by("kind", "title")


def admin_course(*, actor: Actor, course_id: UUID) -> Course:
    require_permission(actor, Permission.TRAINING_MANAGE)
    course = Course.objects.filter(pk=course_id).first()
    if course is None:
        raise NotFound
    return course


def admin_session(*, actor: Actor, session_id: UUID) -> Session:
    require_permission(actor, Permission.TRAINING_MANAGE)
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        raise NotFound
    return session


def register(*, actor: Actor, session_id: UUID) -> tuple[Session, list[Booking]]:
    """Those on the session's register, then those waiting in turn. Reading it is logged."""
    session = admin_session(actor=actor, session_id=session_id)
    with transaction.atomic():
        bookings = list(on_the_register(session).order_by("full_name"))
        bookings += list(
            session.bookings.filter(status=BookingStatus.WAITING).order_by("booked_at")
        )
        _log(actor, session.pk, "Opened a session's register")
    return session, bookings


def invoices(*, actor: Actor, page_number: str | None) -> Page:
    require_permission(actor, Permission.TRAINING_MANAGE)
    with transaction.atomic():
        # Unpaid first, as the page says: the statuses' names do not sort that way.
        unpaid_first = Case(When(status=InvoiceStatus.UNPAID, then=0), default=1)
        page = paginate(
            Invoice.objects.select_related("booking__session__course").order_by(
                unpaid_first, "status", "-issued_on", "-number"
            ),
            page_number=page_number,
        )
        page.object_list = list(page.object_list)
        _log(actor, "", "Looked at training invoices")
    return page


def booking_for_link(*, token: str) -> Booking:
    """The delegate's own booking, from their signed link. Anything else, anonymised, or past
    the link's life (TRAINING_LINK_DAYS_AFTER days after the session ends) is 404."""
    booking_id = booking_id_from(token)
    link_life = dt.timedelta(days=settings.TRAINING_LINK_DAYS_AFTER)
    booking = (
        Booking.objects.select_related("session__course", "agency", "invoice")
        .prefetch_related("evaluations")
        .filter(
            pk=booking_id,
            anonymised_at__isnull=True,
            session__ends_at__gt=timezone.now() - link_life,
        )
        .first()
        if booking_id
        else None
    )
    if booking is None:
        raise NotFound
    _log(Actor.for_link("training booking link"), booking.pk, "Delegate opened their booking")
    return booking


def bookings_of(*, actor: Actor) -> list[Booking]:
    """A signed-in person's own bookings: made while signed in, or with their email address."""
    user = actor.person_acting()
    with transaction.atomic():
        bookings = list(
            Booking.objects.filter(Q(user=user) | Q(email__iexact=user.email))
            .filter(anonymised_at__isnull=True)
            .select_related("session__course")
            .order_by("-session__starts_at")
        )
        _log(actor, "", "Looked at their own training bookings")
    return bookings


def invoice_get(*, actor: Actor, invoice_id: UUID) -> Invoice:
    require_permission(actor, Permission.TRAINING_MANAGE)
    invoice = Invoice.objects.filter(pk=invoice_id).first()
    if invoice is None:
        raise NotFound
    return invoice
