"""The MASH work waiting for someone, as links with counts on their home page."""

from dataclasses import dataclass

from django.urls import reverse

from safeguard.mash.presenters.common import count_text
from safeguard.mash.selectors.work import WorkCounts


@dataclass(frozen=True)
class WorkLink:
    text: str
    href: str
    urgent: bool


def work_links(counts: WorkCounts) -> list[WorkLink]:
    links = []
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
