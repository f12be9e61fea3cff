from safeguard.mash.models.notifications import (
    Addendum,
    ChildCandidate,
    Concern,
    Notification,
    NotificationAdult,
    NotificationChild,
    NotificationConcern,
    NotificationEvent,
    ReferenceCounter,
)
from safeguard.mash.models.requests import (
    AnswerAttachment,
    Decision,
    InformationAnswer,
    InformationRequest,
)

__all__ = [
    "Addendum",
    "AnswerAttachment",
    "ChildCandidate",
    "Concern",
    "Decision",
    "InformationAnswer",
    "InformationRequest",
    "Notification",
    "NotificationAdult",
    "NotificationChild",
    "NotificationConcern",
    "NotificationEvent",
    "ReferenceCounter",
]
