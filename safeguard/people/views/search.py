"""Search before create, then record a new person through check your answers."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.policy import Permission, actor_can, require_permission
from safeguard.core.presenters import format_date, summary_row
from safeguard.people import presenters, selectors, services
from safeguard.people.forms import PersonForm, PersonSearchForm
from safeguard.people.models import DatePrecision, Ethnicity, PersonKind, Sex
from safeguard.people.search import RESULT_LIMIT, PersonQuery

DRAFT = "person_create_draft"


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.PEOPLE_SEARCH)
    form = PersonSearchForm(request.GET if "search" in request.GET else None)
    rows = None
    if form.is_bound and form.is_valid():
        query = PersonQuery(**{k: v for k, v in form.cleaned_data.items() if v})
        rows = presenters.candidate_rows(selectors.person_search(actor=actor, query=query))
    context = {
        "title": "Find a person",
        "form": form,
        "rows": rows,
        "can_create": actor_can(actor, Permission.PEOPLE_CREATE),
        "create_query": request.GET.urlencode(),
        "result_limit": RESULT_LIMIT,
    }
    return render(request, "people/search.jinja", context)


def _to_session(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def _from_session(data: dict[str, Any]) -> dict[str, Any]:
    restored = dict(data)
    if restored.get("date_of_birth"):
        restored["date_of_birth"] = dt.date.fromisoformat(restored["date_of_birth"])
    return restored


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """The details of a new person. What they enter waits in the session until confirmed."""
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.PEOPLE_CREATE)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            request.session[DRAFT] = _to_session(form.cleaned_data)
            return redirect("people:create-check")
    else:
        initial = _from_session(request.session.get(DRAFT) or {}) or _initial_from_search(request)
        form = PersonForm(initial={"date_of_birth_precision": "exact", **initial})
    return render(
        request, "people/person_form.jinja", {"title": "Record a new person", "form": form}
    )


def _initial_from_search(request: HttpRequest) -> dict[str, Any]:
    search = PersonSearchForm(request.GET)
    if not search.is_valid():
        return {}
    return {k: v for k, v in search.cleaned_data.items() if v and k != "postcode"}


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
    draft = _from_session(draft)
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
