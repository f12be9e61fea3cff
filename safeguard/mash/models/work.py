from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel

USER = settings.AUTH_USER_MODEL


class WorkKind(models.TextChoices):
    """What has reached someone. Each label names no child: the item leads to the record."""

    REQUEST_RECEIVED = "request_received", "The MASH has asked your agency for information"
    REQUEST_OVERDUE = "request_overdue", "A request to your agency is overdue"
    REQUEST_CLOSED = "request_closed", "A request to your agency was closed unanswered"
    ANSWER_RECEIVED = "answer_received", "An answer has come in"
    DECISION_MADE = "decision_made", "The MASH has decided about your notification"
    DECISION_CORRECTED = "decision_corrected", "The MASH has corrected its decision"
    OUT_OF_HOURS = (
        "out_of_hours",
        "A red or urgent notification came in out of hours",
    )
    ESCALATION_RAISED = "escalation_raised", "A referrer disagrees with a decision"
    ESCALATION_ANSWERED = "escalation_answered", "The MASH has answered your escalation"
    RECORD_MOVED = (
        "record_moved",
        "A notification shown on a child's record you viewed was moved to another child",
    )


class WorkItem(BaseModel):
    """One thing that has reached one user, on their work list until they open it."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=WorkKind.choices)
    reference = models.CharField(max_length=20)  # the notification's, never a name
    path = models.CharField(max_length=200)  # where it leads, inside the site
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "seen_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"
