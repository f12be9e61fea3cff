"""A referrer's escalation of a decision, as the MASH and the referrer see it."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.urls import reverse

from safeguard.core.presenters import format_datetime, summary_row, tag, tag_html, text_html
from safeguard.mash.presenters.common import SummaryCard
from safeguard.mash.selectors.rows import EscalationRow


def _answer_due(e: EscalationRow, now: dt.datetime) -> Any:
    due = format_datetime(e.due_at)
    if e.responded_at is None and e.due_at < now:
        return tag_html(tag("Overdue", "red")) + f" {due}"
    return due


def escalation_card(
    e: EscalationRow, *, notification_id: UUID, can_answer: bool, now: dt.datetime
) -> SummaryCard:
    """For the MASH: what the referrer said, who must answer and by when, and the answer."""
    actions = []
    if can_answer and e.responded_at is None:
        actions.append(
            {
                "href": reverse("mash:escalation-answer", args=[notification_id, e.id]),
                "text": "Answer",
                "visuallyHiddenText": f"the escalation by {e.raised_by}",
            }
        )
    return SummaryCard(
        title=f"Escalated by {e.raised_by}",
        actions=actions,
        rows=[
            summary_row("Raised", format_datetime(e.raised_at)),
            summary_row("Why", text_html(e.reason), html=True),
            summary_row("Named manager", e.manager),
            summary_row("Answer due", _answer_due(e, now), html=True),
            *escalation_answer_rows(e),
        ],
    )


def escalation_answer_rows(e: EscalationRow) -> list[dict[str, Any]]:
    if e.responded_at is None:
        return [summary_row("Answer", "Not answered yet")]
    return [
        summary_row("Answer", text_html(e.response), html=True),
        summary_row("Answered", f"{format_datetime(e.responded_at)} by {e.responded_by}"),
    ]


def referrer_escalation_rows(e: EscalationRow) -> list[dict[str, Any]]:
    """For the referrer: their own words, who answers and by when, and the answer."""
    waiting = f"{e.manager}, MASH manager, by {format_datetime(e.due_at)}"
    return [
        summary_row("You escalated", f"{format_datetime(e.raised_at)}: {e.reason}"),
        *(
            [summary_row("To be answered by", waiting)]
            if e.responded_at is None
            else [summary_row("The MASH's answer", text_html(e.response), html=True)]
        ),
    ]
