"""The public side: catalogue, booking, and a delegate's own booking through its link."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.core.actors import Actor
from safeguard.core.clients import client_address
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.govuk_forms.forms import posted_choice
from safeguard.training import presenters, selectors
from safeguard.training.forms.public import BookingForm, EvaluationForm
from safeguard.training.links import booking_id_to_confirm, booking_token
from safeguard.training.models.bookings import EvaluationStage
from safeguard.training.services import delivery
from safeguard.training.services.bookings import (
    Delegate,
    booking_cancel,
    booking_confirm,
    booking_create,
)


@login_not_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/catalogue.jinja",
        {
            "title": "Safeguarding training",
            "offers": selectors.catalogue(),
            "presenters": presenters,
        },
    )


@login_not_required
@require_GET
def course(request: HttpRequest, course_id: UUID) -> HttpResponse:
    offer = selectors.course_get(course_id=course_id)
    return render(
        request,
        "training/course.jinja",
        {"title": offer.course.title, "offer": offer, "presenters": presenters},
    )


def _initial(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "full_name": user.full_name,
        "email": user.email,
        "agency": user.agency if user.agency.is_partner else None,
    }


@login_not_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, session_id: UUID) -> HttpResponse:
    session = selectors.session_get(session_id=session_id)
    form = BookingForm(form_data(request), initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = data["agency"]
        delegate = Delegate(
            full_name=data["full_name"],
            email=data["email"],
            role=data["role"],
            agency_id=agency.pk if agency else None,
            organisation=data["organisation"],
            user=request.user if request.user.is_authenticated else None,
            client=client_address(request),
        )
        try:
            new = booking_create(session_id=session.pk, delegate=delegate)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect(f"/training/bookings/{new.token}/?new=1")
    context = {
        "title": f"Book: {session.course.title}",
        "form": form,
        "session": session,
        "presenters": presenters,
        "late_days": settings.TRAINING_LATE_CANCELLATION_DAYS,
    }
    return render(request, "training/book.jinja", context)


@login_not_required
@require_GET
def booking(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.booking_for_link(token=token)
    context = {
        "title": "Your booking",
        "booking": found,
        "token": token,
        "new": posted_choice(request.GET, "new", ["1"]) == "1",
        "presenters": presenters,
        **presenters.booking_state(found),
    }
    return render(request, "training/booking.jinja", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email: a button, so that a mail scanner following links
    confirms nothing."""
    booking_id = booking_id_to_confirm(token)
    if booking_id is None:
        raise Http404
    if request.method == "POST":
        try:
            booking = booking_confirm(booking_id=booking_id)
        except DomainError as error:
            messages.error(request, error.message)
            return render(request, "training/confirm.jinja", {"title": "Confirm your booking"})
        return redirect(f"/training/bookings/{booking_token(booking.pk)}/?new=1")
    return render(request, "training/confirm.jinja", {"title": "Confirm your booking"})


@login_not_required
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.booking_for_link(token=token)
    try:
        booking_cancel(booking_id=found.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Your booking is cancelled")
    return redirect("training:booking", token=token)


@login_not_required
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, token: str, stage: str) -> HttpResponse:
    found = selectors.booking_for_link(token=token)
    if stage not in EvaluationStage.values:
        raise Http404
    form = EvaluationForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            delivery.evaluation_submit(
                booking=found,
                stage=stage,
                knowledge=int(form.cleaned_data["knowledge"]),
                confidence=int(form.cleaned_data["confidence"]),
                feedback=form.cleaned_data["feedback"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Thank you: your rating is recorded")
            return redirect("training:booking", token=token)
    title = "Before the course" if stage == EvaluationStage.BEFORE else "After the course"
    return render(
        request,
        "training/evaluate.jinja",
        {"title": title, "form": form, "booking": found, "token": token},
    )


@login_not_required
@require_GET
def certificate(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.booking_for_link(token=token)
    try:
        pdf = delivery.certificate_pdf(found)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("training:booking", token=token)
    response = HttpResponse(pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = 'attachment; filename="certificate.pdf"'
    return response


@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/my_bookings.jinja",
        {
            "title": "Your training",
            "rows": [
                (b, booking_token(b.pk))
                for b in selectors.bookings_of(actor=Actor.for_user(request.user))
            ],
            "presenters": presenters,
        },
    )
