"""The IG officer's review of break-glass access and of security events."""

from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core import security_presenters, selectors, services
from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.forms import ReviewForm
from safeguard.core.http import form_data
from safeguard.core.pagination import pagination_params


@require_GET
def break_glass_reviews(request: HttpRequest) -> HttpResponse:
    page = selectors.break_glass_grant_page(
        actor=Actor.for_user(request.user), page_number=request.GET.get("page")
    )
    context = {
        "title": "Break-glass access to review",
        "page": page,
        "pagination": pagination_params(page, request.GET),
    }
    return render(request, "core/break_glass_reviews.jinja", context)


@require_http_methods(["GET", "POST"])
def break_glass_review(request: HttpRequest, grant_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    grant = selectors.break_glass_grant_get(actor=actor, grant_id=grant_id)
    form = ReviewForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_review(
                actor=actor, grant_id=grant.pk, note=form.cleaned_data["note"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Review recorded")
            return redirect("core:break-glass-reviews")
    return render(
        request,
        "core/break_glass_review.jinja",
        {"title": "Review break-glass access", "grant": grant, "form": form},
    )


@require_GET
def security_events(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    hours = settings.SECURITY_REFUSALS_WINDOW_HOURS
    refusals = selectors.security_refusals(
        actor=actor, since=timezone.now() - timedelta(hours=hours)
    )
    page = selectors.security_events_page(actor=actor, page_number=request.GET.get("page"))
    context = {
        "title": "Security events",
        "window_hours": hours,
        "refusals": security_presenters.refusal_rows(refusals),
        "events": security_presenters.event_rows(list(page.object_list)),
        "pagination": pagination_params(page, request.GET),
    }
    return render(request, "core/security_events.jinja", context)
