"""Search before create, then record a new person through check your answers."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.policy import Permission, actor_can, require_permission
from safeguard.core.presenters import format_date, summary_row
from safeguard.people import presenters, selectors, services
from safeguard.people.forms import PersonForm, PersonSearchForm
from safeguard.people.models import DatePrecision, Ethnicity, PersonKind, Sex
from safeguard.people.search import RESULT_LIMIT
from safeguard.people.views.session import SEARCH, query_from, recall, remember

DRAFT = "person_create_draft"


@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """Searched by POST, so that names never appear in a URL."""
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.PEOPLE_SEARCH)
    form = PersonSearchForm(form_data(request))
    rows = None
    if request.method == "POST" and form.is_valid():
        remember(request, SEARCH, form.cleaned_data)
        found = selectors.person_search(actor=actor, query=query_from(form.cleaned_data))
        rows = presenters.candidate_rows(found)
    context = {
        "title": "Find a person",
        "form": form,
        "rows": rows,
        "can_create": actor_can(actor, Permission.PEOPLE_CREATE),
        "result_limit": RESULT_LIMIT,
    }
    return render(request, "people/search.jinja", context)


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """The details of a new person. What they enter waits in the session until confirmed."""
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.PEOPLE_CREATE)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            remember(request, DRAFT, form.cleaned_data)
            return redirect("people:create-check")
    else:
        initial = recall(request, DRAFT) or _initial_from_search(request)
        form = PersonForm(initial={"date_of_birth_precision": "exact", **initial})
    return render(
        request, "people/person_form.jinja", {"title": "Record a new person", "form": form}
    )


def _initial_from_search(request: HttpRequest) -> dict[str, Any]:
    """The details of the last search, so that the user need not type them again."""
    searched = recall(request, SEARCH)
    return {k: v for k, v in searched.items() if v and k != "postcode"}


def _check_rows(draft: dict[str, Any]) -> list[dict[str, Any]]:
    change = reverse("people:create")
    name = " ".join(draft.get(k) or "" for k in ("given_name", "middle_names", "family_name"))
    return [
        summary_row("Name", " ".join(name.split()), change_href=change),
        summary_row("Child or adult", PersonKind(draft["kind"]).label, change_href=change),
        summary_row("Date of birth", format_date(draft.get("date_of_birth")), change_href=change),
        summary_row(
            "How exact", DatePrecision(draft["date_of_birth_precision"]).label, change_href=change
        ),
        summary_row("Sex", Sex(draft["sex"]).label, change_href=change),
        summary_row("Gender", draft.get("gender") or "Not recorded", change_href=change),
        summary_row(
            "Ethnicity",
            Ethnicity(draft["ethnicity"]).label if draft.get("ethnicity") else "Not recorded",
            change_href=change,
        ),
        summary_row(
            "First language", draft.get("first_language") or "Not recorded", change_href=change
        ),
        summary_row(
            "NHS number", presenters.nhs_number_text(draft.get("nhs_number")), change_href=change
        ),
        summary_row("Unique pupil number", draft.get("upn") or "Not known", change_href=change),
    ]


@require_http_methods(["GET", "POST"])
def create_check(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.PEOPLE_CREATE)
    draft = request.session.get(DRAFT)
    if not draft:
        return redirect("people:create")
    draft = recall(request, DRAFT)
    error = None
    if request.method == "POST":
        try:
            person = services.person_create(actor=actor, **draft)
        except DomainError as refusal:
            error = refusal.message
        else:
            request.session.pop(DRAFT, None)
            messages.success(request, "Person recorded")
            return redirect("people:detail", person_id=person.pk)
    context = {
        "title": "Check the details before you record this person",
        "rows": _check_rows(draft),
        "error": error,
    }
    return render(request, "people/person_check.jinja", context)
