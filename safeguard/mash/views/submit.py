"""A notification, one question a page, then check your answers, then a reference number."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.policy import MASH_ROLES, Permission, require_permission
from safeguard.govuk_forms.forms import posted_int
from safeguard.mash import draft as drafts
from safeguard.mash import selectors
from safeguard.mash.forms.submit import (
    AccountForm,
    AdultForm,
    AnotherForm,
    ChildForm,
    ConcernsForm,
    ContactForm,
    DangerForm,
    FilesForm,
    MatchForm,
    SharingForm,
)
from safeguard.mash.presenters.submit import (
    check_sections,
    draft_people_rows,
    files_page,
    sent_page,
)
from safeguard.mash.services.candidates import child_query
from safeguard.mash.services.submit import ChildDetails, notification_submit, sent_files_store
from safeguard.people import presenters as people_presenters
from safeguard.people.presenters import approximate_text
from safeguard.people.selectors import person_search


def _actor(request: HttpRequest) -> Actor:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.NOTIFICATION_SUBMIT)
    return actor


def _question(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    back: str,
    heading: bool = True,
    caption: str = "Safeguarding notification",
) -> HttpResponse:
    context = {"title": title, "form": form, "back": back, "heading": heading, "caption": caption}
    return render(request, "mash/submit/question.jinja", context)


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if request.method == "POST":
        drafts.clear(request)
        first = "mash:notify-contact" if actor.roles & MASH_ROLES else "mash:notify-danger"
        return redirect(first)
    return render(request, "mash/submit/start.jinja", {"title": "Tell the MASH about a child"})


def _simple_step(
    request: HttpRequest,
    form_class: type[forms.Form],
    *,
    title: str,
    back: str,
    next_step: str | Callable[[dict[str, Any]], str],
    heading: bool = True,
) -> HttpResponse:
    """A page whose answers go straight into the draft."""
    _actor(request)
    draft = drafts.load(request)
    initial = {name: draft.get(name) for name in form_class.base_fields}
    form = form_class(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        draft = drafts.update(request, **form.cleaned_data)
        target = next_step if isinstance(next_step, str) else next_step(draft)
        return redirect(target)
    return _question(request, form, title=title, back=back, heading=heading)


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    return _simple_step(
        request,
        ContactForm,
        title="Who made contact with the MASH?",
        back="mash:notify",
        next_step="mash:notify-danger",
    )


@require_http_methods(["GET", "POST"])
def danger(request: HttpRequest) -> HttpResponse:
    return _simple_step(
        request,
        DangerForm,
        title="Is a child in immediate danger?",
        back="mash:notify",
        next_step=lambda d: "mash:notify-call-999" if d.get("urgent") else "mash:notify-child",
        heading=False,
    )


@require_GET
def call_999(request: HttpRequest) -> HttpResponse:
    _actor(request)
    return render(request, "mash/submit/call_999.jinja", {"title": "Call 999 now"})


def _child_answers(
    request: HttpRequest, draft: dict[str, Any]
) -> tuple[dict[str, Any], int | None]:
    """The answers to show again: a child being changed (`?change=N` from the list), or the
    one just given when the referrer came back from the match page."""
    index = posted_int(request.GET, "change")
    if index is not None and 0 <= index < len(draft["children"]):
        return _as_answered(drafts.children(draft)[index]), index
    pending = draft.get("pending_child")
    if pending:
        return _as_answered(drafts.dated(pending)), pending.get("replaces")
    return {}, None


def _as_answered(child: dict[str, Any]) -> dict[str, Any]:
    """A date that is not exact goes back in the box it was given in."""
    approximate = approximate_text(
        child.get("date_of_birth"), child.get("date_of_birth_precision", "")
    )
    if approximate:
        return {**child, "date_of_birth": None, "approximate": approximate}
    return child


@require_http_methods(["GET", "POST"])
def child(request: HttpRequest) -> HttpResponse:
    """A child's details; a search of the actor's own records follows if it finds anyone in
    the engine's possible band or above."""
    actor = _actor(request)
    answers, replaces = _child_answers(request, drafts.load(request))
    form = ChildForm(form_data(request), initial=answers)
    if request.method == "POST" and form.is_valid():
        details = drafts.plain_row(form.cleaned_data)
        drafts.update(request, pending_child={**details, "replaces": replaces})
        query = child_query(ChildDetails(**form.cleaned_data))
        found = person_search(actor=actor, query=query, at_least=settings.PEOPLE_POSSIBLE_THRESHOLD)
        if found:
            drafts.update(
                request,
                candidates=[
                    [str(c.person.pk), f"{r['name']}, born {r['date_of_birth']}"]
                    for c, r in zip(found, people_presenters.candidate_rows(found), strict=True)
                ],
            )
            return redirect("mash:notify-child-match")
        return _add_pending_child(request, None)
    return _question(request, form, title="About the child", back="mash:notify-danger")


def _add_pending_child(request: HttpRequest, person_id: str | None) -> HttpResponse:
    draft = drafts.load(request)
    pending = draft.pop("pending_child", None)
    draft.pop("candidates", None)
    if pending is not None:
        replaces = pending.pop("replaces", None)
        child = {**pending, "person_id": person_id}
        if replaces is not None and 0 <= replaces < len(draft["children"]):
            draft["children"][replaces] = child
        else:
            draft["children"].append(child)
    drafts.save(request, draft)
    return redirect("mash:notify-children")


