"""A person's record, and the changes a practitioner with a relationship can make to it."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.policy import Permission, actor_can
from safeguard.govuk_forms.forms import posted_choice
from safeguard.people import presenters, selectors, services
from safeguard.people.forms import (
    AddressForm,
    IdentifierForm,
    NameForm,
    PersonEditForm,
    PersonSearchForm,
    RelationshipForm,
)
from safeguard.people.views.session import query_from, recall, remember


@require_GET
def detail(request: HttpRequest, person_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    shown_id = selectors.person_locate(actor=actor, person_id=person_id)
    if shown_id != person_id:
        messages.info(request, "That record was merged into this one")
        return redirect("people:detail", person_id=shown_id)
    record = selectors.person_get(actor=actor, person_id=person_id)
    context = {
        "title": presenters.full_name(presenters.primary_name(record.names)),
        "record": record,
        "rows": presenters.person_summary_rows(record),
        "restricted": presenters.restricted_tag(record.person),
        "is_ig": actor_can(actor, Permission.ACCESS_LOG_REVIEW),
        "can_see_chronology": actor_can(actor, Permission.CHRONOLOGY_VIEW),
        "merges": selectors.person_merges(actor=actor, person=record.person),
    }
    return render(request, "people/person_detail.jinja", context)


def _change_page(
    request: HttpRequest,
    person_id: UUID,
    form_class: type[forms.Form],
    save: Callable[[Actor, Any, dict[str, Any]], object],
    *,
    title: str,
    done: str,
    initial: Callable[[Actor, Any], dict[str, Any]] | None = None,
) -> HttpResponse:
    """The shape every 'add or change something on this record' page shares."""
    actor = Actor.for_user(request.user)
    person = selectors.person_for_change(actor=actor, person_id=person_id)
    starting = initial(actor, person) if initial and request.method == "GET" else None
    form = form_class(form_data(request), initial=starting)
    if request.method == "POST" and form.is_valid():
        try:
            save(actor, person, dict(form.cleaned_data))
        except DomainError as error:
            form.add_domain_error(error)  # type: ignore[attr-defined]
        else:
            messages.success(request, done)
            return redirect("people:detail", person_id=person.pk)
    return render(
        request, "people/change_form.jinja", {"title": title, "form": form, "person": person}
    )


def _save_person(actor: Actor, person: Any, data: dict[str, Any]) -> object:
    for key in ("given_name", "middle_names", "family_name"):
        data.pop(key)
    return services.person_update(
        actor=actor, person=person, seen_version=data.pop("version"), **data
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, person_id: UUID) -> HttpResponse:
    return _change_page(
        request,
        person_id,
        PersonEditForm,
        _save_person,
        title="Change details",
        done="Details changed",
        initial=lambda actor, person: selectors.person_details_for_change(
            actor=actor, person=person
        ),
    )


@require_http_methods(["GET", "POST"])
def add_name(request: HttpRequest, person_id: UUID) -> HttpResponse:
    return _change_page(
        request,
        person_id,
        NameForm,
        lambda actor, person, data: services.person_add_name(actor=actor, person=person, **data),
        title="Add a name",
        done="Name added",
    )


@require_http_methods(["GET", "POST"])
def add_address(request: HttpRequest, person_id: UUID) -> HttpResponse:
    return _change_page(
        request,
        person_id,
        AddressForm,
        lambda actor, person, data: services.person_add_address(actor=actor, person=person, **data),
        title="Add an address",
        done="Address added",
    )


@require_http_methods(["GET", "POST"])
def add_identifier(request: HttpRequest, person_id: UUID) -> HttpResponse:
    return _change_page(
        request,
        person_id,
        IdentifierForm,
        lambda actor, person, data: services.person_add_identifier(
            actor=actor, person=person, **data
        ),
        title="Add an agency identifier",
        done="Identifier added",
    )


@require_http_methods(["GET", "POST"])
def add_relationship(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """Find the other person first (by POST, kept in the session), then say how they relate."""
    actor = Actor.for_user(request.user)
    person = selectors.person_for_change(actor=actor, person_id=person_id)
    key = f"relationship_search:{person.pk}"
    action = posted_choice(request.POST, "action", ["search", "add"])
    search = PersonSearchForm(
        request.POST if action == "search" else None, initial=recall(request, key)
    )
    if action == "search" and search.is_valid():
        remember(request, key, search.cleaned_data)
    candidates: list[dict[str, Any]] = []
    if action == "add" or (action == "search" and search.is_valid()):
        found = selectors.person_search(actor=actor, query=query_from(recall(request, key)))
        candidates = [r for r in presenters.candidate_rows(found) if r["pk"] != str(person.pk)]
    choices = [(r["pk"], f"{r['name']}, {r['date_of_birth']}") for r in candidates]
    form = RelationshipForm(request.POST if action == "add" else None, candidates=choices)
    if action == "add" and form.is_valid():
        kind, direction = form.cleaned_data["kind"].split(":")
        other = selectors.person_for_change(actor=actor, person_id=form.cleaned_data["other"])
        pair = (other, person) if direction == "from" else (person, other)
        try:
            services.relationship_add(
                actor=actor, from_person=pair[0], to_person=pair[1], kind=kind
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            request.session.pop(key, None)
            messages.success(request, "Relationship added")
            return redirect("people:detail", person_id=person.pk)
    context = {
        "title": "Add a relationship",
        "person": person,
        "search": search,
        "searched": action is not None,
        "candidates": candidates,
        "form": form if action == "add" else search,
        "relationship": form,
    }
    return render(request, "people/relationship_form.jinja", context)
