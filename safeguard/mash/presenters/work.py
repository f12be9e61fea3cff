"""The MASH work waiting for someone, as links with counts on their home page."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from safeguard.core.presenters import (
    Table,
    format_datetime,
    html_cell,
    lines_html,
    link_html,
    tag,
    tag_html,
    text_cell,
    uuid_url,
)
from safeguard.mash.models import WorkKind
from safeguard.mash.presenters.common import count_text
from safeguard.mash.selectors.work import WorkCounts, WorkItemRow


@dataclass(frozen=True)
class WorkLink:
    text: str
    href: str
    urgent: bool


def work_links(counts: WorkCounts) -> list[WorkLink]:
    links = []
    if counts.unseen:
        new = count_text(counts.unseen, "new item", "new items")
        links.append(WorkLink(f"{new} on your work list", reverse("mash:work"), True))
    if counts.requests_waiting is not None:
        waiting = count_text(counts.requests_waiting, "request", "requests")
        links.append(
            WorkLink(
                f"{waiting} for information waiting for your agency's answer",
                reverse("mash:requests"),
                False,
            )
        )
        if counts.requests_overdue:
            overdue = count_text(counts.requests_overdue, "request is", "requests are")
            links.append(WorkLink(f"{overdue} overdue", reverse("mash:requests"), True))
    if counts.queue_overdue is not None:
        overdue = count_text(counts.queue_overdue, "notification", "notifications")
        links.append(
            WorkLink(
                f"{overdue} past the decision or RAG time",
                reverse("mash:queue") + "?status=open&overdue=yes",
                bool(counts.queue_overdue),
            )
        )
    if counts.assigned_to_me is not None:
        mine = count_text(counts.assigned_to_me, "open notification", "open notifications")
        links.append(
            WorkLink(
                f"{mine} assigned to you", reverse("mash:queue") + "?status=open&mine=yes", False
            )
        )
    if counts.decided_recently:
        decided = count_text(counts.decided_recently, "notification", "notifications")
        links.append(
            WorkLink(
                f"{decided} you sent decided in the last 14 days",
                reverse("mash:submitted"),
                False,
            )
        )
    return links


@dataclass(frozen=True)
class WorkListPage:
    title: str
    table: Table
    pagination: dict[str, Any] | None
    mark_seen_action: str | None


def work_list_page(*, items: list[WorkItemRow], pagination: dict[str, Any] | None) -> WorkListPage:
    open_url = uuid_url("mash:work-open")
    rows = [
        [
            html_cell(
                lines_html(
                    tag_html(tag("New", "blue")) if item.seen_at is None else "",
                    link_html(open_url(item.id), WorkKind(item.kind).label),
                )
            ),
            text_cell(item.reference),
            text_cell(format_datetime(item.created_at)),
        ]
        for item in items
    ]
    return WorkListPage(
        title="Your work list",
        table=Table(
            caption="What has reached you",
            head=["What", "Reference", "When"],
            rows=rows,
            empty="Nothing has reached you yet.",
        ),
        pagination=pagination,
        mark_seen_action=(
            reverse("mash:work-seen") if any(i.seen_at is None for i in items) else None
        ),
    )