@require_http_methods(["GET", "POST"])
def child_match(request: HttpRequest) -> HttpResponse:
    _actor(request)
    draft = drafts.load(request)
    candidates = [tuple(c) for c in draft.get("candidates", [])]
    if not draft.get("pending_child"):
        return redirect("mash:notify-children")
    form = MatchForm(form_data(request), candidates=candidates)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["person"]
        return _add_pending_child(request, None if chosen == "none" else chosen)
    return _question(
        request, form, title="Is it one of these children?", back="mash:notify-child", heading=False
    )


def _list_page(
    request: HttpRequest,
    *,
    key: str,
    title: str,
    question: str,
    add_step: str,
    next_step: str,
    back: str,
) -> HttpResponse:
    """A list of what has been added, with remove buttons, and 'add another?'."""
    _actor(request)
    draft = drafts.load(request)
    if request.method == "POST" and "remove" in request.POST:
        index = posted_int(request.POST, "remove")
        if index is not None and index < len(draft[key]):
            draft[key].pop(index)
            drafts.save(request, draft)
        return redirect(request.path)
    form = AnotherForm(form_data(request), question=question)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["another"]:
            return redirect(add_step)
        if key == "children" and not draft["children"]:
            form.add_error("another", "Add at least one child")
        else:
            return redirect(next_step)
    change = reverse("mash:notify-child") if key == "children" else None
    rows = draft_people_rows(draft[key], change=change)
    context = {"title": title, "form": form, "rows": rows, "back": back, "key": key}
    return render(request, "mash/submit/list.jinja", context)


@require_http_methods(["GET", "POST"])
def children(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        key="children",
        title="Children in this notification",
        question="Do you need to add another child?",
        add_step="mash:notify-child",
        next_step="mash:notify-adults",
        back="mash:notify-child",
    )


@require_http_methods(["GET", "POST"])
def adult(request: HttpRequest) -> HttpResponse:
    _actor(request)
    form = AdultForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        draft = drafts.load(request)
        draft["adults"].append(drafts.plain_row(form.cleaned_data))
        drafts.save(request, draft)
        return redirect("mash:notify-adults")
    return _question(request, form, title="About the adult", back="mash:notify-adults")


@require_http_methods(["GET", "POST"])
def adults(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        key="adults",
        title="Adults and household",
        question="Do you need to add an adult or household member?",
        add_step="mash:notify-adult",
        next_step="mash:notify-concerns",
        back="mash:notify-children",
    )


@require_http_methods(["GET", "POST"])
def concerns(request: HttpRequest) -> HttpResponse:
    return _simple_step(
        request,
        ConcernsForm,
        title="What are you worried about?",
        back="mash:notify-adults",
        next_step="mash:notify-account",
        heading=False,
    )


@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    return _simple_step(
        request,
        AccountForm,
        title="What happened",
        back="mash:notify-concerns",
        next_step="mash:notify-files",
    )


@require_http_methods(["GET", "POST"])
def files(request: HttpRequest) -> HttpResponse:
    """Documents to send with the notification: each checked and stored as it is attached, so
    the draft holds our stored names, never the files."""
    _actor(request)
    draft = drafts.load(request)
    sent = draft.setdefault("files", [])
    if request.method == "POST" and "remove" in request.POST:
        index = posted_int(request.POST, "remove")
        if index is not None and index < len(sent):
            sent.pop(index)
            drafts.save(request, draft)
        return redirect(request.path)
    form = FilesForm(form_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent += [vars(f) for f in sent_files_store(form.cleaned_data["attachments"], len(sent))]
        except DomainError as error:
            form.add_domain_error(error)
        else:
            drafts.save(request, draft)
            return redirect("mash:notify-sharing")
    page = files_page(sent=sent, form=form)
    return render(request, "mash/submit/files.jinja", {"title": page.title, "page": page})


@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    return _simple_step(
        request,
        SharingForm,
        title="Sharing this information",
        back="mash:notify-files",
        next_step="mash:notify-check",
    )


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    draft = drafts.load(request)
    error = None
    if request.method == "POST":
        try:
            notification = notification_submit(actor=actor, draft=drafts.to_service(draft))
        except DomainError as refusal:
            error = refusal.message
        else:
            drafts.clear(request)
            if actor.roles & MASH_ROLES:  # recorded for a referrer: straight to triage
                return redirect("mash:notification", notification_id=notification.pk)
            return redirect("mash:notify-sent", notification_id=notification.pk)
    context = {
        "title": "Check your answers before sending",
        "sections": check_sections(draft, concern_labels=selectors.concern_labels()),
        "error": error,
    }
    return render(request, "mash/submit/check.jinja", context)


@require_GET
def sent(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    row = selectors.submitted_get(
        actor=Actor.for_user(request.user), notification_id=notification_id
    )
    page = sent_page(row=row)
    return render(request, "mash/submit/sent.jinja", {"title": page.title, "page": page})
