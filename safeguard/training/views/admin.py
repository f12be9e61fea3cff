"""The training administrator's pages."""

import datetime as dt
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.pagination import pagination_params
from safeguard.core.policy import Permission, require_permission
from safeguard.core.presenters import format_date, format_datetime
from safeguard.govuk_forms.forms import posted_choice
from safeguard.training import presenters, selectors
from safeguard.training.forms.admin import CourseForm, ImportForm, PaidForm, SessionForm
from safeguard.training.models import BookingStatus, Course, Session
from safeguard.training.services import delivery
from safeguard.training.services.bookings import booking_partner_decide
from safeguard.training.services.elearning import elearning_import


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    context = {
        "title": "Training administration",
        "courses": selectors.admin_courses(actor=actor),
        "sessions": selectors.admin_sessions(actor=actor),
        "presenters": presenters,
    }
    return render(request, "training/admin/dashboard.jinja", context)


def _course_initial(course: Course) -> dict[str, object]:
    return {
        "title": course.title,
        "kind": course.kind,
        "level": course.level,
        "audience": course.audience,
        "description": course.description,
        "learning_outcomes": course.learning_outcomes,
        "duration": course.duration,
        "fee": f"{course.fee_pence / 100:.2f}",
        "version": course.version,
    }


@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, course_id: UUID | None = None) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.TRAINING_MANAGE)
    course = selectors.admin_course(actor=actor, course_id=course_id) if course_id else None
    form = CourseForm(form_data(request), initial=_course_initial(course) if course else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["fee_pence"] = data.pop("fee")
        try:
            delivery.course_save(actor=actor, course=course, seen_version=version, **data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Course saved")
            return redirect("training:admin")
    return render(
        request,
        "training/admin/form.jinja",
        {"title": "Change the course" if course else "Add a course", "form": form},
    )


def _session_initial(session: Session) -> dict[str, object]:
    local = timezone.localtime(session.starts_at)
    return {
        "date": local.date(),
        "starts": f"{local:%H:%M}",
        "ends": f"{timezone.localtime(session.ends_at):%H:%M}",
        "venue": session.venue,
        "online": ["yes"] if session.online else [],
        "capacity": str(session.capacity),
        "trainers": session.trainers,
        "version": session.version,
    }


@require_http_methods(["GET", "POST"])
def session_edit(
    request: HttpRequest, course_id: UUID | None = None, session_id: UUID | None = None
) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.TRAINING_MANAGE)
    session = selectors.admin_session(actor=actor, session_id=session_id) if session_id else None
    course = session.course if session else selectors.admin_course(actor=actor, course_id=course_id)  # type: ignore[arg-type]
    form = SessionForm(form_data(request), initial=_session_initial(session) if session else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        zone = timezone.get_current_timezone()
        try:
            delivery.session_save(
                actor=actor,
                session=session,
                course=course,
                seen_version=data["version"],
                starts_at=dt.datetime.combine(data["date"], data["starts"], zone),
                ends_at=dt.datetime.combine(data["date"], data["ends"], zone),
                venue=data["venue"],
                online=bool(data["online"]),
                capacity=data["capacity"],
                trainers=data["trainers"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Session saved")
            return redirect("training:admin")
    title = f"{'Change a' if session else 'Add a'} session: {course.title}"
    return render(request, "training/admin/form.jinja", {"title": title, "form": form})


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, session_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    session, bookings = selectors.register(actor=actor, session_id=session_id)
    if request.method == "POST":
        marks = {
            b.pk: posted_choice(request.POST, f"mark-{b.pk}", delivery.REGISTER_STATUSES) or ""
            for b in bookings
            if b.status != BookingStatus.WAITING
        }
        try:
            delivery.register_mark(
                actor=actor, session_id=session.pk, marks={k: v for k, v in marks.items() if v}
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Register saved")
        return redirect("training:register", session_id=session.pk)
    return render(
        request,
        "training/admin/register.jinja",
        {
            "title": f"Register: {session.course.title}",
            "session": session,
            "places": [b for b in bookings if b.status != BookingStatus.WAITING],
            "waiting": [b for b in bookings if b.status == BookingStatus.WAITING],
            "claims": [b for b in bookings if b.partner_claim_pending],
            "register_open": session.starts_at <= timezone.now(),
            "opens_at": format_datetime(session.starts_at),
            "marks": [(s, BookingStatus(s).label) for s in delivery.REGISTER_STATUSES],
            "presenters": presenters,
        },
    )


@require_GET
def invoices(request: HttpRequest) -> HttpResponse:
    page = selectors.invoices(
        actor=Actor.for_user(request.user), page_number=request.GET.get("page")
    )
    return render(
        request,
        "training/admin/invoices.jinja",
        {
            "title": "Invoices",
            "page": page,
            "presenters": presenters,
            "pagination": pagination_params(page, request.GET),
        },
    )


@require_http_methods(["GET", "POST"])
def invoice_paid(request: HttpRequest, invoice_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    invoice = selectors.invoice_get(actor=actor, invoice_id=invoice_id)
    form = PaidForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            delivery.invoice_mark_paid(
                actor=actor, invoice_id=invoice.pk, paid_on=form.cleaned_data["paid_on"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Invoice {invoice.number} marked as paid")
            return redirect("training:invoices")
    context = {
        "title": f"Record payment of {invoice.number}",
        "intro": f"{presenters.amount(invoice.amount_pence)}, due {format_date(invoice.due_on)}",
        "form": form,
    }
    return render(request, "training/admin/form.jinja", context)


@require_http_methods(["GET", "POST"])
def elearning(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.TRAINING_MANAGE)
    form = ImportForm(form_data(request), request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"][0]
        result = elearning_import(
            actor=actor, file_name=upload.name or "upload.csv", content=upload.read()
        )
    return render(
        request,
        "training/admin/elearning.jinja",
        {
            "title": "Import e-learning completions",
            "form": form,
            "result": result,
            "presenters": presenters,
        },
    )


@require_POST
def partner_claim(request: HttpRequest, booking_id: UUID) -> HttpResponse:
    """The training administrator confirms, or not, that a delegate works for a partner."""
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.TRAINING_MANAGE)
    decision = posted_choice(request.POST, "decision", ["approve", "refuse"])
    if decision is None:
        messages.error(request, "Choose whether they work for the partner agency")
        return redirect("training:admin")
    booking = booking_partner_decide(
        actor=actor, booking_id=booking_id, approve=decision == "approve"
    )
    messages.success(
        request, "Confirmed: they train free" if booking.is_partner else "Not confirmed: charged"
    )
    return redirect("training:register", session_id=booking.session_id)
