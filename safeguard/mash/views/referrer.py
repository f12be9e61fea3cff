"""What a referrer sees of their notifications: status and outcome, never the MASH's work."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.pagination import pagination_params
from safeguard.core.policy import Permission, require_permission
from safeguard.mash import presenters, selectors


@require_GET
def submitted_list(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.NOTIFICATION_SUBMIT)
    page = selectors.submitted_list(actor=actor, page_number=request.GET.get("page"))
    context = {
        "title": "Notifications you sent",
        "page": page,
        "presenters": presenters,
        "pagination": pagination_params(page, request.GET),
    }
    return render(request, "mash/submitted_list.jinja", context)


@require_GET
def feedback(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    notification = selectors.submitted_get(
        actor=Actor.for_user(request.user), notification_id=notification_id
    )
    context = {
        "title": f"Notification {notification.reference}",
        "n": notification,
        "presenters": presenters,
    }
    return render(request, "mash/feedback.jinja", context)
