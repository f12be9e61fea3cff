"""The MASH manager's decision, which locks the notification; addenda afterwards."""

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.policy import Permission
from safeguard.mash.models import (
    Addendum,
    Decision,
    InformationRequest,
    Notification,
    NotificationChild,
    NotificationEvent,
)
from safeguard.mash.models.choices import (
    OnwardReferral,
    Outcome,
    Rag,
    RequestStatus,
    Stage,
    Status,
)
from safeguard.mash.services.common import locked_for_change, record_change, refuse_if_decided
from safeguard.mash.services.telling import (
    tell_agency_of_closed_request,
    tell_referrer_of_decision,
)
from safeguard.mash.services.triage import advance, open_for_triage
from safeguard.people.models import DatePrecision, Person, PersonKind
from safeguard.people.services import person_create


def _ready_to_decide(notification: Notification) -> None:
    if not notification.rag:
        raise DomainError("Set the RAG rating before deciding", field="outcome")
    if not notification.consent_consideration:
        raise DomainError("Record how consent was considered before deciding", field="outcome")
    # A link the referrer made is their guess from their own records: the MASH confirms every
    # one, or a decision lands in the chronology of a child nobody checked.
    if notification.children.filter(link_confirmed_at__isnull=True).exists():
        raise DomainError(
            "Confirm which person in the people index each child is before deciding",
            field="outcome",
        )


def decision_consistency_check(*, outcome: str, threshold_level: int) -> None:
    """Refuse an outcome recorded with a level of need it cannot have (settings, ADR 22)."""
    allowed = settings.MASH_OUTCOME_LEVELS.get(outcome, [])
    if threshold_level not in allowed:
        levels = " or ".join(f"level {level}" for level in allowed) or "no level"
        raise DomainError(
            f"{Outcome(outcome).label} needs {levels} of need. "
            "Change the outcome or the level of need",
            field="threshold_level",
        )


@dataclass(frozen=True)
class DecisionAnswers:
    """What a manager decides: recorded once, and again in full by a correction."""

    outcome: str
    onward_referrals: list[str]
    threshold_level: int
    rationale: str
    next_steps: str = ""
    allocated_team: str = ""
    contact: str = ""
    # Children whose outcome differs from the decision's: {child id: (outcome, level)}.
    by_child: dict[int, tuple[str, int]] = field(default_factory=dict)


def decision_answers_check(answers: DecisionAnswers) -> DecisionAnswers:
    """The answers, trimmed, or the first thing wrong with them against its field."""
    if answers.outcome not in Outcome.values:
        raise DomainError("Choose the outcome", field="outcome")
    if not set(answers.onward_referrals) <= set(OnwardReferral.values):
        raise DomainError("Choose onward referrals from the list", field="onward_referrals")
    if str(answers.threshold_level) not in settings.MASH_THRESHOLD_LEVELS:
        raise DomainError("Choose the level of need", field="threshold_level")
    rationale = answers.rationale.strip()
    if not rationale:
        raise DomainError("Explain the decision", field="rationale")
    if len(rationale) > settings.MASH_RATIONALE_MAX:
        limit = settings.MASH_RATIONALE_MAX
        raise DomainError(f"Rationale must be {limit:,} characters or less", field="rationale")
    decision_consistency_check(outcome=answers.outcome, threshold_level=answers.threshold_level)
    for child_id, (outcome, level) in answers.by_child.items():
        if outcome not in Outcome.values or str(level) not in settings.MASH_THRESHOLD_LEVELS:
            raise DomainError("Choose each child's outcome and level of need", field="outcome")
        try:
            decision_consistency_check(outcome=outcome, threshold_level=level)
        except DomainError as error:
            raise DomainError(error.message, field=f"outcome_{child_id}") from None
    for name, limit in (("next_steps", 2000), ("allocated_team", 200), ("contact", 200)):
        if len(getattr(answers, name).strip()) > limit:  # refused, never cut short
            raise DomainError(f"Keep this to {limit:,} characters or less", field=name)
    return replace(
        answers,
        onward_referrals=sorted(answers.onward_referrals),
        rationale=rationale,
        next_steps=answers.next_steps.strip(),
        allocated_team=answers.allocated_team.strip(),
        contact=answers.contact.strip(),
    )


def _close_open_requests(
    actor: Actor, notification: Notification, reason: str, now: dt.datetime
) -> None:
    """Red is immediate risk: a manager may decide before every agency has answered. Each
    open request is closed unanswered, with the reason, and its agency is told."""
    still_open = list(
        notification.requests.select_for_update(of=("self",))
        .filter(status=RequestStatus.OPEN)
        .select_related("agency")
    )
    if not still_open:
        return
    if notification.rag != Rag.RED:
        raise DomainError(
            "Wait for the open information requests, or withdraw them, before deciding",
            field="outcome",
        )
    if not reason.strip():
        raise DomainError(
            "Say why the decision cannot wait for the open requests",
            field="open_requests_reason",
        )
    for request in still_open:
        InformationRequest.objects.filter(pk=request.pk).update(
            status=RequestStatus.UNANSWERED,
            withdrawn_at=now,
            withdrawn_reason=reason.strip(),
            version=request.version + 1,
            updated_at=now,
        )
        NotificationEvent.objects.create(
            notification=notification,
            stage=Stage.REQUEST_CLOSED,
            at=now,
            actor_label=actor.label,
            detail=request.agency.name,
        )
        tell_agency_of_closed_request(request, notification.reference)


