from safeguard.mash.models.notifications import (
    Addendum,
    ChildCandidate,
    ChildRelink,
    Concern,
    Notification,
    NotificationAdult,
    NotificationAttachment,
    NotificationChild,
    NotificationConcern,
    NotificationEvent,
    ReferenceCounter,
)
from safeguard.mash.models.requests import (
    AnswerAttachment,
    Decision,
    DecisionCorrection,
    Escalation,
    InformationAnswer,
    InformationRequest,
)
from safeguard.mash.models.work import WorkItem, WorkKind

__all__ = [
    "Addendum",
    "AnswerAttachment",
    "ChildCandidate",
    "ChildRelink",
    "Concern",
    "Decision",
    "DecisionCorrection",
    "Escalation",
    "InformationAnswer",
    "InformationRequest",
    "Notification",
    "NotificationAdult",
    "NotificationAttachment",
    "NotificationChild",
    "NotificationConcern",
    "NotificationEvent",
    "ReferenceCounter",
    "WorkItem",
    "WorkKind",
]
