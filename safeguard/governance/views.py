"""The partnership's budget, for the roles that read aggregates."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.policy import Permission, actor_can, require_permission
from safeguard.governance import presenters
from safeguard.governance.forms import BudgetLineForm
from safeguard.governance.selectors import budget_get
from safeguard.governance.services import budget_line_add
from safeguard.returns.codelists import year_label


@require_GET
def budget(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    found = budget_get(actor=actor, financial_year=year)
    context = {
        "title": f"Budget {year_label(year)}",
        "budget": found,
        "can_manage": actor_can(actor, Permission.BUDGET_MANAGE),
        "tables": presenters.budget_tables(found),
        "variance": presenters.variance(found),
    }
    return render(request, "governance/budget.jinja", context)


@require_http_methods(["GET", "POST"])
def line_new(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.BUDGET_MANAGE)
    form = BudgetLineForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            budget_line_add(
                actor=actor,
                financial_year=year,
                direction=data["direction"],
                label=data["label"],
                amount_pence=data["amount"],
                computed_from=data["computed_from"],
                source=data["source"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("governance:budget", year=year)
    context = {"title": f"Add a line to the {year_label(year)} budget", "form": form, "year": year}
    return render(request, "governance/line_form.jinja", context)
