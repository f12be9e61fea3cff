"""The MASH insight page: aggregates, each as a chart beside its table, and CSV exports."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.charts import bar_chart_svg, line_chart_svg
from safeguard.core.forms import PeriodForm
from safeguard.core.policy import Permission, require_permission
from safeguard.core.reporting import Table, table_csv_response
from safeguard.mash.insight import insight_tables


def _period(request: HttpRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    today = timezone.localdate()
    default_start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"] or default_start, form.cleaned_data["end"] or today
    return form, default_start, today


def _chart(table: Table) -> str:
    if table.slug == "by-month":
        return line_chart_svg(
            title=table.title,
            periods=[r[0] for r in table.rows],  # type: ignore[misc]
            series={
                "Received": [r[1] for r in table.rows],  # type: ignore[misc]
                "Decided": [r[2] for r in table.rows],
            },  # type: ignore[misc]
            value_title="Notifications",
        )
    value_index = (
        3
        if table.slug in ("clocks", "answer-times")
        else (2 if table.slug in ("outcomes", "repeats", "consent") else 1)
    )
    rows = [r for r in table.rows if r[value_index] is not None]
    return bar_chart_svg(
        title=table.title,
        labels=[str(r[0]) for r in rows],
        values=[float(r[value_index]) for r in rows],  # type: ignore[arg-type]
        value_title=table.columns[value_index],
    )


@require_GET
def insight(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.MASH_INSIGHT)
    form, start, end = _period(request)
    tables = insight_tables(start=start, end=end)
    sections: list[dict[str, Any]] = [
        {"table": t, "chart": _chart(t) if t.rows else None} for t in tables
    ]
    context = {
        "title": "MASH insight",
        "form": form,
        "sections": sections,
        "start": start,
        "end": end,
        "query": request.GET.urlencode(),
    }
    return render(request, "mash/insight.jinja", context)


@require_GET
def insight_csv(request: HttpRequest, table: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.MASH_INSIGHT)
    _form, start, end = _period(request)
    found = next((t for t in insight_tables(start=start, end=end) if t.slug == table), None)
    if found is None:
        raise Http404
    return table_csv_response(found, prefix="mash", start=start, end=end)
