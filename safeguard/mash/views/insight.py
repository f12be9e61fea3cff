"""The MASH insight page: aggregates, each as a chart beside its table, and CSV exports."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.forms import PeriodForm
from safeguard.core.policy import Permission, require_permission
from safeguard.core.reporting import table_csv_response
from safeguard.mash.insight import insight_tables
from safeguard.mash.presenters.insight import insight_page


def _period(request: HttpRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    today = timezone.localdate()
    default_start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"] or default_start, form.cleaned_data["end"] or today
    return form, default_start, today


@require_GET
def insight(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.MASH_INSIGHT)
    form, start, end = _period(request)
    page = insight_page(
        tables=insight_tables(start=start, end=end),
        form=form,
        start=start,
        end=end,
        query=request.GET.urlencode(),
    )
    return render(request, "mash/insight.jinja", {"title": page.title, "page": page})


@require_GET
def insight_csv(request: HttpRequest, table: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.MASH_INSIGHT)
    _form, start, end = _period(request)
    found = next((t for t in insight_tables(start=start, end=end) if t.slug == table), None)
    if found is None:
        raise Http404
    return table_csv_response(found, prefix="mash", start=start, end=end)
