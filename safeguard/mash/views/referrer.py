"""What a referrer sees of their notifications: status and outcome, never the MASH's work."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.pagination import pagination_params
from safeguard.core.policy import Permission, require_permission
from safeguard.mash import selectors
from safeguard.mash.presenters.submit import feedback_page, submitted_list_page


@require_GET
def submitted_list(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.NOTIFICATION_SUBMIT)
    found, rows = selectors.submitted_list(actor=actor, page_number=request.GET.get("page"))
    page = submitted_list_page(
        rows=rows, count=found.paginator.count, pagination=pagination_params(found, request.GET)
    )
    return render(request, "mash/submitted_list.jinja", {"title": page.title, "page": page})


@require_GET
def feedback(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    row = selectors.submitted_get(
        actor=Actor.for_user(request.user), notification_id=notification_id
    )
    page = feedback_page(row=row)
    return render(request, "mash/feedback.jinja", {"title": page.title, "page": page})
