"""How MASH values read on every page: tags, clocks, children's names, outcomes."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from markupsafe import Markup

from safeguard.core.presenters import lines_html, link_html, summary_row, tag, uuid_url
from safeguard.mash.models.choices import KnownToService, Outcome, Rag, RequestStatus, Status
from safeguard.mash.selectors.rows import AnswerRow, ChildRow, FileRow
from safeguard.people.presenters import born_text


@dataclass(frozen=True)
class SummaryCard:
    """A govukSummaryList card: a title, its actions and its rows."""

    title: str
    actions: list[dict[str, Any]]
    rows: list[dict[str, Any]]


RAG_COLOURS = {Rag.RED: "red", Rag.AMBER: "orange", Rag.GREEN: "green"}
STATUS_COLOURS = {
    Status.RECEIVED: "blue",
    Status.TRIAGE: "light-blue",
    Status.AWAITING_INFORMATION: "purple",
    Status.AWAITING_DECISION: "yellow",
    Status.DECIDED: "grey",
}
REQUEST_COLOURS = {
    RequestStatus.OPEN: "blue",
    RequestStatus.ANSWERED: "green",
    RequestStatus.WITHDRAWN: "grey",
    RequestStatus.UNANSWERED: "grey",
}


def rag_tag(rag: str) -> dict[str, Any]:
    if not rag:
        return tag("Not rated", "grey")
    return tag(Rag(rag).label, RAG_COLOURS[Rag(rag)])


def status_tag(status: str) -> dict[str, Any]:
    return tag(Status(status).label, STATUS_COLOURS[Status(status)])


def request_status_tag(status: str, due_at: dt.datetime, *, now: dt.datetime) -> dict[str, Any]:
    if status == RequestStatus.OPEN and due_at < now:
        return tag("Overdue", "red")
    return tag(RequestStatus(status).label, REQUEST_COLOURS[RequestStatus(status)])


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


def child_name(child: ChildRow) -> str:
    return f"{child.given_name} {child.family_name}".strip() or "Name not known"


def child_label(child: ChildRow) -> str:
    name = child_name(child)
    born = born_text(child.date_of_birth, child.date_of_birth_precision)
    return f"{name}, {born}" if born else name


def children_text(children: Sequence[ChildRow]) -> str:
    if not children:
        return ""
    first = child_label(children[0])
    return first if len(children) == 1 else f"{first} and {len(children) - 1} more"


def outcome_text(outcome: str) -> str:
    return Outcome(outcome).label if outcome else "Not decided yet"


def threshold_label(level: int) -> str:
    return f"Level {level}: {settings.MASH_THRESHOLD_LEVELS[str(level)]}"


def clock_met(done: dt.datetime | None, due: dt.datetime | None, *, now: dt.datetime) -> str:
    if due is None:
        return "No clock"
    if done is None:
        return "Overdue" if due < now else "Running"
    return "Met" if done <= due else "Missed"


def count_text(count: int, one: str, many: str) -> str:
    """'1 request', '3 requests': never '1 requests'."""
    return f"{count:,} {one if count == 1 else many}"


def known_text(answer: AnswerRow, children: Sequence[ChildRow]) -> str:
    """'Yes', or for several children each one's: 'Ava Patel: yes; Sam Patel: no'."""
    if not answer.known_by_child:
        return str(KnownToService(answer.known_to_service).label)
    names = {str(c.id): child_name(c) for c in children}
    return "; ".join(
        f"{names.get(pk, 'a child')}: {KnownToService(value).label.lower()}"
        for pk, value in answer.known_by_child.items()
    )


def child_outcome_rows(children: Sequence[ChildRow]) -> list[dict[str, Any]]:
    """A row for each child whose outcome differs from the decision's."""
    return [
        summary_row(
            f"For {child_name(c)}",
            f"{outcome_text(c.outcome)}, {threshold_label(c.threshold_level or 0)}",
        )
        for c in children
        if c.outcome
    ]


def files_html(files: Sequence[FileRow]) -> Markup:
    """The referrer's documents, each a download link (served through the access check)."""
    url = uuid_url("mash:notification-file")
    return lines_html(*(link_html(url(f.id), f.original_name) for f in files))
