"""The MASH queue."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.pagination import pagination_params
from safeguard.mash import selectors
from safeguard.mash.forms.triage import QueueFilterForm
from safeguard.mash.presenters.triage import queue_page
from safeguard.partners.selectors import agency_choices


def _filters(form: QueueFilterForm, actor: Actor) -> selectors.QueueFilters:
    if not form.is_bound or not form.is_valid():
        return selectors.QueueFilters()
    data = form.cleaned_data
    return selectors.QueueFilters(
        status=data["status"],
        rag=data["rag"],
        overdue=bool(data["overdue"]),
        agency_id=UUID(data["agency"]) if data["agency"] else None,
        assigned_to=actor.user_id if data["mine"] else None,
        search=data["q"].strip(),
    )


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    form = QueueFilterForm(request.GET or None, agencies=agency_choices())
    result = selectors.notification_queue(
        actor=actor, filters=_filters(form, actor), page_number=request.GET.get("page")
    )
    page = queue_page(
        queue=result,
        filters=form,
        pagination=pagination_params(result.page, request.GET),
        now=timezone.now(),
    )
    return render(request, "mash/queue.jinja", {"title": page.title, "page": page})
