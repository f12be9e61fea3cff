"""What every MASH selector shares: writing the access log for what it read."""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor

NOTIFICATION = "mash.notification"
REQUEST = "mash.informationrequest"
ATTACHMENT = "mash.answerattachment"
NOTIFICATION_FILE = "mash.notificationattachment"


def log_read(
    actor: Actor,
    object_type: str,
    object_id: Any,
    subjects: Iterable[UUID | None],
    why: str,
    action: Action = Action.VIEW,
) -> None:
    """One access-log entry naming every linked person whose record was read."""
    access_log_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        subjects=list(dict.fromkeys(s for s in subjects if s)),
        why=why,
    )
