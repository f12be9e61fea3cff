"""Recording the decision: what must happen first, the form, and the check before it is locked."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.forms import Form
from django.urls import reverse

from safeguard.core.presenters import summary_row, text_html
from safeguard.mash.models.choices import OnwardReferral, Rag, RequestStatus
from safeguard.mash.presenters.common import (
    child_label,
    child_name,
    outcome_text,
    threshold_label,
)
from safeguard.mash.selectors.rows import ChildRow, RequestRow
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
    if n.rag != Rag.RED:  # red is immediate risk: it may close them instead (closing below)
        blockers += [
            f"Wait for the answer from {r.agency}, or withdraw the request"
            for r in open_requests(record)
        ]
    return blockers


def open_requests(record: NotificationRecord) -> list[RequestRow]:
    return [r for r in record.requests if r.status == RequestStatus.OPEN]


def closes_requests(record: NotificationRecord) -> bool:
    """A red decision recorded now would close requests still waiting for an answer."""
    return record.notification.rag == Rag.RED and bool(open_requests(record))


@dataclass(frozen=True)
class DecisionPage:
    title: str
    caption: str
    back: str
    blockers: list[str]
    closing: list[str]
    form: Form | None


def decision_page(*, record: NotificationRecord, form: Form, correcting: bool) -> DecisionPage:
    n = record.notification
    blockers = [] if correcting else decision_blockers(record)
    closing = (
        [
            f"The request to {r.agency} is still open. Recording the decision closes it "
            f"unanswered, and {r.agency} is told."
            for r in open_requests(record)
        ]
        if closes_requests(record) and not correcting
        else []
    )
    return DecisionPage(
        title="Correct the decision" if correcting else "Record the decision",
        caption=n.reference,
        back=reverse("mash:notification", args=[n.id]),
        blockers=blockers,
        closing=closing,
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
    record_text: str


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
    pairs += [("lawful_basis_confirmed", value) for value in data.get("lawful_basis_confirmed", [])]
    pairs += [(name, data[name]) for name in ("open_requests_reason", "reason") if data.get(name)]
    pairs += [
        (name, str(value))
        for name, value in data.items()
        if name.startswith(("outcome_", "level_")) and value
    ]
    return pairs


def _extra_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    if data.get("open_requests_reason"):
        text = text_html(data["open_requests_reason"])
        rows.append(summary_row("Why it cannot wait for the open requests", text, html=True))
    if data.get("reason"):
        rows.append(summary_row("Why it is corrected", text_html(data["reason"]), html=True))
    return rows


def _child_rows(
    by_child: dict[int, tuple[str, int]], children: list[ChildRow]
) -> list[dict[str, Any]]:
    return [
        summary_row(
            f"For {child_name(c)}",
            f"{outcome_text(by_child[c.id][0])}, {threshold_label(by_child[c.id][1])}",
        )
        for c in children
        if c.id in by_child
    ]


def decision_check_page(
    *,
    notification_id: UUID,
    reference: str,
    data: dict[str, Any],
    correcting: bool,
    by_child: dict[int, tuple[str, int]],
    children: list[ChildRow],
) -> DecisionCheckPage:
    onward = [OnwardReferral(o).label for o in data["onward_referrals"]]
    if correcting:
        warning = (
            "The corrected decision replaces this one everywhere. The earlier decision is kept "
            "with your reason, and the referrer is told the decision was corrected."
        )
    else:
        warning = "Once recorded, the decision is locked. The referrer is told the outcome."
    return DecisionCheckPage(
        title=f"Check the {'correction' if correcting else 'decision'} before you record it",
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
            *([] if correcting else [summary_row("Lawful basis", "Confirmed")]),
            *_child_rows(by_child, children),
            *_extra_rows(data),
        ],
        hidden=_hidden(data),
        warning=warning,
        record_text="Record the correction" if correcting else "Record the decision",
    )
