"""The system administrator's pages: agencies, teams and users. No case data here."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.pagination import paginate, pagination_params
from safeguard.partners import presenters, selectors, services
from safeguard.partners.forms import (
    AgencyEditForm,
    AgencyForm,
    TeamForm,
    UserEditForm,
    UserForm,
    UserSearchForm,
)
from safeguard.partners.models import AccountChange, User


@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agency_list(actor=Actor.for_user(request.user))
    return render(
        request, "partners/agency_list.jinja", {"title": "Agencies", "agencies": agencies}
    )


@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    selectors.agency_list(actor=actor)  # checks the role before showing the form
    form = AgencyForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(actor=actor, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"{agency.name} added")
            return redirect("partners:agency-detail", agency_id=agency.pk)
    return render(request, "partners/agency_form.jinja", {"title": "Add an agency", "form": form})


@require_GET
def agency_detail(request: HttpRequest, agency_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    agency = selectors.agency_get(actor=actor, agency_id=agency_id)
    context = {
        "title": agency.name,
        "agency": agency,
        "rows": presenters.agency_summary_rows(agency),
        "teams": agency.teams.all(),
        "api_key_rows": presenters.api_key_rows(
            list(selectors.agency_api_keys(actor=actor, agency=agency))
        ),
    }
    return render(request, "partners/agency_detail.jinja", context)


@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, agency_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    agency = selectors.agency_get(actor=actor, agency_id=agency_id)
    initial = {f: getattr(agency, f) for f in AgencyEditForm.base_fields}
    form = AgencyEditForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.agency_update(
                actor=actor, agency=agency, seen_version=data.pop("version"), **data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Agency updated")
            return redirect("partners:agency-detail", agency_id=agency.pk)
    return render(
        request,
        "partners/agency_form.jinja",
        {"title": f"Change {agency.name}", "form": form, "agency": agency},
    )


@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest, agency_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    agency = selectors.agency_get(actor=actor, agency_id=agency_id)
    form = TeamForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.team_create(actor=actor, agency=agency, name=form.cleaned_data["name"])
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Team added")
            return redirect("partners:agency-detail", agency_id=agency.pk)
    return render(
        request,
        "partners/team_form.jinja",
        {"title": f"Add a team to {agency.name}", "form": form, "agency": agency},
    )


@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    search = UserSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    users = selectors.user_list(actor=Actor.for_user(request.user), query=query)
    page = paginate(users, page_number=request.GET.get("page"))
    rows = [
        {
            "user": user,
            "status": presenters.user_status_tag(user),
            "roles": presenters.role_labels(user),
        }
        for user in page
    ]
    context = {
        "title": "Users",
        "search": search,
        "rows": rows,
        "page": page,
        "pagination": pagination_params(page, request.GET),
    }
    return render(request, "partners/user_list.jinja", context)


@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    selectors.user_list(actor=actor)  # checks the role before showing the form
    form = UserForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.user_create(actor=actor, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            waiting = selectors.account_change_waiting_for(user=created.user)
            context = {
                "title": "User account created",
                "new_user": created.user,
                "setup_code": created.setup_code,
                "waiting": presenters.account_change_text(waiting) if waiting else "",
            }
            return render(request, "partners/user_created.jinja", context)
    return render(request, "partners/user_form.jinja", {"title": "Add a user", "form": form})


@require_GET
def user_detail(request: HttpRequest, user_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    user = selectors.user_get(actor=actor, user_id=user_id)
    waiting = selectors.account_change_waiting_for(user=user)
    delayed = selectors.user_sign_in_delayed(actor=actor, user=user)
    context = {
        "title": user.full_name,
        "account": user,
        "delayed": delayed,
        "rows": presenters.user_summary_rows(user),
        "status": presenters.user_status_tag(user, sign_in_delayed=delayed),
        "waiting": presenters.account_change_text(waiting) if waiting else "",
    }
    return render(request, "partners/user_detail.jinja", context)


@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    user = selectors.user_get(actor=actor, user_id=user_id)
    initial = {
        "full_name": user.full_name,
        "agency": user.agency,
        "team": user.team,
        "roles": sorted(user.roles),
        "version": user.version,
    }
    form = UserEditForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            result = services.user_update(
                actor=actor, user=user, seen_version=data.pop("version"), **data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _updated_message(result.waiting))
            return redirect("partners:user-detail", user_id=user.pk)
    return render(
        request,
        "partners/user_form.jinja",
        {"title": f"Change {user.full_name}", "form": form, "account": user},
    )


def _updated_message(waiting: AccountChange | None) -> str:
    if waiting is None:
        return "User updated"
    return (
        f"User updated. {presenters.account_change_text(waiting)}: this waits for approval by "
        "another administrator or the information governance officer."
    )


@require_POST
def user_action(request: HttpRequest, user_id: UUID, action: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    user = selectors.user_get(actor=actor, user_id=user_id)
    if action in CODE_ACTIONS:
        return _setup_code_action(request, actor, user, action)
    done = {
        "unlock": (
            "Sign-ins are no longer slowed down",
            lambda: services.user_unlock(actor=actor, user=user),
        ),
        "deactivate": (
            "Account deactivated",
            lambda: services.user_set_active(actor=actor, user=user, active=False),
        ),
        "reactivate": (
            "Account reactivated",
            lambda: services.user_set_active(actor=actor, user=user, active=True),
        ),
        "resend-activation": (
            "Activation email sent",
            lambda: services.user_resend_activation(actor=actor, user=user),
        ),
    }
    if action not in done:
        raise Http404
    message, run = done[action]
    try:
        run()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    return redirect("partners:user-detail", user_id=user.pk)


# Actions that give a set-up code, shown once to the administrator to pass on out of band.
CODE_ACTIONS = {
    "reset-mfa": ("Authenticator reset", services.user_reset_mfa),
    "set-up-code": ("New set-up code", services.user_issue_enrolment_code),
}


def _setup_code_action(request: HttpRequest, actor: Actor, user: User, action: str) -> HttpResponse:
    title, issue = CODE_ACTIONS[action]
    try:
        code = issue(actor=actor, user=user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("partners:user-detail", user_id=user.pk)
    context = {"title": title, "account": user, "setup_code": code}
    return render(request, "partners/setup_code_issued.jinja", context)
