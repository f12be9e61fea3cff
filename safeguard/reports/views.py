"""The yearly report: the officer's pages, the partners' contributions, and the published
versions (in Safeguard, and public where the officer chose)."""

from uuid import UUID

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.policy import Permission, actor_can, require_permission
from safeguard.govuk_forms.forms import posted_choice, posted_int
from safeguard.reports import presenters
from safeguard.reports.checks import report_check
from safeguard.reports.content import report_content
from safeguard.reports.forms import (
    ContributionForm,
    PublishForm,
    ReportOpenForm,
    SectionForm,
    SectionNewForm,
)
from safeguard.reports.models import Publication
from safeguard.reports.render import report_html, report_pdf
from safeguard.reports.selectors import (
    contribution_for_review,
    contribution_mine,
    contributions_mine,
    publication_get,
    publication_public,
    report_get,
    reports_list,
    section_get,
)
from safeguard.reports.services import (
    contribution_review,
    contribution_save,
    publication_make_public,
    report_open,
    report_publish,
    section_add,
    section_edit,
    section_move,
    section_remove,
)
from safeguard.returns.codelists.years import financial_year
from safeguard.scorecard.forms import ReviewForm, year_choices


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    context = {
        "title": "Yearly reports",
        "reports": reports_list(actor=actor),
        "can_manage": actor_can(actor, Permission.REPORT_MANAGE),
    }
    return render(request, "reports/index.jinja", context)


