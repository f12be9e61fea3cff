"""How MASH records read on the page: tags, clocks, summary rows."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from safeguard.core.presenters import format_date, format_datetime, summary_row, tag
from safeguard.mash.models import Concern, Notification
from safeguard.mash.models.choices import (
    ConsentSought,
    LawfulBasis,
    NotSoughtReason,
    Outcome,
    Rag,
    RequestStatus,
    Status,
)

RAG_COLOURS = {Rag.RED: "red", Rag.AMBER: "orange", Rag.GREEN: "green"}
STATUS_COLOURS = {
    Status.RECEIVED: "blue",
    Status.TRIAGE: "light-blue",
    Status.AWAITING_INFORMATION: "purple",
    Status.AWAITING_DECISION: "yellow",
    Status.DECIDED: "grey",
}


def rag_tag(rag: str) -> dict[str, Any]:
    if not rag:
        return tag("Not rated", "grey")
    return tag(Rag(rag).label, RAG_COLOURS[Rag(rag)])


def status_tag(status: str) -> dict[str, Any]:
    return tag(Status(status).label, STATUS_COLOURS[Status(status)])


def request_status_tag(status: str, overdue: bool = False) -> dict[str, Any]:
    if status == RequestStatus.OPEN and overdue:
        return tag("Overdue", "red")
    colours = {
        RequestStatus.OPEN: "blue",
        RequestStatus.ANSWERED: "green",
        RequestStatus.WITHDRAWN: "grey",
    }
    return tag(RequestStatus(status).label, colours[RequestStatus(status)])


def _span(delta: dt.timedelta) -> str:
    minutes = int(abs(delta.total_seconds()) // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = hours // 24
    return f"{days} days"


def time_to_due(due: dt.datetime | None, *, now: dt.datetime | None = None) -> str:
    """'Due in 3 hours', 'Overdue by 2 days'."""
    if due is None:
        return "No clock"
    now = now or timezone.now()
    if due < now:
        return f"Overdue by {_span(now - due)}"
    return f"Due in {_span(due - now)}"


def child_label(child: Any) -> str:
    name = f"{child.given_name} {child.family_name}".strip() or "Name not known"
    return f"{name}, born {format_date(child.date_of_birth)}" if child.date_of_birth else name


def children_text(notification: Notification) -> str:
    kids = list(notification.children.all())
    if not kids:
        return ""
    first = child_label(kids[0])
    return first if len(kids) == 1 else f"{first} and {len(kids) - 1} more"


def queue_rows(notifications: list[Notification]) -> list[dict[str, Any]]:
    now = timezone.now()
    rows = []
    for n in notifications:
        due = getattr(n, "due_at", None)
        rows.append(
            {
                "href": reverse("mash:notification", args=[n.pk]),
                "reference": n.reference,
                "children": children_text(n),
                "agency": n.source_agency.name,
                "received": format_datetime(n.received_at),
                "rag": rag_tag(n.rag),
                "status": status_tag(n.status),
                "due": time_to_due(due, now=now) if n.status != Status.DECIDED else "Decided",
                "overdue": bool(due and due < now and n.status != Status.DECIDED),
                "requests_overdue": getattr(n, "has_overdue_requests", False),
                "urgent": n.urgent,
                "assigned": n.assigned_to.full_name if n.assigned_to else "Not assigned",
            }
        )
    return rows


def draft_people_rows(people: list[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for person in people:
        name = f"{person.get('given_name', '')} {person.get('family_name', '')}".strip()
        born = person.get("date_of_birth")
        detail = f"born {format_date(dt.date.fromisoformat(born))}" if born else ""
        if person.get("relationship"):
            detail = ", ".join(x for x in (person["relationship"], detail) if x)
        if person.get("person_id"):
            detail = ", ".join(x for x in (detail, "matched to your agency's record") if x)
        rows.append({"name": name or "Name not known", "detail": detail})
    return rows


def _labels(choices: Any, value: str) -> str:
    return choices(value).label if value else "Not given"


def check_sections(draft: dict[str, Any]) -> list[dict[str, Any]]:
    """Check your answers: one summary card a step, each with its change link."""
    concerns = dict(Concern.objects.values_list("code", "label"))
    sharing = [
        summary_row(
            "Consent sought",
            _labels(ConsentSought, draft.get("consent_sought", "")),
            change_href=reverse("mash:notify-sharing"),
        ),
        summary_row(
            "Lawful basis",
            _labels(LawfulBasis, draft.get("lawful_basis", "")),
            change_href=reverse("mash:notify-sharing"),
        ),
        summary_row(
            "Decided by",
            draft.get("sharing_decided_by", ""),
            change_href=reverse("mash:notify-sharing"),
        ),
    ]
    if draft.get("consent_not_sought_reason"):
        sharing.insert(
            1,
            summary_row(
                "Why consent was not sought",
                NotSoughtReason(draft["consent_not_sought_reason"]).label,
                change_href=reverse("mash:notify-sharing"),
            ),
        )

    def people(key: str) -> list[dict[str, Any]]:
        return [
            summary_row(
                r["name"],
                r["detail"] or "No more details",
                change_href=reverse(f"mash:notify-{key}"),
            )
            for r in draft_people_rows(draft.get(key, []))
        ]

    return [
        {
            "title": "Immediate danger",
            "rows": [
                summary_row(
                    "Child in immediate danger",
                    "Yes" if draft.get("urgent") else "No",
                    change_href=reverse("mash:notify-danger"),
                )
            ],
        },
        {"title": "Children", "rows": people("children")},
        {
            "title": "Adults and household",
            "rows": people("adults")
            or [summary_row("Adults", "None added", change_href=reverse("mash:notify-adults"))],
        },
        {
            "title": "Concerns",
            "rows": [
                summary_row(
                    "Concerns",
                    ", ".join(concerns.get(c, c) for c in draft.get("concerns", [])),
                    change_href=reverse("mash:notify-concerns"),
                )
            ],
        },
        {
            "title": "What happened",
            "rows": [
                summary_row(
                    "What happened",
                    draft.get("what_happened", ""),
                    change_href=reverse("mash:notify-account"),
                ),
                summary_row(
                    "Risk now",
                    draft.get("risk_now", ""),
                    change_href=reverse("mash:notify-account"),
                ),
            ],
        },
        {"title": "Sharing", "rows": sharing},
    ]


def outcome_text(notification: Notification) -> str:
    decision = getattr(notification, "decision", None)
    if decision is None:
        return "Not decided yet"
    return Outcome(decision.outcome).label


def threshold_label(level: int) -> str:
    return f"Level {level}: {settings.MASH_THRESHOLD_LEVELS[str(level)]}"


def clock_met(done: dt.datetime | None, due: dt.datetime | None) -> str:
    if due is None:
        return "No clock"
    if done is None:
        return "Overdue" if due < timezone.now() else "Running"
    return "Met" if done <= due else "Missed"
