"""The referrer's pages: the draft's lists, check your answers, what they sent, the outcome."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.forms import Form
from django.urls import reverse
from markupsafe import Markup

from safeguard.core.presenters import (
    Table,
    format_datetime,
    html_cell,
    lines_html,
    link_html,
    summary_row,
    tag_html,
    text_cell,
    text_html,
)
from safeguard.mash.models.choices import ConsentSought, LawfulBasis, NotSoughtReason
from safeguard.mash.presenters.common import (
    child_outcome_rows,
    children_text,
    count_text,
    files_html,
    outcome_text,
    status_tag,
)
from safeguard.mash.presenters.escalations import referrer_escalation_rows
from safeguard.mash.selectors.rows import ChildRow, SubmittedRow
from safeguard.people.models import Sex
from safeguard.people.presenters import born_text


def _person_details(person: dict[str, Any]) -> str:
    """Everything the referrer gave about a person but the name, in the order they gave it."""
    born = person.get("date_of_birth")
    sex = person.get("sex")
    parts = [
        person.get("relationship", ""),
        born_text(
            dt.date.fromisoformat(born) if born else None,
            person.get("date_of_birth_precision", ""),
        ),
        Sex(sex).label.lower() if sex and sex != Sex.UNKNOWN else "",
        f"NHS number {person['nhs_number']}" if person.get("nhs_number") else "",
        person.get("address", ""),
        person.get("postcode", ""),
        f"school: {person['school']}" if person.get("school") else "",
        "lives with the child" if person.get("lives_with_child") else "",
        "matched to your agency's record" if person.get("person_id") else "",
    ]
    return ", ".join(p for p in parts if p)


def draft_people_rows(
    people: list[dict[str, Any]], *, change: str | None = None
) -> list[dict[str, str]]:
    """The people added so far; with `change`, each links to its page to change them."""
    rows = []
    for index, person in enumerate(people):
        name = f"{person.get('given_name', '')} {person.get('family_name', '')}".strip()
        row = {"name": name or "Name not known", "detail": _person_details(person)}
        if change:
            row["change"] = f"{change}?change={index}"
        rows.append(row)
    return rows


def _labels(choices: Any, value: str) -> str:
    return str(choices(value).label) if value else "Not given"


def _sharing_rows(draft: dict[str, Any]) -> list[dict[str, Any]]:
    href = reverse("mash:notify-sharing")
    rows = [
        summary_row(
            "Consent sought",
            _labels(ConsentSought, draft.get("consent_sought", "")),
            change_href=href,
        ),
        summary_row(
            "Lawful basis", _labels(LawfulBasis, draft.get("lawful_basis", "")), change_href=href
        ),
        summary_row("Decided by", draft.get("sharing_decided_by", ""), change_href=href),
    ]
    if draft.get("consent_not_sought_reason"):
        reason = NotSoughtReason(draft["consent_not_sought_reason"]).label
        rows.insert(1, summary_row("Why consent was not sought", reason, change_href=href))
    return rows


def check_sections(
    draft: dict[str, Any], *, concern_labels: dict[str, str]
) -> list[dict[str, Any]]:
    """Check your answers: one summary card a step, each with its change link."""

    def people(key: str) -> list[dict[str, Any]]:
        return [
            summary_row(
                r["name"],
                r["detail"] or "No more details",
                change_href=reverse(f"mash:notify-{key}"),
            )
            for r in draft_people_rows(draft.get(key, []))
        ]

    account = reverse("mash:notify-account")
    concerns = ", ".join(concern_labels.get(c, c) for c in draft.get("concerns", []))
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
                summary_row("Concerns", concerns, change_href=reverse("mash:notify-concerns"))
            ],
        },
        {
            "title": "What happened",
            "rows": [
                summary_row(
                    "What happened",
                    text_html(draft.get("what_happened", "")),
                    html=True,
                    change_href=account,
                ),
                summary_row(
                    "Risk now", text_html(draft.get("risk_now", "")), html=True, change_href=account
                ),
            ],
        },
        {
            "title": "Documents",
            "rows": [
                summary_row(
                    "Documents",
                    _files_text(draft.get("files", [])),
                    change_href=reverse("mash:notify-files"),
                )
            ],
        },
        {"title": "Sharing", "rows": _sharing_rows(draft)},
    ]


@dataclass(frozen=True)
class FilesPage:
    title: str
    files: list[dict[str, str]]
    form: Form


def files_page(*, sent: list[dict[str, Any]], form: Form) -> FilesPage:
    return FilesPage(
        title="Documents",
        files=[{"name": f["original_name"], "size": _size(f["size"])} for f in sent],
        form=form,
    )


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def _files_text(files: list[dict[str, Any]]) -> str:
    return ", ".join(f["original_name"] for f in files) or "None"


@dataclass(frozen=True)
class SubmittedListPage:
    title: str
    table: Table
    pagination: dict[str, Any] | None


def submitted_list_page(
    *, rows: list[SubmittedRow], count: int, pagination: dict[str, Any] | None
) -> SubmittedListPage:
    return SubmittedListPage(
        title="Notifications you sent",
        table=Table(
            caption=f"{count_text(count, 'notification', 'notifications')}, newest first",
            head=["Reference", "Children", "Sent", "Status", "Outcome"],
            rows=[
                [
                    html_cell(link_html(reverse("mash:feedback", args=[r.id]), r.reference)),
                    text_cell(children_text(r.children)),
                    text_cell(format_datetime(r.received_at)),
                    html_cell(tag_html(status_tag(r.status))),
                    text_cell(outcome_text(r.outcome)),
                ]
                for r in rows
            ],
            empty="You have not sent any notifications.",
        ),
        pagination=pagination,
    )


@dataclass(frozen=True)
class FeedbackPage:
    title: str
    reference: str
    rows: list[dict[str, Any]]
    sent: list[dict[str, Any]]
    escalate_href: str | None


def _outcome_rows(row: SubmittedRow) -> list[dict[str, Any]]:
    if not row.decided_at:
        return [summary_row("Decided", "Not yet")]
    rows = [summary_row("Decided", format_datetime(row.decided_at))]
    if row.next_steps:
        rows.append(summary_row("What happens next", text_html(row.next_steps), html=True))
    if row.allocated_team:
        rows.append(summary_row("Team now responsible", row.allocated_team))
    if row.contact:
        rows.append(summary_row("Contact", row.contact))
    return rows


def _sent_rows(row: SubmittedRow) -> list[dict[str, Any]]:
    """What the referrer sent, as they sent it: theirs to see and print."""
    people = [
        summary_row(
            f"{c.given_name} {c.family_name}".strip() or "Name not known",
            _person_details(_as_draft(c)) or "No more details",
        )
        for c in row.children
    ]
    people += [
        summary_row(
            f"{a.given_name} {a.family_name}".strip() or "Name not known",
            ", ".join(
                p
                for p in (
                    a.relationship,
                    "lives with the child" if a.lives_with_child else "",
                    a.address,
                )
                if p
            ),
        )
        for a in row.adults
    ]
    return [
        *people,
        summary_row("Concerns", ", ".join(row.concerns)),
        summary_row("What happened", text_html(row.what_happened), html=True),
        summary_row("Risk now", text_html(row.risk_now), html=True),
        summary_row("Documents", files_html(row.files) if row.files else "None", html=True),
    ]


def _as_draft(child: ChildRow) -> dict[str, Any]:
    return {
        "date_of_birth": child.date_of_birth.isoformat() if child.date_of_birth else "",
        "sex": child.sex,
        "nhs_number": child.nhs_number,
        "address": child.address,
        "postcode": child.postcode,
        "school": child.school,
    }


def _correction_rows(row: SubmittedRow) -> list[dict[str, Any]]:
    """A corrected decision says so, with what the referrer was told before (the MASH's
    reason stays with the MASH)."""
    return [
        summary_row(
            "Corrected",
            f"{format_datetime(c.corrected_at)}. The outcome was: {outcome_text(c.outcome)}",
        )
        for c in row.corrections
    ]


def feedback_page(*, row: SubmittedRow) -> FeedbackPage:
    status: Markup = lines_html(tag_html(status_tag(row.status)))
    return FeedbackPage(
        title=f"Notification {row.reference}",
        reference=row.reference,
        rows=[
            summary_row("Children", children_text(row.children)),
            summary_row("Sent", format_datetime(row.received_at)),
            summary_row("Status", status, html=True),
            summary_row("Outcome", outcome_text(row.outcome)),
            *child_outcome_rows(row.children),
            *_outcome_rows(row),
            *_correction_rows(row),
            *[r for e in row.escalations for r in referrer_escalation_rows(e)],
        ],
        sent=_sent_rows(row),
        escalate_href=reverse("mash:escalate", args=[row.id])
        if row.decided_at and all(e.responded_at for e in row.escalations)
        else None,
    )


@dataclass(frozen=True)
class SentPage:
    title: str
    panel: dict[str, Any]
    next_steps: str
    feedback_href: str


def sent_page(*, row: SubmittedRow) -> SentPage:
    urgent = (
        ". You told us a child is in immediate danger, so the MASH will treat this as urgent"
        if row.urgent
        else ""
    )
    return SentPage(
        title="Notification sent",
        panel={
            "titleText": "Notification sent",
            "html": Markup("Your reference number<br><strong>{}</strong>").format(row.reference),
        },
        next_steps="The MASH will decide what should happen, usually within one working day"
        f"{urgent}.",
        feedback_href=reverse("mash:feedback", args=[row.id]),
    )
