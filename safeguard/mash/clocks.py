"""The MASH's clocks, from settings: in working time (see core.calendar), except red, which
is immediate risk and runs around the clock (ADR 15)."""

import datetime as dt

from django.conf import settings

from safeguard.core.calendar import due_after


def _rule(name: str) -> dict[str, float]:
    rule: dict[str, float] = settings.MASH_CLOCKS[name]
    return rule


def decision_due(received_at: dt.datetime) -> dt.datetime:
    return due_after(received_at, **_rule("decision"))


def rag_due(start: dt.datetime, rag: str) -> dt.datetime:
    """When work rated `rag` must be done: for the notification, and for each request."""
    return due_after(start, **_rule(rag))
