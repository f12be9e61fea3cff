"""Information governance on a person's record: who looked, break-glass, merge and unmerge."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core import selectors as core_selectors
from safeguard.core import services as core_services
from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.pagination import pagination_params
from safeguard.people import presenters, selectors, services
from safeguard.people.forms import AccessLogFilterForm, PersonSearchForm, ReasonForm
from safeguard.people.views.session import query_from


@require_GET
def access_log(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """Who has looked at this child, filterable by user and date."""
    actor = Actor.for_user(request.user)
    person_ids = selectors.person_ids_for_access_review(actor=actor, person_id=person_id)
    users = core_selectors.access_log_users(actor=actor, person_ids=person_ids)
    form = AccessLogFilterForm(request.GET or None, users=users)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = core_selectors.access_log_for_person(
        actor=actor,
        person_ids=person_ids,
        user_id=filters.get("user") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        page_number=request.GET.get("page"),
    )
    context = {
        "title": "Who has looked at this record",
        "person_id": person_id,
        "form": form,
        "page": page,
        "pagination": pagination_params(page, request.GET),
    }
    return render(request, "people/access_log.jinja", context)


@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """A MASH manager opens a record they have no relationship with, giving a reason."""
    actor = Actor.for_user(request.user)
    if not selectors.person_exists_for_break_glass(actor=actor, person_id=person_id):
        return redirect("people:detail", person_id=person_id)
    form = ReasonForm(form_data(request))
    form.fields["reason"].label = "Why do you need to see this record now?"
    if request.method == "POST" and form.is_valid():
        try:
            core_services.break_glass_open(
                actor=actor,
                object_type="people.person",
                object_id=person_id,
                subjects=[person_id],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("people:detail", person_id=person_id)
    return render(
        request, "people/break_glass.jinja", {"title": "Break glass to see a record", "form": form}
    )


@require_http_methods(["GET", "POST"])
def merge_pick(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """Find the duplicate to merge into this record (searched by POST: no names in URLs)."""
    actor = Actor.for_user(request.user)
    record = selectors.person_for_merge(actor=actor, person_id=person_id)
    search = PersonSearchForm(form_data(request))
    rows: list[dict[str, Any]] = []
    if request.method == "POST" and search.is_valid():
        found = selectors.person_search(actor=actor, query=query_from(search.cleaned_data))
        rows = [r for r in presenters.candidate_rows(found) if r["pk"] != str(person_id)]
    context = {
        "title": "Merge a duplicate into this record",
        "person": record,
        "search": search,
        "rows": rows,
        "form": search,
    }
    return render(request, "people/merge_pick.jinja", context)


@require_http_methods(["GET", "POST"])
def merge_confirm(request: HttpRequest, person_id: UUID, other_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    survivor = selectors.person_for_merge(actor=actor, person_id=person_id)
    duplicate = selectors.person_for_merge(actor=actor, person_id=other_id)
    form = ReasonForm(form_data(request))
    form.fields["reason"].label = "Why are these records the same person?"
    if request.method == "POST" and form.is_valid():
        try:
            services.person_merge(
                actor=actor,
                survivor_id=person_id,
                merged_id=other_id,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Records merged. You can undo this from the record.")
            return redirect("people:detail", person_id=person_id)
    context = {
        "title": "Check before you merge",
        "form": form,
        "survivor_rows": presenters.person_summary_rows(survivor),
        "duplicate_rows": presenters.person_summary_rows(duplicate),
    }
    return render(request, "people/merge_confirm.jinja", context)


@require_http_methods(["GET", "POST"])
def unmerge(request: HttpRequest, merge_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    merge = selectors.merge_get(actor=actor, merge_id=merge_id)
    form = ReasonForm(form_data(request))
    form.fields["reason"].label = "Why was the merge wrong?"
    if request.method == "POST" and form.is_valid():
        try:
            services.person_unmerge(
                actor=actor, merge_id=merge_id, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Merge undone: the records are separate again")
            return redirect("people:detail", person_id=merge.survivor_id)
    return render(
        request, "people/unmerge.jinja", {"title": "Undo a merge", "form": form, "merge": merge}
    )


@require_GET
def duplicates(request: HttpRequest) -> HttpResponse:
    """Records the matching engine found likely to be one person, likeliest first."""
    actor = Actor.for_user(request.user)
    page = selectors.person_duplicates(actor=actor, page_number=request.GET.get("page"))
    context = {
        "title": "Records that may be the same person",
        "page": page,
        "rows": presenters.duplicate_rows(list(page.object_list)),
        "pagination": pagination_params(page, request.GET),
    }
    return render(request, "people/duplicates.jinja", context)


@require_http_methods(["GET", "POST"])
def duplicate_dismiss(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    """The officer judges the two records to be two people: the pair is not offered again."""
    actor = Actor.for_user(request.user)
    row = selectors.person_duplicate_get(actor=actor, duplicate_id=duplicate_id)
    form = ReasonForm(form_data(request))
    form.fields["reason"].label = "Why are these two different people?"
    if request.method == "POST" and form.is_valid():
        try:
            services.person_duplicate_dismiss(
                actor=actor, duplicate_id=duplicate_id, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Marked as two different people")
            return redirect("people:duplicates")
    context = {
        "title": "Mark as two different people",
        "form": form,
        "row": presenters.duplicate_rows([row])[0],
    }
    return render(request, "people/duplicate_dismiss.jinja", context)
