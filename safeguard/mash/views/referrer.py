"""What a referrer sees of their notifications: status and outcome, never the MASH's work."""

from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import file_download, form_data
from safeguard.core.pagination import pagination_params
from safeguard.core.policy import Permission, require_permission
from safeguard.mash import selectors
from safeguard.mash.forms.triage import EscalationForm
from safeguard.mash.presenters.steps import step_page
from safeguard.mash.presenters.submit import feedback_page, submitted_list_page
from safeguard.mash.selectors.triage import notification_file_get
from safeguard.mash.services.escalations import escalation_raise


@require_GET
def submitted_list(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.NOTIFICATION_SUBMIT)
    found, rows = selectors.submitted_list(actor=actor, page_number=request.GET.get("page"))
    page = submitted_list_page(
        rows=rows, count=found.paginator.count, pagination=pagination_params(found, request.GET)
    )
    return render(request, "mash/submitted_list.jinja", {"title": page.title, "page": page})


@require_GET
def feedback(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    row = selectors.submitted_get(
        actor=Actor.for_user(request.user), notification_id=notification_id
    )
    page = feedback_page(row=row)
    return render(request, "mash/feedback.jinja", {"title": page.title, "page": page})


@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    """The referrer disagrees with the decision: a named MASH manager must answer."""
    actor = Actor.for_user(request.user)
    row = selectors.submitted_get(actor=actor, notification_id=notification_id)
    form = EscalationForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            escalation_raise(
                actor=actor, notification_id=notification_id, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Escalation sent: a MASH manager will answer you")
            return redirect("mash:feedback", notification_id=notification_id)
    page = step_page(
        notification_id=row.id,
        reference=row.reference,
        title="Escalate the decision",
        form=form,
        back=reverse("mash:feedback", args=[row.id]),
    )
    return render(request, "mash/step.jinja", {"title": page.title, "page": page})


@require_GET
def notification_file(request: HttpRequest, file_id: UUID) -> FileResponse:
    """A document sent with a notification: for the MASH, and the referrer who sent it."""
    found = notification_file_get(actor=Actor.for_user(request.user), file_id=file_id)
    return file_download(found.file, name=found.original_name, content_type=found.content_type)
