"""The partnership's budget, for the roles that read aggregates."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.core.actors import Actor
from safeguard.governance import presenters
from safeguard.governance.selectors import budget_get
from safeguard.returns.codelists import year_label


@require_GET
def budget(request: HttpRequest, year: int) -> HttpResponse:
    found = budget_get(actor=Actor.for_user(request.user), financial_year=year)
    context = {
        "title": f"Budget {year_label(year)}",
        "budget": found,
        "tables": presenters.budget_tables(found),
        "variance": presenters.variance(found),
    }
    return render(request, "governance/budget.jinja", context)
