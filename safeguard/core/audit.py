"""The auditor: one row per change to accounts and configuration.

Changes to personal data are recorded in the access log instead (see access_log.py).
"""

from typing import Any

from django.db import models

from safeguard.core.actors import Actor
from safeguard.core.models import AuditEvent


def audit_record(
    *, actor: Actor | None, action: str, obj: models.Model, changes: dict[str, Any] | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor_label=actor.label if actor else "system",
        actor_user_id=actor.user_id if actor else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes=changes or {},
    )
