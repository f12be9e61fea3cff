"""The MASH's page for one notification, and each triage step's form."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.core.actors import Actor
from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.http import form_data
from safeguard.core.policy import Permission, actor_can
from safeguard.govuk_forms.forms import Versioned
from safeguard.mash import selectors
from safeguard.mash.forms.triage import (
    AddendumForm,
    AssignForm,
    ConsentForm,
    DecisionCorrectionForm,
    DecisionForm,
    EscalationAnswerForm,
    InformationForm,
    LinkChildForm,
    RagForm,
    RelinkForm,
)
from safeguard.mash.presenters.common import child_name
from safeguard.mash.presenters.decisions import (
    closes_requests,
    decision_check_page,
    decision_page,
)
from safeguard.mash.presenters.linking import relink_page
from safeguard.mash.presenters.steps import step_page
from safeguard.mash.presenters.triage import notification_page
from safeguard.mash.selectors.rows import NotificationRow
from safeguard.mash.selectors.triage import NotificationRecord
from safeguard.mash.services import corrections, decisions, escalations, requests, triage
from safeguard.mash.services.decisions import DecisionAnswers


@require_GET
def detail(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    record = selectors.notification_get(actor=actor, notification_id=notification_id)
    notification = record.notification
    can_triage = actor_can(actor, Permission.MASH_TRIAGE) and not notification.is_decided
    assign = (
        AssignForm(
            initial={
                "version": notification.version,
                "worker": notification.assigned_to_id or "",
            },
            workers=selectors.mash_workers(),
        )
        if can_triage
        else None
    )
    page = notification_page(
        record=record,
        can_triage=can_triage,
        can_decide=actor_can(actor, Permission.MASH_DECIDE),
        can_add=actor_can(actor, Permission.MASH_TRIAGE),
        assign=assign,
        now=timezone.now(),
    )
    return render(request, "mash/notification.jinja", {"title": page.title, "page": page})


def _step_page(
    request: HttpRequest, notification: NotificationRow, title: str, form: forms.Form
) -> HttpResponse:
    page = step_page(
        notification_id=notification.id, reference=notification.reference, title=title, form=form
    )
    return render(request, "mash/step.jinja", {"title": title, "page": page})


def _step(
    request: HttpRequest,
    notification_id: UUID,
    form_class: type[forms.Form],
    save: Callable[[Actor, dict[str, Any]], object],
    *,
    title: str,
    done: str,
    initial: Callable[[Any], dict[str, Any]] | None = None,
    permission: Permission = Permission.MASH_TRIAGE,
) -> HttpResponse:
    """A triage step: a form about one notification, saved only over the version seen."""
    actor = Actor.for_user(request.user)
    if not actor_can(actor, permission):
        raise NotFound
    record = selectors.notification_get(actor=actor, notification_id=notification_id)
    notification = record.notification
    if notification.is_decided:
        messages.error(request, "This notification is decided. Add an addendum instead.")
        return redirect("mash:notification", notification_id=notification_id)
    start = {"version": notification.version, **(initial(notification) if initial else {})}
    form = form_class(form_data(request), request.FILES or None, initial=start)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["seen_version"] = data.pop("version")
        try:
            save(actor, data)
        except ConflictError as conflict:
            messages.error(request, conflict.message)
            return redirect("mash:notification", notification_id=notification_id)
        except DomainError as error:
            form.add_domain_error(error)  # type: ignore[attr-defined]
        else:
            messages.success(request, done)
            return redirect("mash:notification", notification_id=notification_id)
    return _step_page(request, notification, title, form)


@require_http_methods(["GET", "POST"])
def rag(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    return _step(
        request,
        notification_id,
        RagForm,
        lambda actor, d: triage.notification_set_rag(
            actor=actor, notification_id=notification_id, **d
        ),
        title="Set the RAG rating",
        done="RAG rating set",
        initial=lambda n: {"rag": n.rag, "rationale": n.rag_rationale},
    )


@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    return _step(
        request,
        notification_id,
        ConsentForm,
        lambda actor, d: triage.notification_consider_consent(
            actor=actor, notification_id=notification_id, **d
        ),
        title="Consider consent",
        done="Consent consideration recorded",
        initial=lambda n: {"consideration": n.consent_consideration},
    )


def _save_information(actor: Actor, notification_id: UUID, data: dict[str, Any]) -> object:
    if not data["needed"]:
        return triage.notification_decide_information(
            actor=actor,
            notification_id=notification_id,
            seen_version=data["seen_version"],
            needed=False,
        )
    return requests.information_request_send(
        actor=actor,
        notification_id=notification_id,
        seen_version=data["seen_version"],
        agency_ids=[UUID(a) for a in data["agencies"]],
        question=data["question"],
    )


@require_http_methods(["GET", "POST"])
def information(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    return _step(
        request,
        notification_id,
        InformationForm,
        lambda actor, d: _save_information(actor, notification_id, d),
        title="Information from partner agencies",
        done="Information needs recorded",
    )


def _answers(data: dict[str, Any], by_child: dict[int, tuple[str, int]]) -> DecisionAnswers:
    return DecisionAnswers(
        outcome=data["outcome"],
        onward_referrals=data["onward_referrals"],
        threshold_level=int(data["threshold_level"]),
        rationale=data["rationale"],
        next_steps=data["next_steps"],
        allocated_team=data["allocated_team"],
        contact=data["contact"],
        by_child=by_child,
    )


def _record_decision(actor: Actor, notification_id: UUID, form: DecisionForm) -> str:
    data = form.cleaned_data
    answers = _answers(data, form.by_child())
    if "reason" in data:
        corrections.decision_correct(
            actor=actor,
            notification_id=notification_id,
            seen_version=data["version"],
            answers=answers,
            reason=data["reason"],
        )
        return "Decision corrected: the referrer has been told"
    decisions.notification_decide(
        actor=actor,
        notification_id=notification_id,
        seen_version=data["version"],
        outcome=answers.outcome,
        onward_referrals=answers.onward_referrals,
        threshold_level=answers.threshold_level,
        rationale=answers.rationale,
        lawful_basis_confirmed=bool(data["lawful_basis_confirmed"]),
        next_steps=answers.next_steps,
        allocated_team=answers.allocated_team,
        contact=answers.contact,
        open_requests_reason=data.get("open_requests_reason", ""),
        by_child=answers.by_child,
    )
    return "Decision recorded: the notification is now locked"


def _decision_form(
    request: HttpRequest, record: NotificationRecord, *, correcting: bool
) -> DecisionForm:
    n, d = record.notification, record.decision
    children = [(c.id, child_name(c)) for c in record.children]
    if not correcting:
        return DecisionForm(
            form_data(request),
            initial={"version": n.version},
            closes_requests=closes_requests(record),
            children=children,
        )
    if d is None:  # the flow sends an undecided notification back before this
        raise NotFound
    initial = {
        "version": n.version,
        "outcome": d.outcome,
        "onward_referrals": d.onward_referrals,
        "threshold_level": str(d.threshold_level),
        "rationale": d.rationale,
        "next_steps": d.next_steps,
        "allocated_team": d.allocated_team,
        "contact": d.contact,
    }
    for child in record.children:
        if child.outcome:
            initial[f"outcome_{child.id}"] = child.outcome
            initial[f"level_{child.id}"] = str(child.threshold_level)
    return DecisionCorrectionForm(form_data(request), initial=initial, children=children)


def _decision_flow(
    request: HttpRequest, notification_id: UUID, *, correcting: bool
) -> HttpResponse:
    """What must happen first; the form; a check of the answers; then the locked decision (or
    its correction, which supersedes it)."""
    actor = Actor.for_user(request.user)
    if not actor_can(actor, Permission.MASH_DECIDE):
        raise NotFound
    record = selectors.notification_get(actor=actor, notification_id=notification_id)
    n = record.notification
    if n.is_decided != correcting:
        messages.error(
            request,
            "This notification is decided: correct the decision instead."
            if n.is_decided
            else "There is no decision to correct yet.",
        )
        return redirect("mash:notification", notification_id=notification_id)
    form = _decision_form(request, record, correcting=correcting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decisions.decision_consistency_check(
                outcome=data["outcome"], threshold_level=int(data["threshold_level"])
            )
            if data["step"] == "record":
                messages.success(request, _record_decision(actor, notification_id, form))
                return redirect("mash:notification", notification_id=notification_id)
        except ConflictError as conflict:
            messages.error(request, conflict.message)
            return redirect("mash:notification", notification_id=notification_id)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if data["step"] != "change":
                check = decision_check_page(
                    notification_id=n.id,
                    reference=n.reference,
                    data=data,
                    correcting=correcting,
                    by_child=form.by_child(),
                    children=record.children,
                )
                return render(
                    request, "mash/decision_check.jinja", {"title": check.title, "page": check}
                )
    page = decision_page(record=record, form=form, correcting=correcting)
    return render(request, "mash/decision.jinja", {"title": page.title, "page": page})


@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    return _decision_flow(request, notification_id, correcting=False)


@require_http_methods(["GET", "POST"])
def decision_correct(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    return _decision_flow(request, notification_id, correcting=True)


@require_http_methods(["GET", "POST"])
def relink_child(request: HttpRequest, notification_id: UUID, child_id: int) -> HttpResponse:
    """A confirmed link that was wrong, moved to the right person with a reason."""
    actor = Actor.for_user(request.user)
    if not actor_can(actor, Permission.MASH_DECIDE):
        raise NotFound
    record = selectors.notification_get(
        actor=actor, notification_id=notification_id, candidates_for=child_id
    )
    child = next((c for c in record.children if c.id == child_id), None)
    if child is None or child.link_confirmed_at is None:
        raise NotFound
    form = RelinkForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            corrections.notification_child_relink(
                actor=actor,
                notification_id=notification_id,
                child_id=child_id,
                person_id=form.cleaned_data["person"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Link corrected: anyone who viewed the other record is told")
            return redirect("mash:notification", notification_id=notification_id)
    page = relink_page(record=record, child=child, form=form)
    return render(request, "mash/relink.jinja", {"title": page.title, "page": page})


@require_http_methods(["GET", "POST"])
def escalation_answer(
    request: HttpRequest, notification_id: UUID, escalation_id: UUID
) -> HttpResponse:
    actor = Actor.for_user(request.user)
    if not actor_can(actor, Permission.MASH_DECIDE):
        raise NotFound
    record = selectors.notification_get(actor=actor, notification_id=notification_id)
    if not any(e.id == escalation_id and e.responded_at is None for e in record.escalations):
        raise NotFound
    form = EscalationAnswerForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            escalations.escalation_answer(
                actor=actor, escalation_id=escalation_id, response=form.cleaned_data["response"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Answer sent to the referrer")
            return redirect("mash:notification", notification_id=notification_id)
    return _step_page(request, record.notification, "Answer the escalation", form)


@require_http_methods(["GET", "POST"])
def addendum(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    selectors.notification_for_triage(actor=actor, notification_id=notification_id)
    record = selectors.notification_get(actor=actor, notification_id=notification_id)
    form = AddendumForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            decisions.addendum_add(
                actor=actor, notification_id=notification_id, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Addendum added")
            return redirect("mash:notification", notification_id=notification_id)
    return _step_page(request, record.notification, "Add an addendum", form)


def _post_action(
    request: HttpRequest, notification_id: UUID, run: Callable[[], object], done: str
) -> HttpResponse:
    try:
        run()
    except DomainError as error:  # a conflict included: the page shows the newer state
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("mash:notification", notification_id=notification_id)


def _refused(request: HttpRequest, notification_id: UUID, form: Versioned) -> HttpResponse:
    """A posted field that is not one of the choices offered: said, and nothing changed."""
    first = next(iter(form.errors.values()))[0]
    messages.error(request, str(first))
    return redirect("mash:notification", notification_id=notification_id)


@require_POST
def assign(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    selectors.notification_for_triage(actor=actor, notification_id=notification_id)
    form = AssignForm(request.POST, workers=selectors.mash_workers())
    if not form.is_valid():
        return _refused(request, notification_id, form)
    worker = form.cleaned_data["worker"]
    return _post_action(
        request,
        notification_id,
        lambda: triage.notification_assign(
            actor=actor,
            notification_id=notification_id,
            seen_version=form.cleaned_data["version"],
            worker_id=UUID(worker) if worker else None,
        ),
        "Assignment saved",
    )


@require_POST
def link_child(request: HttpRequest, notification_id: UUID, child_id: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    selectors.notification_for_triage(actor=actor, notification_id=notification_id)
    form = LinkChildForm(request.POST)
    if not form.is_valid():
        return _refused(request, notification_id, form)
    person, version = form.cleaned_data["person"], form.cleaned_data["version"]
    if person == "new":
        return _post_action(
            request,
            notification_id,
            lambda: decisions.notification_child_record(
                actor=actor,
                notification_id=notification_id,
                seen_version=version,
                child_id=child_id,
            ),
            "Child recorded in the people index and linked",
        )
    return _post_action(
        request,
        notification_id,
        lambda: triage.notification_link_child(
            actor=actor,
            notification_id=notification_id,
            seen_version=version,
            child_id=child_id,
            person_id=person,
        ),
        "Child linked to the people index",
    )
