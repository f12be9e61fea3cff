"""The MASH's pages: the queue and a notification, each a typed presenter built from rows."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.forms import Form
from django.urls import reverse
from markupsafe import Markup

from safeguard.core.presenters import (
    Table,
    format_date,
    format_datetime,
    html_cell,
    lines_html,
    link_html,
    summary_row,
    tag,
    tag_html,
    text_cell,
    text_html,
    uuid_url,
)
from safeguard.mash.models.choices import (
    Channel,
    ConsentSought,
    LawfulBasis,
    NotSoughtReason,
    OnwardReferral,
    RequestStatus,
    Stage,
    Status,
)
from safeguard.mash.presenters.common import (
    SummaryCard,
    child_label,
    child_name,
    child_outcome_rows,
    children_text,
    clock_met,
    count_text,
    files_html,
    known_text,
    outcome_text,
    rag_tag,
    request_status_tag,
    status_tag,
    threshold_label,
    time_to_due,
)
from safeguard.mash.presenters.escalations import escalation_card
from safeguard.mash.presenters.linking import LinkChoice, link_choice
from safeguard.mash.selectors.rows import (
    ChildRow,
    CorrectionRow,
    DecisionRow,
    NotificationRow,
    QueueRow,
    RequestRow,
)
from safeguard.mash.selectors.triage import NotificationRecord, Queue

URGENT = tag("Urgent: child in immediate danger", "red")


@dataclass(frozen=True)
class QueuePage:
    title: str
    overdue: dict[str, Any]
    filters: Form
    table: Table
    pagination: dict[str, Any] | None
    mine_href: str


def _due_cell(row: QueueRow, now: dt.datetime) -> dict[str, Any]:
    if row.status == Status.DECIDED:
        return text_cell("Decided")
    text = time_to_due(row.due_at, now=now)
    return (
        html_cell(Markup("<strong>{}</strong>").format(text))
        if row.due_at < now
        else text_cell(text)
    )


NOTIFICATION_URL = "mash:notification"


def queue_row(
    row: QueueRow, *, now: dt.datetime, url: Callable[[UUID], str] | None = None
) -> list[dict[str, Any]]:
    href = url(row.id) if url else reverse(NOTIFICATION_URL, args=[row.id])
    reference = link_html(href, row.reference)
    return [
        html_cell(lines_html(reference, tag_html(tag("Urgent", "red")) if row.urgent else "")),
        html_cell(lines_html(children_text(row.children), row.assigned_to or "Not assigned")),
        html_cell(lines_html(row.agency, format_datetime(row.received_at))),
        html_cell(tag_html(rag_tag(row.rag))),
        html_cell(
            lines_html(
                tag_html(status_tag(row.status)),
                tag_html(tag("Request overdue", "red")) if row.requests_overdue else "",
            )
        ),
        _due_cell(row, now),
    ]


def queue_page(
    *, queue: Queue, filters: Form, pagination: dict[str, Any] | None, now: dt.datetime
) -> QueuePage:
    count = queue.page.paginator.count
    url = uuid_url(NOTIFICATION_URL)
    return QueuePage(
        title="MASH queue",
        overdue=tag(f"{count_text(queue.overdue, 'overdue', 'overdue')}", "red"),
        filters=filters,
        table=Table(
            caption=f"{count_text(count, 'notification', 'notifications')}, soonest due first",
            head=["Reference", "Children", "From", "RAG", "Status", "Due"],
            rows=[queue_row(r, now=now, url=url) for r in queue.rows],
            empty="No notifications match these filters.",
        ),
        pagination=pagination,
        mine_href=reverse("mash:queue") + "?status=open&mine=yes",
    )


@dataclass(frozen=True)
class ChildCard:
    title: str
    rows: list[dict[str, Any]]
    earlier: Table | None
    link: LinkChoice | None
    correct_link: Markup | None = None


def note_html(text: str, byline: str) -> Markup:
    """An addendum: its words as written, then who added it and when."""
    return Markup('{}<p class="govuk-body-s">{}</p>').format(text_html(text), byline)


@dataclass(frozen=True)
class NotificationPage:
    title: str
    reference: str
    tags: list[dict[str, Any]]
    received: list[dict[str, Any]]
    assign: Form | None
    assign_action: str
    children: list[ChildCard]
    adults: Table
    told: list[dict[str, Any]]
    triage: list[dict[str, Any]]
    requests: list[SummaryCard]
    decision: list[dict[str, Any]]
    decision_button: dict[str, Any] | None
    decision_note: str
    escalations: list[SummaryCard]
    addenda: list[Markup]
    add_addendum: dict[str, Any] | None
    timeline: Table


def _referrer(n: NotificationRow) -> str:
    return ", ".join(p for p in (n.referrer_name, n.referrer_role, n.referrer_contact) if p)


def _received_rows(n: NotificationRow, now: dt.datetime) -> list[dict[str, Any]]:
    rag_due = (
        f"{format_datetime(n.rag_due_at)} ({clock_met(n.decided_at, n.rag_due_at, now=now)})"
        if n.rag_due_at
        else "When the rating is set"
    )
    decision_due = (
        f"{format_datetime(n.decision_due_at)} "
        f"({clock_met(n.decided_at, n.decision_due_at, now=now)})"
    )
    return [
        summary_row("Received", format_datetime(n.received_at)),
        summary_row("From", f"{n.agency} ({Channel(n.channel).label.lower()})"),
        summary_row("Referrer", _referrer(n)),
        summary_row("Decision due", decision_due),
        summary_row("RAG due", rag_due),
    ]


def _given_details(child: ChildRow) -> str:
    parts = [
        f"NHS {child.nhs_number}" if child.nhs_number else "",
        child.address,
        child.postcode,
        child.school,
    ]
    return ", ".join(p for p in parts if p) or "No other details"


def _index_text(child: ChildRow) -> Markup:
    if not child.person_id:
        return Markup("{}").format("Not linked yet")
    link = link_html(
        reverse("people:detail", args=[child.person_id]),
        "Linked record",
        hidden=f"for {child_label(child)}",
    )
    if child.link_confirmed_at:
        return Markup("{}, confirmed {}").format(link, format_datetime(child.link_confirmed_at))
    return Markup("{}, matched by the referrer: check it").format(link)


def _earlier_table(record: NotificationRecord, child: ChildRow) -> Table | None:
    if not child.person_id:
        return None
    rows = [
        [
            text_cell(format_date(e.received_at)),
            html_cell(link_html(reverse("mash:notification", args=[e.id]), e.reference)),
            text_cell(e.agency),
            text_cell(outcome_text(e.outcome)),
        ]
        for e in record.earlier.get(child.id, [])
    ]
    return Table(
        caption=f"Earlier notifications about {child_label(child)}",
        head=["Received", "Reference", "From", "Outcome"],
        rows=rows,
        empty="No earlier notifications.",
        caption_size="s",
    )


def _child_card(
    record: NotificationRecord, child: ChildRow, can_triage: bool, can_decide: bool
) -> ChildCard:
    n = record.notification
    needs_link = can_triage and child.link_confirmed_at is None
    correctable = can_decide and child.link_confirmed_at is not None
    return ChildCard(
        title=child_label(child),
        rows=[
            summary_row("As the referrer gave them", _given_details(child)),
            summary_row("People index", _index_text(child), html=True),
        ],
        earlier=_earlier_table(record, child),
        link=link_choice(
            notification_id=n.id,
            version=n.version,
            child=child,
            candidates=record.candidates.get(child.id, []),
        )
        if needs_link
        else None,
        correct_link=link_html(
            reverse("mash:relink-child", args=[n.id, child.id]),
            "Correct the link",
            hidden=f"for {child_name(child)}",
        )
        if correctable
        else None,
    )


def _adults_table(record: NotificationRecord) -> Table:
    return Table(
        caption="Adults and household",
        head=["Name", "Relationship", "Lives with the child", "Address"],
        rows=[
            [
                text_cell(f"{a.given_name} {a.family_name}".strip() or "Name not known"),
                text_cell(a.relationship),
                text_cell("Yes" if a.lives_with_child else "No"),
                text_cell(a.address or "Not given"),
            ]
            for a in record.adults
        ],
        empty="None given.",
        caption_size="",
    )


def _told_rows(record: NotificationRecord) -> list[dict[str, Any]]:
    n = record.notification
    consent = ConsentSought(n.consent_sought).label
    if n.consent_not_sought_reason:
        consent += f": {NotSoughtReason(n.consent_not_sought_reason).label}"
    return [
        summary_row("Concerns", ", ".join(record.concerns)),
        summary_row("What happened", text_html(n.what_happened), html=True),
        summary_row("Risk now", text_html(n.risk_now), html=True),
        summary_row("Consent", consent),
        summary_row("Lawful basis", LawfulBasis(n.lawful_basis).label),
        summary_row("Decided to share", n.sharing_decided_by),
        summary_row("Documents", files_html(record.files) if record.files else "None", html=True),
    ]


def _action_row(key: str, value: str | Markup, *, action: str, href: str | None) -> dict[str, Any]:
    row = summary_row(key, value, html=isinstance(value, Markup))
    if href:
        row["actions"] = {
            "items": [{"href": href, "text": action, "visuallyHiddenText": key.lower()}]
        }
    return row


INFORMATION_NEEDED = {None: "Not decided yet", True: "Needed", False: "Not needed"}


def _triage_rows(n: NotificationRow, can_triage: bool) -> list[dict[str, Any]]:
    def href(name: str) -> str | None:
        return reverse(f"mash:{name}", args=[n.id]) if can_triage else None

    rating = tag_html(rag_tag(n.rag))
    if n.rag_rationale:
        rating = lines_html(rating, text_html(n.rag_rationale))
    return [
        _action_row(
            "RAG rating",
            rating,
            action="Change" if n.rag else "Set the rating",
            href=href("rag"),
        ),
        _action_row(
            "Consent considered",
            n.consent_consideration or "Not yet: required before a decision",
            action="Change" if n.consent_consideration else "Record",
            href=href("consent"),
        ),
        _action_row(
            "Information from partners",
            INFORMATION_NEEDED[n.information_needed],
            action="Ask partners",
            href=href("information"),
        ),
    ]


def _answer_html(r: RequestRow, children: list[ChildRow]) -> Markup:
    answer = r.answer
    assert answer is not None
    files = [link_html(reverse("mash:attachment", args=[a.id]), a.name) for a in answer.attachments]
    return lines_html(
        Markup("Known to the service: {}. Involved now: {}.").format(
            known_text(answer, children),
            "Yes" if answer.current_involvement else "No",
        ),
        text_html(answer.text),
        Markup("Answered by {} on {} ({})").format(
            answer.answered_by,
            format_datetime(answer.answered_at),
            clock_met(answer.answered_at, r.due_at, now=answer.answered_at).lower(),
        ),
        *files,
    )


def request_card(
    r: RequestRow, *, can_triage: bool, now: dt.datetime, children: list[ChildRow]
) -> SummaryCard:
    hidden = f"the request to {r.agency}"
    actions = [
        {"href": reverse("mash:request", args=[r.id]), "text": "Open", "visuallyHiddenText": hidden}
    ]
    if can_triage and r.status == RequestStatus.OPEN:
        actions.append(
            {
                "href": reverse("mash:withdraw", args=[r.id]),
                "text": "Withdraw",
                "visuallyHiddenText": hidden,
            }
        )
    status = tag_html(request_status_tag(r.status, r.due_at, now=now))
    rows = [
        summary_row("Question", text_html(r.question), html=True),
        summary_row(
            "Sent", f"{format_datetime(r.sent_at)} by {r.sent_by}; due {format_datetime(r.due_at)}"
        ),
        summary_row("Status", lines_html(status, r.withdrawn_reason), html=True),
    ]
    if r.answer is not None:
        rows.append(summary_row("Answer", _answer_html(r, children), html=True))
    return SummaryCard(title=r.agency, actions=actions, rows=rows)


def _decision_rows(
    d: DecisionRow | None, corrections: list[CorrectionRow], children: list[ChildRow]
) -> list[dict[str, Any]]:
    if d is None:
        return []
    onward = ", ".join(OnwardReferral(o).name for o in d.onward_referrals) or "None"
    return [
        summary_row("Outcome", outcome_text(d.outcome)),
        summary_row("Onward referrals", onward),
        summary_row("Level of need", threshold_label(d.threshold_level)),
        *child_outcome_rows(children),
        summary_row("Rationale", text_html(d.rationale), html=True),
        summary_row("What happens next", text_html(d.next_steps or "Not given"), html=True),
        summary_row("Team now responsible", d.allocated_team or "Not given"),
        summary_row("Contact for the referrer", d.contact or "Not given"),
        summary_row("Decided", f"{format_datetime(d.decided_at)} by {d.decided_by}"),
        *[
            summary_row(
                "Corrected",
                lines_html(
                    f"{format_datetime(c.corrected_at)} by {c.corrected_by}",
                    f"Was: {outcome_text(c.outcome)}, {threshold_label(c.threshold_level)}",
                    f"Why: {c.reason}",
                ),
                html=True,
            )
            for c in corrections
        ],
    ]


def _timeline(record: NotificationRecord) -> Table:
    return Table(
        caption="Timeline of this notification",
        head=["When", "What", "Who"],
        rows=[
            [
                text_cell(format_datetime(e.at)),
                text_cell(f"{Stage(e.stage).label}: {e.text}" if e.text else Stage(e.stage).label),
                text_cell(e.by),
            ]
            for e in record.events
        ],
        caption_size="",
    )


def notification_page(
    *,
    record: NotificationRecord,
    can_triage: bool,
    can_decide: bool,
    can_add: bool,
    assign: Form | None,
    now: dt.datetime,
) -> NotificationPage:
    n = record.notification
    decided = n.status == Status.DECIDED
    tags = [status_tag(n.status), rag_tag(n.rag)] + ([URGENT] if n.urgent else [])
    decision_button = None
    if can_decide and not decided:
        decision_button = {
            "text": "Record the decision",
            "href": reverse("mash:decision", args=[n.id]),
        }
    elif can_decide and record.decision is not None:
        decision_button = {
            "text": "Correct the decision",
            "href": reverse("mash:decision-correct", args=[n.id]),
            "classes": "govuk-button--secondary",
        }
    return NotificationPage(
        title=f"Notification {n.reference}",
        reference=n.reference,
        tags=tags,
        received=_received_rows(n, now),
        assign=assign,
        assign_action=reverse("mash:assign", args=[n.id]),
        children=[_child_card(record, c, can_triage, can_decide) for c in record.children],
        adults=_adults_table(record),
        told=_told_rows(record),
        triage=_triage_rows(n, can_triage),
        requests=[
            request_card(r, can_triage=can_triage, now=now, children=record.children)
            for r in record.requests
        ],
        decision=_decision_rows(record.decision, record.corrections, record.children),
        escalations=[
            escalation_card(e, notification_id=n.id, can_answer=can_decide, now=now)
            for e in record.escalations
        ],
        decision_button=decision_button,
        decision_note=(
            "This notification is decided and locked. Later information goes in an addendum. "
            "A MASH manager corrects a wrong decision or child link, with a reason."
            if decided
            else ("" if decision_button else "A MASH manager records the decision.")
        ),
        addenda=[note_html(a.text, f"{a.by}, {format_datetime(a.at)}") for a in record.addenda],
        add_addendum={"href": reverse("mash:addendum", args=[n.id]), "text": "Add an addendum"}
        if can_add
        else None,
        timeline=_timeline(record),
    )