def child_outcomes_save(
    *, notification: Notification, by_child: dict[int, tuple[str, int]]
) -> None:
    """Each child's own outcome where it differs, and none where it does not. Refused if a
    child is not one of the notification's."""
    children = {c.pk: c for c in notification.children.select_for_update()}
    if not set(by_child) <= set(children):
        raise DomainError("Choose outcomes only for this notification's children", field="outcome")
    for pk, child in children.items():
        child.outcome, child.threshold_level = by_child.get(pk, ("", None))
    NotificationChild.objects.bulk_update(children.values(), ["outcome", "threshold_level"])


@transaction.atomic
def notification_decide(
    *,
    actor: Actor,
    notification_id: UUID,
    seen_version: int,
    outcome: str,
    onward_referrals: list[str],
    threshold_level: int,
    rationale: str,
    lawful_basis_confirmed: bool,
    next_steps: str = "",
    allocated_team: str = "",
    contact: str = "",
    open_requests_reason: str = "",
    by_child: dict[int, tuple[str, int]] | None = None,
) -> Decision:
    notification = locked_for_change(
        actor=actor,
        notification_id=notification_id,
        seen_version=seen_version,
        permission=Permission.MASH_DECIDE,
    )
    refuse_if_decided(notification)
    _ready_to_decide(notification)
    answers = decision_answers_check(
        DecisionAnswers(
            outcome=outcome,
            onward_referrals=onward_referrals,
            threshold_level=threshold_level,
            rationale=rationale,
            next_steps=next_steps,
            allocated_team=allocated_team,
            contact=contact,
            by_child=by_child or {},
        )
    )
    if not lawful_basis_confirmed:
        raise DomainError("Confirm the lawful basis for sharing", field="lawful_basis_confirmed")
    now = timezone.now()
    _close_open_requests(actor, notification, open_requests_reason, now)
    child_outcomes_save(notification=notification, by_child=answers.by_child)
    decision = Decision.objects.create(
        notification=notification,
        **{k: v for k, v in asdict(answers).items() if k != "by_child"},
        lawful_basis_confirmed=True,
        decided_by=actor.person_acting(),
        decided_at=now,
    )
    Notification.objects.filter(pk=notification.pk).update(status=Status.DECIDED, decided_at=now)
    notification.status = Status.DECIDED
    record_change(
        actor=actor, notification=notification, stage=Stage.DECIDED, detail=Outcome(outcome).label
    )
    tell_referrer_of_decision(notification)
    return decision


@transaction.atomic
def addendum_add(*, actor: Actor, notification_id: UUID, text: str) -> Addendum:
    notification = locked_for_change(
        actor=actor,
        notification_id=notification_id,
        seen_version=None,
        permission=Permission.MASH_TRIAGE,
    )
    if not text.strip():
        raise DomainError("Write the addendum", field="text")
    addendum = Addendum.objects.create(
        notification=notification,
        text=text.strip(),
        author=actor.person_acting(),
        at=timezone.now(),
    )
    record_change(actor=actor, notification=notification, stage=Stage.ADDENDUM, bump=False)
    return addendum


def new_person_for(*, actor: Actor, child: NotificationChild) -> Person:
    """A person in the index made from the referrer's details of a child nobody matched."""
    unborn = child.date_of_birth_precision == DatePrecision.EXPECTED
    return person_create(
        actor=actor,
        given_name=child.given_name,
        family_name=child.family_name or ("Unborn baby" if unborn else ""),
        kind=PersonKind.UNBORN if unborn else PersonKind.CHILD,
        date_of_birth=child.date_of_birth,
        date_of_birth_precision=child.date_of_birth_precision,
        sex=child.sex or "U",
        nhs_number=child.nhs_number or None,
    )


@transaction.atomic
def notification_child_record(
    *, actor: Actor, notification_id: UUID, seen_version: int, child_id: int
) -> NotificationChild:
    """Record a notified child who is not in the people index, and link them: "none of these",
    which also replaces a record the referrer chose that the MASH finds is someone else."""
    notification = open_for_triage(actor, notification_id, seen_version)
    child = notification.children.filter(pk=child_id, link_confirmed_at__isnull=True).first()
    if child is None:
        raise NotFound
    child.person = new_person_for(actor=actor, child=child)
    child.link_confirmed_by = actor.user
    child.link_confirmed_at = timezone.now()
    child.save(update_fields=["person", "link_confirmed_by", "link_confirmed_at"])
    advance(notification, Status.TRIAGE)
    record_change(
        actor=actor,
        notification=notification,
        stage=Stage.CHILD_LINKED,
        detail=f"{child} recorded as new",
    )
    return child
