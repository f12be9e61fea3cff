"""Requests for information: the asked agency's list and the page it answers on."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.forms import Form
from django.urls import reverse

from safeguard.core.presenters import (
    Table,
    format_date,
    format_datetime,
    html_cell,
    lines_html,
    link_html,
    summary_row,
    tag_html,
    text_cell,
    text_html,
)
from safeguard.mash.models.choices import RequestStatus
from safeguard.mash.presenters.common import (
    child_name,
    children_text,
    count_text,
    known_text,
    request_status_tag,
    time_to_due,
)
from safeguard.mash.selectors.rows import ChildRow, IdentityRow, RequestRow

STATUS_FILTERS = [
    (RequestStatus.OPEN.value, "Waiting for an answer"),
    (RequestStatus.ANSWERED.value, "Answered"),
    (RequestStatus.WITHDRAWN.value, "Withdrawn"),
    ("", "All"),
]


@dataclass(frozen=True)
class StatusFilter:
    label: str
    href: str
    current: bool


@dataclass(frozen=True)
class RequestListPage:
    title: str
    filters: list[StatusFilter]
    table: Table
    pagination: dict[str, Any] | None


def _list_row(r: RequestRow, now: dt.datetime) -> list[dict[str, Any]]:
    due = time_to_due(r.due_at, now=now) if r.status == RequestStatus.OPEN else ""
    return [
        html_cell(link_html(reverse("mash:request", args=[r.id]), children_text(r.children))),
        text_cell(r.agency),
        html_cell(lines_html(format_datetime(r.due_at), due)),
        html_cell(tag_html(request_status_tag(r.status, r.due_at, now=now))),
    ]


def request_list_page(
    *,
    rows: list[RequestRow],
    count: int,
    status: str,
    pagination: dict[str, Any] | None,
    now: dt.datetime,
) -> RequestListPage:
    return RequestListPage(
        title="Requests for information",
        filters=[
            StatusFilter(label, f"?status={value}", status == value)
            for value, label in STATUS_FILTERS
        ],
        table=Table(
            caption=count_text(count, "request", "requests"),
            head=["Children", "From the MASH to", "Due", "Status"],
            rows=[_list_row(r, now) for r in rows],
            empty="No requests.",
        ),
        pagination=pagination,
    )


@dataclass(frozen=True)
class ChildSummary:
    title: str
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class RequestPage:
    title: str
    caption: str
    status: dict[str, Any]
    due: str
    question: str
    children_heading: str
    children: list[ChildSummary]
    withdrawn: str
    answer: list[dict[str, Any]]
    attachments: list[dict[str, str]]
    form: Form | None


def _child_summary(child: ChildRow, identity: IdentityRow | None) -> ChildSummary:
    """The child as the MASH confirmed them in the people index, or else as the referrer
    described them (and says which)."""
    if identity is not None:
        name = f"{identity.given_name or ''} {identity.family_name or ''}".strip()
        born, nhs = identity.date_of_birth, identity.nhs_number
        address = ", ".join(p for p in (identity.address, identity.postcode) if p)
        source = "The MASH has confirmed this child's record in the people index"
    else:
        name, born, nhs = child_name(child), child.date_of_birth, child.nhs_number
        address = ", ".join(p for p in (child.address, child.postcode) if p)
        source = "As the referrer described them: the MASH has not confirmed who this is yet"
    title = f"{name or 'Name not known'}, born {format_date(born)}" if born else name
    return ChildSummary(
        title=title or "Name not known",
        rows=[
            summary_row("Name", name or "Not known"),
            summary_row("Date of birth", format_date(born)),
            summary_row("NHS number", nhs or "Not known"),
            summary_row("Address", address or "Not known"),
            summary_row("Details from", source),
        ],
    )


def _answer_rows(r: RequestRow) -> list[dict[str, Any]]:
    if r.answer is None:
        return []
    a = r.answer
    return [
        summary_row("Known to the service", known_text(a, r.children)),
        summary_row("Involved now", "Yes" if a.current_involvement else "No"),
        summary_row("What they know", text_html(a.text), html=True),
        summary_row("Answered", f"{format_datetime(a.answered_at)} by {a.answered_by}"),
    ]


def request_page(*, row: RequestRow, form: Form | None, now: dt.datetime) -> RequestPage:
    withdrawn = {
        RequestStatus.WITHDRAWN: f"The MASH withdrew this request: {row.withdrawn_reason}. "
        "It needs no answer.",
        RequestStatus.UNANSWERED: "The MASH had to decide before your answer came, because the "
        "child was at immediate risk, so it closed this request. It needs no answer now.",
    }.get(RequestStatus(row.status), "")
    attachments = [
        {"href": reverse("mash:attachment", args=[a.id]), "text": a.name}
        for a in (row.answer.attachments if row.answer else [])
    ]
    return RequestPage(
        title="Request for information",
        caption=f"From the MASH to {row.agency}",
        status=request_status_tag(row.status, row.due_at, now=now),
        due=f"Due {format_datetime(row.due_at)}",
        question=row.question,
        children_heading="The child" if len(row.children) == 1 else "The children",
        children=[
            _child_summary(c, row.identities.get(c.person_id) if c.person_id else None)
            for c in row.children
        ],
        withdrawn=withdrawn,
        answer=_answer_rows(row),
        attachments=attachments,
        form=form if row.status == RequestStatus.OPEN else None,
    )
