"""Running courses: the catalogue, the register, evaluations, invoices and certificates."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import Permission, require_permission
from safeguard.core.versioning import versioned_update
from safeguard.training.models import (
    Booking,
    BookingStatus,
    Course,
    Evaluation,
    Invoice,
    InvoiceStatus,
    Session,
)
from safeguard.training.models.bookings import PLACE_HOLDING, EvaluationStage, on_the_register
from safeguard.training.services.bookings import waiting_list_promote

REGISTER_STATUSES = (BookingStatus.ATTENDED, BookingStatus.NO_SHOW, BookingStatus.CANCELLED)


@transaction.atomic
def course_save(
    *, actor: Actor, course: Course | None, seen_version: int | None, **fields: Any
) -> Course:
    require_permission(actor, Permission.TRAINING_MANAGE)
    if course is None:
        course = Course.objects.create(**fields)
        audit_record(actor=actor, action="course_create", obj=course)
        return course
    course = versioned_update(course, seen_version=seen_version or 0, **fields)
    audit_record(actor=actor, action="course_update", obj=course)
    return course


@transaction.atomic
def session_save(
    *,
    actor: Actor,
    session: Session | None,
    course: Course,
    seen_version: int | None,
    **fields: Any,
) -> Session:
    require_permission(actor, Permission.TRAINING_MANAGE)
    if fields["ends_at"] <= fields["starts_at"]:
        raise DomainError("The session must end after it starts", field="ends_at")
    if not fields.get("online") and not fields.get("venue"):
        raise DomainError("Give the venue, or say the session is online", field="venue")
    if session is None:
        session = Session.objects.create(course=course, **fields)
        audit_record(actor=actor, action="session_create", obj=session)
        return session
    Session.objects.select_for_update().filter(pk=session.pk).first()  # as booking does
    taken = session.bookings.filter(status__in=PLACE_HOLDING).count()
    if fields["capacity"] < taken:
        raise DomainError(
            f"{taken} people have places: the capacity cannot be lower", field="capacity"
        )
    session = versioned_update(session, seen_version=seen_version or 0, **fields)
    waiting_list_promote(session)  # more places go to those waiting, in turn
    audit_record(actor=actor, action="session_update", obj=session)
    return session


@transaction.atomic
def register_mark(*, actor: Actor, session_id: UUID, marks: dict[UUID, str]) -> int:
    """Record who attended, did not attend or cancelled on the day.

    A non-partner who did not attend or cancelled on the day keeps their invoice: the charge.
    """
    require_permission(actor, Permission.TRAINING_MANAGE)
    session = Session.objects.select_for_update().filter(pk=session_id).first()
    if session is None:
        raise NotFound
    if session.starts_at > timezone.now():
        raise DomainError("The register opens when the session starts")
    bookings = {b.pk: b for b in on_the_register(session).select_for_update(of=("self",))}
    for booking_id, status in marks.items():
        if booking_id not in bookings or status not in REGISTER_STATUSES:
            raise DomainError("Mark each delegate as attended, did not attend or cancelled")
    now, changed = timezone.now(), 0
    for booking_id, status in marks.items():
        booking = bookings[booking_id]
        if booking.status == status:
            continue
        cancelled = status == BookingStatus.CANCELLED
        booking.status = status
        booking.cancelled_at = now if cancelled else None
        booking.late_cancellation = cancelled and not booking.is_partner
        booking.version += 1
        booking.save(
            update_fields=["status", "cancelled_at", "late_cancellation", "version", "updated_at"]
        )
        changed += 1
    access_log_record(
        actor=actor,
        action=Action.CHANGE,
        object_type="training.session",
        object_id=session.pk,
        why=f"Marked the register: {changed} changed",
    )
    return changed


def _scale_position(value: int, scale: list[str], name: str) -> int:
    if not 0 <= value < len(scale):
        raise DomainError(f"Choose how you rate your {name}", field=name)
    return value


@transaction.atomic
def evaluation_submit(
    *, booking: Booking, stage: str, knowledge: int, confidence: int, feedback: str = ""
) -> Evaluation:
    """A delegate's rating. After the course, only someone who attended may rate it."""
    if stage == EvaluationStage.AFTER and booking.status != BookingStatus.ATTENDED:
        raise DomainError("You can rate the course after it once the register shows you attended")
    if stage == EvaluationStage.BEFORE and booking.status not in (
        BookingStatus.BOOKED,
        BookingStatus.ATTENDED,
    ):
        raise DomainError("Only someone with a place can rate themselves before the course")
    if Evaluation.objects.filter(booking=booking, stage=stage).exists():
        raise DomainError("You have already given this rating")
    return Evaluation.objects.create(
        booking=booking,
        stage=stage,
        knowledge=_scale_position(knowledge, settings.TRAINING_KNOWLEDGE_SCALE, "knowledge"),
        confidence=_scale_position(confidence, settings.TRAINING_CONFIDENCE_SCALE, "confidence"),
        feedback=feedback.strip(),
    )


@transaction.atomic
def invoice_mark_paid(*, actor: Actor, invoice_id: UUID, paid_on: dt.date) -> Invoice:
    require_permission(actor, Permission.TRAINING_MANAGE)
    invoice = Invoice.objects.select_for_update().filter(pk=invoice_id).first()
    if invoice is None:
        raise NotFound
    if invoice.status != InvoiceStatus.UNPAID:
        raise DomainError("Only an unpaid invoice can be marked as paid")
    if paid_on > timezone.localdate():
        raise DomainError("The payment date cannot be in the future", field="paid_on")
    invoice.status = InvoiceStatus.PAID
    invoice.paid_on = paid_on
    invoice.save(update_fields=["status", "paid_on", "updated_at"])
    access_log_record(
        actor=actor,
        action=Action.CHANGE,
        object_type="training.invoice",
        object_id=invoice.pk,
        why="Recorded a payment",
    )
    return invoice


def certificate_pdf(booking: Booking) -> bytes:
    """A tagged PDF certificate, from the same kind of template as the pages."""
    from weasyprint import HTML

    if booking.status != BookingStatus.ATTENDED:
        raise DomainError("A certificate is for someone the register shows attended")
    if booking.session.ends_at > timezone.now():
        raise DomainError("Your certificate is ready when the session ends")
    html = render_to_string(
        "training/certificate.jinja",
        {
            "booking": booking,
            "session": booking.session,
            "course": booking.session.course,
            "service_name": settings.SERVICE_NAME,
        },
    )
    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
