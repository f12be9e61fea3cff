"""Requests for information: the partner's list and answer page; the MASH's withdrawal."""

from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.http import file_download, form_data
from safeguard.core.pagination import pagination_params
from safeguard.core.policy import Permission, actor_can
from safeguard.govuk_forms.forms import posted_choice
from safeguard.mash import selectors
from safeguard.mash.forms.triage import AnswerForm, WithdrawForm
from safeguard.mash.models.choices import RequestStatus
from safeguard.mash.presenters.common import child_name
from safeguard.mash.presenters.requests import request_list_page, request_page
from safeguard.mash.presenters.steps import step_page
from safeguard.mash.services import requests as services


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    # No status asked for: the open ones; one not offered: all of them.
    asked = "status" in request.GET
    status = posted_choice(request.GET, "status", RequestStatus.values) if asked else None
    status = status or ("" if asked else RequestStatus.OPEN)
    found, rows = selectors.requests_for_agency(
        actor=actor, status=status, page_number=request.GET.get("page")
    )
    page = request_list_page(
        rows=rows,
        count=found.paginator.count,
        status=status,
        pagination=pagination_params(found, request.GET),
        now=timezone.now(),
    )
    return render(request, "mash/requests.jinja", {"title": page.title, "page": page})


@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: UUID) -> HttpResponse:
    """The question and the children's identities; the answer form for the asked agency."""
    actor = Actor.for_user(request.user)
    info_request = selectors.request_get(actor=actor, request_id=request_id)
    can_answer = (
        actor_can(actor, Permission.REQUEST_ANSWER) and info_request.agency_id == actor.agency_id
    )
    form = AnswerForm(
        form_data(request),
        request.FILES or None,
        initial={"version": info_request.version},
        children=[(c.id, child_name(c)) for c in info_request.children],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_answer(
                actor=actor,
                request_id=request_id,
                seen_version=form.cleaned_data["version"],
                known_to_service=form.cleaned_data.get("known_to_service", ""),
                known_by_child=form.known_by_child(),
                current_involvement=form.cleaned_data["current_involvement"],
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Answer sent to the MASH")
            return redirect("mash:requests")
    page = request_page(row=info_request, form=form if can_answer else None, now=timezone.now())
    return render(request, "mash/request.jinja", {"title": page.title, "page": page})


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, request_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    if not actor_can(actor, Permission.MASH_TRIAGE):
        raise NotFound
    info_request = selectors.request_get(actor=actor, request_id=request_id)
    notification_id = info_request.notification_id
    form = WithdrawForm(form_data(request), initial={"version": info_request.notification_version})
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_withdraw(
                actor=actor,
                request_id=request_id,
                seen_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ConflictError as conflict:
            messages.error(request, conflict.message)
            return redirect("mash:notification", notification_id=notification_id)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Request withdrawn")
            return redirect("mash:notification", notification_id=notification_id)
    title = "Withdraw a request"
    page = step_page(
        notification_id=notification_id, reference=info_request.reference, title=title, form=form
    )
    return render(request, "mash/step.jinja", {"title": title, "page": page})


@require_GET
def attachment(request: HttpRequest, attachment_id: UUID) -> FileResponse:
    found = selectors.attachment_get(
        actor=Actor.for_user(request.user), attachment_id=attachment_id
    )
    return file_download(found.file, name=found.original_name, content_type=found.content_type)
