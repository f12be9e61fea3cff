"""Account changes that wait for a second person: another administrator or the IG officer."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.partners import presenters, selectors, services
from safeguard.partners.forms import AccountChangeDecisionForm
from safeguard.partners.models import AccountChangeStatus


@require_GET
def account_changes(request: HttpRequest) -> HttpResponse:
    changes = selectors.account_changes_waiting(actor=Actor.for_user(request.user))
    context = {
        "title": "Account changes to approve",
        "rows": presenters.account_change_table(changes),
    }
    return render(request, "partners/account_changes.jinja", context)


@require_http_methods(["GET", "POST"])
def account_change(request: HttpRequest, change_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    change = selectors.account_change_get(actor=actor, change_id=change_id)
    form = AccountChangeDecisionForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.account_change_approve(actor=actor, change_id=change.pk)
            else:
                services.account_change_refuse(
                    actor=actor, change_id=change.pk, note=form.cleaned_data["note"]
                )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Decision recorded")
            return redirect("partners:account-changes")
    context = {
        "title": f"Account change for {change.user.full_name}",
        "change": change,
        "rows": presenters.account_change_rows(change),
        "form": form,
        "decidable": change.status == AccountChangeStatus.PENDING,
    }
    return render(request, "partners/account_change.jinja", context)
