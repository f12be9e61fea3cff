"""The scorecard, its collection rounds, and each agency's submissions."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.core.policy import Permission, actor_can, require_permission
from safeguard.partners.selectors import partner_agencies
from safeguard.scorecard import presenters
from safeguard.scorecard.forms import (
    DemographicForm,
    IndicatorForm,
    ReferenceForm,
    ReviewForm,
    RoundForm,
    ScorecardFilterForm,
    SubmissionForm,
)
from safeguard.scorecard.models import PeriodKind, SourceKind
from safeguard.scorecard.periods import Period
from safeguard.scorecard.selectors import (
    ask_get,
    demographics_list,
    due_list,
    indicator_find,
    indicator_get,
    round_get,
    rounds_list,
    scorecard_get,
    scorecard_latest_year,
    submission_get,
    submitted_indicators,
)
from safeguard.scorecard.services import (
    demographic_figure_add,
    indicator_save,
    reference_value_add,
    round_open,
    submission_review,
    submission_save,
)


def _period(request: HttpRequest, latest: int) -> tuple[ScorecardFilterForm, Period, str]:
    form = ScorecardFilterForm(request.GET or None, latest=latest)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        quarter = int(data["quarter"]) if data["quarter"] else None
        return form, Period(int(data["year"]), quarter), data["theme"]
    return ScorecardFilterForm(initial={"year": latest}, latest=latest), Period(latest), ""


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.SCORECARD_VIEW)
    form, period, theme = _period(request, scorecard_latest_year())
    tiles = scorecard_get(actor=actor, period=period, theme=theme)
    context = {
        "title": "Partnership scorecard",
        "form": form,
        "period": period,
        "cards": [presenters.tile_card(t) for t in tiles],
        "can_manage": actor_can(actor, Permission.SCORECARD_MANAGE),
        "query": request.GET.urlencode(),
    }
    return render(request, "scorecard/index.jinja", context)


@require_GET
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.SCORECARD_VIEW)
    _, period, _ = _period(request, scorecard_latest_year())
    detail = indicator_get(actor=actor, code=code, period=period)
    context = {
        "title": detail.indicator.name,
        "detail": detail,
        "current": detail.trend[-1],
        "value": presenters.value_text(detail.indicator, detail.trend[-1]),
        "chart": presenters.trend_chart(detail),
        "references": presenters.references(detail),
        "can_manage": actor_can(actor, Permission.SCORECARD_MANAGE),
        "query": request.GET.urlencode(),
    }
    return render(request, "scorecard/indicator.jinja", context)


@require_GET
def rounds(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    context = {"title": "Collection rounds", "rounds": rounds_list(actor=actor)}
    return render(request, "scorecard/rounds.jinja", context)


@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.SCORECARD_MANAGE)
    agencies = {str(a.pk): a for a in partner_agencies()}
    indicators = {i.code: i for i in submitted_indicators()}
    form = RoundForm(
        form_data(request),
        latest=scorecard_latest_year(),
        agencies=[(k, a.name) for k, a in agencies.items()],
        indicators=[(k, f"{i.name} ({k})") for k, i in indicators.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = round_open(
                actor=actor,
                year=int(data["year"]),
                quarter=int(data["quarter"]) if data["quarter"] else None,
                due_on=data["due_on"],
                agencies=[agencies[k] for k in data["agencies"]],
                indicators=[indicators[k] for k in data["indicators"]],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("scorecard:round", round_id=opened.pk)
    return render(request, "scorecard/round_form.jinja", {"title": "Open a round", "form": form})


@require_GET
def round_detail(request: HttpRequest, round_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    found, asks = round_get(actor=actor, round_id=round_id)
    context = {
        "title": f"Round for {Period(found.year, found.quarter).label}",
        "round": found,
        "asks": [(a, presenters.ask_status(a)) for a in asks],
    }
    return render(request, "scorecard/round.jinja", context)


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, submission_id: UUID) -> HttpResponse:
    actor = Actor.for_user(request.user)
    submission = submission_get(actor=actor, submission_id=submission_id)
    form = ReviewForm(form_data(request), initial={"version": submission.version})
    if request.method == "POST" and form.is_valid():
        try:
            submission_review(
                actor=actor,
                submission=submission,
                **form.review_arguments(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("scorecard:round", round_id=submission.round_id)
    context = {"title": "Review a submission", "submission": submission, "form": form}
    return render(request, "scorecard/review.jinja", context)


@require_GET
def due(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    asks = due_list(actor=actor)
    context = {
        "title": "Figures for the scorecard",
        "asks": [(a, presenters.ask_status(a)) for a in asks],
    }
    return render(request, "scorecard/due.jinja", context)


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, round_id: UUID, code: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    ask = ask_get(actor=actor, round_id=round_id, code=code)
    initial = {}
    if ask.submission is not None:
        initial = {
            "value": f"{ask.submission.value.normalize():f}",
            "evidence": ask.submission.evidence,
            "version": ask.submission.version,
        }
    form = SubmissionForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission_save(
                actor=actor,
                ask=ask,
                value=data["value"],
                evidence=data["evidence"],
                seen_version=data["version"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("scorecard:due")
    context = {"title": ask.indicator.name, "ask": ask, "form": form}
    return render(request, "scorecard/submit.jinja", context)


@require_http_methods(["GET", "POST"])
def indicator_new(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.SCORECARD_MANAGE)
    agencies = {str(a.pk): a for a in partner_agencies()}
    form = IndicatorForm(form_data(request), agencies=[(k, a.name) for k, a in agencies.items()])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        better = {"higher": True, "lower": False}.get(data["polarity"])
        try:
            indicator_save(
                actor=actor,
                code=data["code"],
                new=True,
                name=data["name"],
                definition=data["definition"],
                unit=data["unit"],
                higher_is_better=better,
                period=PeriodKind.YEAR,
                theme=data["theme"],
                owner_agency=agencies.get(data["owner"]),
                source_kind=SourceKind.COMPUTED if data["computed_key"] else SourceKind.SUBMITTED,
                computed_key=data["computed_key"],
                target=data["target"],
                amber_within=data["amber_within"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("scorecard:indicator", code=data["code"])
    context = {"title": "Add an indicator", "form": form}
    return render(request, "scorecard/indicator_form.jinja", context)


@require_http_methods(["GET", "POST"])
def reference_new(request: HttpRequest, code: str) -> HttpResponse:
    actor = Actor.for_user(request.user)
    indicator = indicator_find(actor=actor, code=code)
    form = ReferenceForm(form_data(request), latest=scorecard_latest_year())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reference_value_add(
                actor=actor,
                indicator=indicator,
                year=int(data["year"]),
                label=data["label"],
                value=data["value"],
                source=data["source"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("scorecard:indicator", code=code)
    context = {"title": f"Add a comparator: {indicator.name}", "form": form, "back": code}
    return render(request, "scorecard/figure_form.jinja", context)


@require_GET
def demographics(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    context = {
        "title": f"Local demographics, {Period(year).label}",
        "year": year,
        "figures": demographics_list(actor=actor, year=year),
        "can_manage": actor_can(actor, Permission.SCORECARD_MANAGE),
    }
    return render(request, "scorecard/demographics.jinja", context)


@require_http_methods(["GET", "POST"])
def demographic_new(request: HttpRequest, year: int) -> HttpResponse:
    actor = Actor.for_user(request.user)
    require_permission(actor, Permission.SCORECARD_MANAGE)
    form = DemographicForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            demographic_figure_add(
                actor=actor,
                year=year,
                label=data["label"],
                value=data["value"],
                unit=data["unit"],
                source=data["source"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("scorecard:demographics", year=year)
    context = {"title": f"Add a demographic figure for {Period(year).label}", "form": form,
               "year": year}  # fmt: skip
    return render(request, "scorecard/figure_form.jinja", context)
