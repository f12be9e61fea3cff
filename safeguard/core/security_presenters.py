"""How the security events read on IG's page."""

from typing import Any

from django.conf import settings

from safeguard.core.models import SecurityEvent, SecurityEventKind
from safeguard.core.presenters import format_datetime, tag
from safeguard.core.selectors import Refusals


def refusal_rows(refusals: list[Refusals]) -> list[dict[str, Any]]:
    """One row a user; those refused at least SAFEGUARD_REFUSALS_ALERT times are tagged."""
    return [
        {
            "who": r.name,
            "label": r.actor_label if r.actor_label != r.name else "",
            "agency": r.agency_name,
            "not_found": str(r.not_found),
            "forbidden": str(r.forbidden),
            "last": format_datetime(r.last_at),
            "tag": tag("Refused again and again", "red")
            if r.total >= settings.SECURITY_REFUSALS_ALERT
            else None,
        }
        for r in refusals
    ]


def event_rows(events: list[SecurityEvent]) -> list[list[dict[str, Any]]]:
    """govukTable rows: when, what, who, where (method, route, record) or what was said."""
    return [
        [
            {"text": format_datetime(e.at)},
            {"text": SecurityEventKind(e.kind).label},
            {"text": e.actor_label},
            {"text": " ".join(p for p in (e.method, e.route, e.object_id) if p) or e.detail},
            {"text": e.client or "Not known"},
        ]
        for e in events
    ]
