"""The MASH queue."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.pagination import pagination_params
from safeguard.mash import presenters, selectors
from safeguard.mash.forms.triage import QueueFilterForm
from safeguard.partners.models import Agency


def _filters(form: QueueFilterForm) -> selectors.QueueFilters:
    if not form.is_bound or not form.is_valid():
        return selectors.QueueFilters()
    data = form.cleaned_data
    return selectors.QueueFilters(
        status=data["status"],
        rag=data["rag"],
        overdue=bool(data["overdue"]),
        agency_id=UUID(data["agency"]) if data["agency"] else None,
    )


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    agencies = [(str(a.pk), a.name) for a in Agency.objects.filter(is_active=True)]
    form = QueueFilterForm(request.GET or None, agencies=agencies)
    result = selectors.notification_queue(
        actor=actor, filters=_filters(form), page_number=request.GET.get("page")
    )
    context = {
        "title": "MASH queue",
        "filters": form,
        "rows": presenters.queue_rows(result.page.object_list),
        "page": result.page,
        "overdue": result.overdue,
        "pagination": pagination_params(result.page, request.GET),
    }
    return render(request, "mash/queue.jinja", context)
