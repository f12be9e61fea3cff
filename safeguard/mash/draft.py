"""A notification being written, kept in the (database) session between question pages."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest

from safeguard.mash.services.submit import (
    AdultDetails,
    ChildDetails,
    NotificationDraft,
    SentFile,
)

KEY = "mash_notification_draft"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if hasattr(value, "pk"):
        return str(value.pk)
    return value


def dated(row: dict[str, Any]) -> dict[str, Any]:
    """A row as it was answered: its date of birth a date again."""
    row = dict(row)
    if row.get("date_of_birth"):
        row["date_of_birth"] = dt.date.fromisoformat(row["date_of_birth"])
    return row


def load(request: HttpRequest) -> dict[str, Any]:
    draft = request.session.get(KEY) or {}
    draft.setdefault("children", [])
    draft.setdefault("adults", [])
    return draft


def save(request: HttpRequest, draft: dict[str, Any]) -> None:
    request.session[KEY] = draft


def update(request: HttpRequest, **values: Any) -> dict[str, Any]:
    draft = load(request)
    draft.update({k: _plain(v) for k, v in values.items()})
    save(request, draft)
    return draft


def plain_row(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in values.items()}


def clear(request: HttpRequest) -> None:
    request.session.pop(KEY, None)


def children(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [dated(c) for c in draft.get("children", [])]


def adults(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [dated(a) for a in draft.get("adults", [])]


def to_service(draft: dict[str, Any]) -> NotificationDraft:
    """The draft as the submit service takes it (which checks it all again)."""
    kids = []
    for child in children(draft):
        person = child.pop("person_id", None)
        kids.append(ChildDetails(**child, person_id=UUID(person) if person else None))
    return NotificationDraft(
        children=kids,
        adults=[AdultDetails(**a) for a in adults(draft)],
        files=[SentFile(**f) for f in draft.get("files", [])],
        concerns=list(draft.get("concerns", [])),
        what_happened=draft.get("what_happened", ""),
        risk_now=draft.get("risk_now", ""),
        consent_sought=draft.get("consent_sought", ""),
        consent_not_sought_reason=draft.get("consent_not_sought_reason") or "",
        lawful_basis=draft.get("lawful_basis", ""),
        sharing_decided_by=draft.get("sharing_decided_by", ""),
        urgent=bool(draft.get("urgent")),
        channel=draft.get("channel") or "web",
        source_agency_id=UUID(draft["source_agency"]) if draft.get("source_agency") else None,
        referrer_name=draft.get("referrer_name", ""),
        referrer_role=draft.get("referrer_role", ""),
        referrer_contact=draft.get("referrer_contact", ""),
    )
