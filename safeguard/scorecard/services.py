"""Writes of the scorecard: the catalogue, comparators, demographics, rounds and submissions.
Each is one transaction, checks the policy and is audited."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.emails import agency_email
from safeguard.core.errors import DomainError
from safeguard.core.links import site_link
from safeguard.core.policy import Permission, require_permission
from safeguard.core.presenters import format_date
from safeguard.core.versioning import versioned_update
from safeguard.partners.models import Agency
from safeguard.scorecard.computed import COMPUTED
from safeguard.scorecard.models import (
    CollectionRound,
    DemographicFigure,
    Indicator,
    ReferenceValue,
    RoundStatus,
    SourceKind,
    Submission,
    SubmissionStatus,
    Unit,
)
from safeguard.scorecard.periods import Period
from safeguard.scorecard.selectors import Ask
from safeguard.scorecard.values import value_in_range


def indicator_save(*, actor: Actor, code: str, new: bool = False, **fields: Any) -> Indicator:
    """Adds an indicator to the catalogue (`new` refuses a code in use), or changes its
    definition, target or owner."""
    require_permission(actor, Permission.SCORECARD_MANAGE)
    if new and Indicator.objects.filter(code=code).exists():
        raise DomainError("An indicator already has that code", field="code")
    kind, key = fields.get("source_kind"), fields.get("computed_key", "")
    if kind == SourceKind.COMPUTED and key not in COMPUTED:
        raise DomainError("That is not a computation Safeguard knows", field="computed_key")
    if kind == SourceKind.SUBMITTED and key:
        raise DomainError("A submitted indicator is not computed", field="computed_key")
    needs_owner = fields.get("unit") == Unit.PERCENT and kind == SourceKind.SUBMITTED
    if needs_owner and fields.get("owner_agency") is None:
        # Percentages from several agencies cannot be added up.
        raise DomainError("A submitted percentage needs one owner agency", field="owner")
    with transaction.atomic():
        indicator, created = Indicator.objects.update_or_create(code=code, defaults=fields)
        audit_record(
            actor=actor,
            action="indicator_add" if created else "indicator_change",
            obj=indicator,
            changes={k: str(v) for k, v in fields.items()},
        )
    return indicator


def reference_value_add(
    *, actor: Actor, indicator: Indicator, year: int, label: str, value: Decimal, source: str
) -> ReferenceValue:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    if not source.strip():
        raise DomainError("Say where the comparator was published", field="source")
    with transaction.atomic():
        reference, _ = ReferenceValue.objects.update_or_create(
            indicator=indicator, year=year, label=label, defaults={"value": value, "source": source}
        )
        audit_record(actor=actor, action="reference_value_add", obj=reference)
    return reference


def demographic_figure_add(
    *, actor: Actor, year: int, label: str, value: Decimal, unit: str, source: str
) -> DemographicFigure:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    if not source.strip():
        raise DomainError("Say where the figure comes from", field="source")
    problem = value_in_range(unit, value)
    if problem:
        raise DomainError(problem, field="value")
    with transaction.atomic():
        figure, _ = DemographicFigure.objects.update_or_create(
            year=year,
            label=label,
            defaults={
                "value": value,
                "unit": unit,
                "source": source,
                "position": DemographicFigure.objects.filter(year=year).count(),
            },
        )
        audit_record(actor=actor, action="demographic_figure_add", obj=figure)
    return figure


def round_open(
    *,
    actor: Actor,
    year: int,
    quarter: int | None,
    due_on: dt.date,
    agencies: Iterable[Agency],
    indicators: Iterable[Indicator],
) -> CollectionRound:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    agencies, indicators = list(agencies), list(indicators)
    if not agencies:
        raise DomainError("Choose at least one agency", field="agencies")
    if not indicators:
        raise DomainError("Choose at least one indicator", field="indicators")
    if any(i.source_kind != SourceKind.SUBMITTED for i in indicators):
        raise DomainError("Computed indicators are not collected from partners", field="indicators")
    try:
        with transaction.atomic():
            collection_round = CollectionRound.objects.create(
                year=year, quarter=quarter, due_on=due_on, opened_by=actor.person_acting()
            )
            collection_round.agencies.set(agencies)
            collection_round.indicators.set(indicators)
            audit_record(actor=actor, action="round_open", obj=collection_round)
            _tell_agencies(collection_round, agencies)
    except IntegrityError:
        raise DomainError("A round for that period is already open", field="year") from None
    return collection_round


def _tell_agencies(collection_round: CollectionRound, agencies: list[Agency]) -> None:
    link = site_link("scorecard:due")
    period = Period(collection_round.year, collection_round.quarter).label
    for agency in agencies:
        agency_email(
            agency=agency,
            permission=Permission.SCORECARD_SUBMIT,
            subject=f"Figures for the partnership's scorecard, {period}",
            body=(
                f"The partnership asks {agency.name} for its figures for {period} by "
                f"{format_date(collection_round.due_on)}, each with its evidence.\n\n"
                f"Send them here: {link}"
            ),
        )


def round_close(*, actor: Actor, collection_round: CollectionRound) -> None:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    with transaction.atomic():
        CollectionRound.objects.filter(pk=collection_round.pk).update(status=RoundStatus.CLOSED)
        audit_record(actor=actor, action="round_close", obj=collection_round)


def submission_save(
    *, actor: Actor, ask: Ask, value: Decimal, evidence: str, seen_version: int | None = None
) -> Submission:
    """An agency's value, or its correction before approval. `ask` comes from `ask_get`, which
    scopes it to the actor's agency."""
    require_permission(actor, Permission.SCORECARD_SUBMIT)
    if ask.round.status != RoundStatus.OPEN:
        raise DomainError("This round is closed: ask the partnership officer to reopen it")
    if not ask.can_change:
        raise DomainError("This value has been approved and can no longer be changed")
    problem = value_in_range(ask.indicator.unit, value)
    if problem:
        raise DomainError(problem, field="value")
    if not evidence.strip():
        raise DomainError("Say where the figure comes from", field="evidence")
    fields = {
        "value": value,
        "evidence": evidence.strip(),
        "status": SubmissionStatus.SUBMITTED,
        "submitted_by": actor.person_acting(),
        "submitted_at": timezone.now(),
    }
    with transaction.atomic():
        if ask.submission is None:
            try:
                with transaction.atomic():
                    submission = Submission.objects.create(
                        round=ask.round, agency=ask.agency, indicator=ask.indicator, **fields
                    )
            except IntegrityError:
                raise DomainError(
                    "Someone in your agency sent this value while you were entering it. "
                    "Check it, then correct it if you need to."
                ) from None
            action = "submission_add"
        else:
            version = seen_version if seen_version is not None else ask.submission.version
            submission = versioned_update(ask.submission, seen_version=version, **fields)
            action = "submission_correct"
        audit_record(actor=actor, action=action, obj=submission, changes={"value": str(value)})
    return submission


def submission_review(
    *, actor: Actor, submission: Submission, approve: bool, note: str, seen_version: int
) -> Submission:
    require_permission(actor, Permission.SCORECARD_MANAGE)
    if submission.round.status != RoundStatus.OPEN:
        raise DomainError("This round is closed")
    if not approve and not note.strip():
        raise DomainError("Say what the agency needs to correct", field="note")
    with transaction.atomic():
        submission = versioned_update(
            submission,
            seen_version=seen_version,
            status=SubmissionStatus.APPROVED if approve else SubmissionStatus.RETURNED,
            review_note=note.strip(),
            reviewed_by=actor.person_acting(),
            reviewed_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="submission_approve" if approve else "submission_return",
            obj=submission,
        )
    return submission
