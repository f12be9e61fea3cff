"""Recording the decision: what must happen first, the form, and the check before it is locked."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.forms import Form
from django.urls import reverse

from safeguard.core.presenters import summary_row, text_html
from safeguard.mash.models.choices import OnwardReferral, RequestStatus
from safeguard.mash.presenters.common import child_label, outcome_text, threshold_label
from safeguard.mash.selectors.triage import NotificationRecord


def decision_blockers(record: NotificationRecord) -> list[str]:
    """What the service will refuse a decision for, said before the form is filled in."""
    n = record.notification
    blockers = []
    if not n.rag:
        blockers.append("Set the RAG rating")
    if not n.consent_consideration:
        blockers.append("Record how consent was considered")
    blockers += [
        f"Confirm which person in the people index {child_label(c)} is"
        for c in record.children
        if c.link_confirmed_at is None
    ]
    blockers += [
        f"Wait for the answer from {r.agency}, or withdraw the request"
        for r in record.requests
        if r.status == RequestStatus.OPEN
    ]
    return blockers


@dataclass(frozen=True)
class DecisionPage:
    title: str
    caption: str
    back: str
    blockers: list[str]
    form: Form | None


def decision_page(*, record: NotificationRecord, form: Form) -> DecisionPage:
    n = record.notification
    blockers = decision_blockers(record)
    return DecisionPage(
        title="Record the decision",
        caption=n.reference,
        back=reverse("mash:notification", args=[n.id]),
        blockers=blockers,
        form=None if blockers else form,
    )


@dataclass(frozen=True)
class DecisionCheckPage:
    title: str
    caption: str
    back: str
    rows: list[dict[str, Any]]
    hidden: list[tuple[str, str]]
    warning: str


def _hidden(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The answers again, as the form posts them, for the button that records them."""
    pairs = [
        ("version", str(data["version"])),
        ("outcome", data["outcome"]),
        ("threshold_level", str(data["threshold_level"])),
        ("rationale", data["rationale"]),
        ("next_steps", data["next_steps"]),
        ("allocated_team", data["allocated_team"]),
        ("contact", data["contact"]),
    ]
    pairs += [("onward_referrals", value) for value in data["onward_referrals"]]
    pairs += [("lawful_basis_confirmed", value) for value in data["lawful_basis_confirmed"]]
    return pairs


def decision_check_page(
    *, notification_id: UUID, reference: str, data: dict[str, Any]
) -> DecisionCheckPage:
    onward = [OnwardReferral(o).label for o in data["onward_referrals"]]
    return DecisionCheckPage(
        title="Check the decision before you record it",
        caption=reference,
        back=reverse("mash:notification", args=[notification_id]),
        rows=[
            summary_row("Outcome", outcome_text(data["outcome"])),
            summary_row("Onward referrals", ", ".join(onward) or "None"),
            summary_row("Level of need", threshold_label(int(data["threshold_level"]))),
            summary_row("Rationale", text_html(data["rationale"]), html=True),
            summary_row("What happens next", text_html(data["next_steps"]), html=True),
            summary_row("Team now responsible", data["allocated_team"] or "Not given"),
            summary_row("Contact for the referrer", data["contact"] or "Not given"),
            summary_row("Lawful basis", "Confirmed"),
        ],
        hidden=_hidden(data),
        warning="Once recorded, the decision is locked. The referrer is told the outcome.",
    )
