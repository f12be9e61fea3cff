from safeguard.mash.models.notifications import (
    Addendum,
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
