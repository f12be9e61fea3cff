"""Training reports for any period: the seed's table 9.3, attendance, income and impact."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.core.charts import bar_chart_svg
from safeguard.core.forms import PeriodForm
from safeguard.core.policy import Permission, require_permission
from safeguard.core.reporting import table_csv_response
from safeguard.returns.codelists.years import financial_year
from safeguard.training import presenters, reports


def _financial_year_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start_year = financial_year(day)
    return dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)


def _period(request: HttpRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    """The period asked for, or the financial year of the latest training held."""
    start, end = _financial_year_of(reports.latest_training_day() or timezone.localdate())
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    return form, start, end


def _report(actor: Actor, start: dt.date, end: dt.date) -> reports.TrainingReport:
    require_permission(actor, Permission.TRAINING_REPORTS)
    return reports.training_report(start=start, end=end)


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    form, start, end = _period(request)
    computed = _report(Actor.for_user(request.user), start, end)
    charts = {
        slug: bar_chart_svg(
            title=c.title, labels=c.labels, values=c.values, value_title=c.value_title
        )
        for slug, c in presenters.report_charts(computed).items()
    }
    context = {
        "title": "Training report",
        "form": form,
        "start": start,
        "end": end,
        "sections": [
            {"table": t, "chart": charts.get(t.slug)} for t in presenters.report_tables(computed)
        ],
        "query": request.GET.urlencode(),
    }
    return render(request, "training/report.jinja", context)


@require_GET
def report_csv(request: HttpRequest, table: str) -> HttpResponse:
    _form, start, end = _period(request)
    computed = _report(Actor.for_user(request.user), start, end)
    found = next((t for t in presenters.report_tables(computed) if t.slug == table), None)
    if found is None:
        raise Http404
    return table_csv_response(found, prefix="training", start=start, end=end)