@require_http_methods(["GET", "POST"])
def report_open_view(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.REPORT_MANAGE)
    # Any recent year: a report is often written, or corrected, long after its year.
    form = ReportOpenForm(form_data(request), years=year_choices(financial_year(), count=12))
    if request.method == "POST" and form.is_valid():
        try:
            report = report_open(
                actor=actor,
                year=int(form.cleaned_data["year"]),
                contributions_due=form.cleaned_data["contributions_due"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("reports:detail", year=report.year)
    return render(request, "reports/open.jinja", {"title": "Open a yearly report", "form": form})


def _detail_context(actor: Actor, year: int, form: PublishForm) -> dict[str, object]:
    report = report_get(actor=actor, year=year)
    content = report_content(report)
    return {
        "title": report.title,
        "report": report,
        "sections": list(report.sections.order_by("position")),
        "contributions": [
            (c, presenters.contribution_tag(c))
            for c in report.contributions.select_related("agency")
        ],
        "problems": report_check(content, report_html(content)),
        "publications": list(report.publications.all()),
        "form": form,
    }


@require_GET
def detail(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    context = _detail_context(actor, year, PublishForm())
    return render(request, "reports/detail.jinja", context)


@require_POST
def publish(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            publication = report_publish(
                actor=actor,
                report=report_get(actor=actor, year=year),
                note=form.cleaned_data["note"],
                make_public=form.cleaned_data["make_public"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("reports:published", year=year, number=publication.number)
    context = _detail_context(actor, year, form)
    return render(request, "reports/detail.jinja", context, status=200)


@require_GET
def preview(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    content = report_content(report_get(actor=actor, year=year))
    banner = "A draft, not published: its figures are computed from the records as they are now."
    back = reverse("reports:detail", args=[year])
    return HttpResponse(report_html(content, banner=banner, back_href=back))


@require_http_methods(["GET", "POST"])
def section_new(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    report = report_get(actor=actor, year=year)
    form = SectionNewForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            section = section_add(actor=actor, report=report, title=form.cleaned_data["title"])
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("reports:section", year=year, key=section.key)
    context = {"title": "Add a section", "form": form, "report": report}
    return render(request, "reports/section_new.jinja", context)


@require_http_methods(["GET", "POST"])
def section_edit_view(request: HttpRequest, year: int, key: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    section = section_get(actor=actor, year=year, key=key)
    initial = {"title": section.title, "body": section.body, "version": section.version}
    form = SectionForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            section_edit(
                actor=actor,
                section=section,
                title=data["title"],
                body=data["body"],
                seen_version=data["version"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("reports:detail", year=year)
    context = {
        "title": f"Edit: {section.title}",
        "form": form,
        "section": section,
        "versions": list(section.versions.select_related("author")[:10]),
    }
    return render(request, "reports/section.jinja", context)


@require_POST
def section_move_view(request: HttpRequest, year: int, key: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    section = section_get(actor=actor, year=year, key=key)
    direction = posted_choice(request.POST, "direction", ["up", "down"])
    if direction is not None:
        section_move(actor=actor, section=section, up=direction == "up")
    return redirect("reports:detail", year=year)


@require_POST
def section_remove_view(request: HttpRequest, year: int, key: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    section = section_get(actor=actor, year=year, key=key)
    version = posted_int(request.POST, "version")
    if version is None:
        version = -1
    try:
        section_remove(actor=actor, section=section, seen_version=version)
    except DomainError:
        return redirect("reports:section", year=year, key=key)
    return redirect("reports:detail", year=year)


@require_http_methods(["GET", "POST"])
def contribution_review_view(
    request: HttpRequest, year: int, contribution_id: UUID
) -> HttpResponse:
    actor = Actor.for_user(request.user)
    contribution = contribution_for_review(actor=actor, year=year, contribution_id=contribution_id)
    form = ReviewForm(form_data(request), initial={"version": contribution.version})
    if request.method == "POST" and form.is_valid():
        try:
            contribution_review(
                actor=actor,
                contribution=contribution,
                **form.review_arguments(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("reports:detail", year=year)
    context = {
        "title": f"Contribution from {contribution.agency.name}",
        "contribution": contribution,
        "answers": presenters.answers(contribution),
        "form": form,
    }
    return render(request, "reports/contribution_review.jinja", context)


@require_GET
def contributions(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    found = contributions_mine(actor=actor)
    context = {
        "title": "Your agency's contributions to the yearly report",
        "contributions": [(c, presenters.contribution_tag(c)) for c in found],
    }
    return render(request, "reports/contributions.jinja", context)


@require_http_methods(["GET", "POST"])
def contribution_edit(request: HttpRequest, contribution_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    contribution = contribution_mine(actor=actor, contribution_id=contribution_id)
    initial: dict[str, object] = {"version": contribution.version}
    initial |= {f"answer_{n}": a for n, a in enumerate(contribution.answers, 1)}
    form = ContributionForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contribution_save(
                actor=actor,
                contribution=contribution,
                answers=form.answers(),
                seen_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("reports:contributions")
    context = {
        "title": f"Contribution to the {contribution.report.title}",
        "contribution": contribution,
        "form": form,
        "answer_fields": [form[f"answer_{n}"] for n in range(1, len(contribution.answers) + 1)],
    }
    return render(request, "reports/contribution.jinja", context)


@require_POST
def publication_public_view(request: HttpRequest, year: int, number: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.REPORT_MANAGE)
    publication = publication_get(actor=actor, year=year, number=number)
    publication_make_public(
        actor=actor,
        publication=publication,
        public=posted_choice(request.POST, "public", ["yes", "no"]) == "yes",
    )
    return redirect("reports:detail", year=year)


def _published_html(publication: Publication) -> str:
    note = presenters.version_note(publication)
    return report_html(publication.content, created=publication.published_at, version_note=note)


def _pdf_response(publication: Publication) -> HttpResponse:
    pdf = report_pdf(publication.content, created=publication.published_at)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"annual-report-{publication.content['year_label']}-v{publication.number}.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
def published(request: HttpRequest, year: int, number: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    return HttpResponse(_published_html(publication_get(actor=actor, year=year, number=number)))


@require_GET
def published_pdf(request: HttpRequest, year: int, number: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    return _pdf_response(publication_get(actor=actor, year=year, number=number))


@login_not_required
@require_GET
def public(request: HttpRequest, year: int) -> HttpResponse:
    return HttpResponse(_published_html(publication_public(year=year)))


@login_not_required
@require_GET
def public_pdf(request: HttpRequest, year: int) -> HttpResponse:
    return _pdf_response(publication_public(year=year))
