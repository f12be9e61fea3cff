from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.policy import Permission, actor_can
from safeguard.mash.presenters.work import work_links
from safeguard.mash.selectors.work import work_counts
from safeguard.partners.roles import AGGREGATE_ONLY_ROLES


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    tasks: list[tuple[Permission | None, str, str, str]] = [
        (
            Permission.MASH_TRIAGE,
            "mash:queue",
            "MASH queue",
            "Triage notifications, ask partners for information and decide.",
        ),
        (
            Permission.NOTIFICATION_SUBMIT,
            "mash:notify",
            "Tell the MASH about a child",
            "Send a safeguarding notification.",
        ),
        (
            Permission.NOTIFICATION_SUBMIT,
            "mash:submitted",
            "Notifications you sent",
            "Their status and the MASH's outcome.",
        ),
        (
            Permission.REQUEST_ANSWER,
            "mash:requests",
            "Requests for information",
            "What the MASH has asked your agency.",
        ),
        (
            Permission.MASH_INSIGHT,
            "mash:insight",
            "MASH insight",
            "Notifications, outcomes and timeliness, as counts and charts.",
        ),
        (
            Permission.PEOPLE_SEARCH,
            "people:search",
            "Find a person",
            "Search the people index before you record someone new.",
        ),
        (
            Permission.TRAINING_MANAGE,
            "training:admin",
            "Run the training programme",
            "Courses, sessions, registers, invoices and e-learning imports.",
        ),
        (
            Permission.TRAINING_REPORTS,
            "training:reports",
            "Training report",
            "Places, attendance, income and impact for any period.",
        ),
        (
            None,
            "training:catalogue",
            "Book safeguarding training",
            "The partnership's courses: free for staff of partner agencies.",
        ),
        (None, "training:my-bookings", "Your training", "Your bookings, ratings and certificates."),
        (
            Permission.BREAK_GLASS_REVIEW,
            "core:break-glass-reviews",
            "Review break-glass access",
            "Check each time a manager opened a record without a relationship to it.",
        ),
        (
            Permission.ACCOUNTS_MANAGE,
            "partners:agency-list",
            "Manage agencies",
            "Partner agencies and their teams.",
        ),
        (
            Permission.ACCOUNTS_MANAGE,
            "partners:user-list",
            "Manage users",
            "Accounts, roles, locked accounts and authenticators.",
        ),
    ]
    visible = [t for t in tasks if t[0] is None or actor_can(actor, t[0])]
    aggregates_only = bool(actor.roles) and actor.roles <= AGGREGATE_ONLY_ROLES
    work = work_links(work_counts(actor=actor))
    return render(
        request,
        "core/home.jinja",
        {"title": "Home", "tasks": visible, "aggregates_only": aggregates_only, "work": work},
    )


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja", {"title": "Accessibility statement"})


@login_not_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja", {"title": "Privacy notice"})


API_PREFIX = "/api/"
_API_DETAIL = {
    400: "Bad request",
    403: "This key may not do that",
    404: "Not Found",
    500: "Something went wrong on our side; nothing was changed",
}


def _api_error(status: int) -> HttpResponse:
    """The partner API's errors are always its declared JSON, never an HTML page."""
    return JsonResponse({"detail": _API_DETAIL[status]}, status=status)


def _error_page(request: HttpRequest, status: int, title: str, **context: Any) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(status)
    return render(
        request, f"core/errors/{status}.jinja", {"title": title, **context}, status=status
    )


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, 404, "Page not found")


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, 403, "You do not have access to this page")


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(500)
    # Rendered without the request, so that no database or user lookup can fail again here.
    html = loader.render_to_string("core/errors/500.jinja", {"title": "Sorry, there is a problem"})
    return HttpResponseServerError(html)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, 400, "Sorry, there is a problem with the request")


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(request, 403, "Your session has expired")
