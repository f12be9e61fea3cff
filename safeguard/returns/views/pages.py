"""The returns pages: the overview and indicators, uploading, the review list, chronologies."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.policy import Permission, actor_can, require_permission
from safeguard.govuk_forms.forms import posted_choice
from safeguard.returns import presenters, selectors
from safeguard.returns.forms import UploadForm
from safeguard.returns.services.imports import ReturnFile
from safeguard.returns.services.jobs import import_job_start, import_jobs_expire_stale
from safeguard.returns.services.linking import return_child_resolve


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    context = {
        "title": "Statutory returns",
        "rows": presenters.return_rows(selectors.returns_overview(actor=actor)),
        "years": selectors.indicator_years(actor=actor),
        "can_upload": actor_can(actor, Permission.RETURNS_IMPORT),
        "presenters": presenters,
    }
    return render(request, "returns/overview.jinja", context)


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.RETURNS_IMPORT)
    import_jobs_expire_stale()  # a job whose worker died shows as failed, and can be redone
    form = UploadForm(form_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [ReturnFile(f.name or "return", f.read()) for f in form.cleaned_data["upload"]]
        try:
            job = import_job_start(
                actor=actor,
                collection_year=form.cleaned_data["collection_year"],
                files=files,
                dry_run=form.cleaned_data["dry_run"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("returns:job", job_id=job.pk)
    context = {
        "title": "Upload a return",
        "form": form,
        "jobs": selectors.import_jobs(actor=actor)[:10],
        "presenters": presenters,
    }
    return render(request, "returns/upload.jinja", context)


@require_GET
def job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    import_jobs_expire_stale()
    found = selectors.import_job_get(actor=actor, job_id=job_id)
    context = {"title": "Return import", "job": found, "presenters": presenters}
    return render(request, "returns/job.jinja", context)


@require_GET
def review(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    context = {
        "title": "Links to review",
        "links": selectors.links_for_review(actor=actor),
    }
    return render(request, "returns/review.jinja", context)


@require_POST
def resolve(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    same = posted_choice(request.POST, "same_person", ["yes", "no"]) == "yes"
    try:
        return_child_resolve(actor=actor, child_id=child_id, same_person=same)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, "Linked to the person in the index" if same else "Recorded as a new person"
        )
    return redirect("returns:review")


@require_GET
def chronology(request: HttpRequest, person_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    found = selectors.chronology_get(actor=actor, person_id=person_id)
    context = {"title": "Chronology", "chronology": found}
    return render(request, "returns/chronology.jinja", context)
