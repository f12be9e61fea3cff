from django.conf import settings
from django.db import models

from safeguard.core.models import AppendOnlyModel, BaseModel, VersionedModel
from safeguard.mash.models.choices import KnownToService, Outcome, RequestStatus
from safeguard.mash.models.notifications import Notification
from safeguard.partners.models import Agency

USER = settings.AUTH_USER_MODEL


class InformationRequest(BaseModel, VersionedModel):
    """A question from the MASH to one agency. It shares the child's identity, nothing more."""

    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="requests"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    question = models.TextField()
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    # When and why it was closed without an answer: withdrawn by the MASH, or closed
    # unanswered by a red decision that could not wait for it.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    personal_data = True

    class Meta:
        indexes = [models.Index(fields=["agency", "status", "due_at"])]

    def __str__(self) -> str:
        return f"Request to {self.agency_id}"


class InformationAnswer(BaseModel):
    request = models.OneToOneField(
        InformationRequest, on_delete=models.PROTECT, related_name="answer"
    )
    answered_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_by_label = models.CharField(max_length=254)
    answered_at = models.DateTimeField()
    known_to_service = models.CharField(max_length=10, choices=KnownToService.choices)
    # Where the request names several children, whether each is known: {child id: choice}.
    # Read with the answer in its one query; `known_to_service` then says "yes" if any is.
    known_by_child = models.JSONField(default=dict, blank=True)
    current_involvement = models.BooleanField()
    text = models.TextField()

    personal_data = True

    def __str__(self) -> str:
        return f"Answer to {self.request_id}"


class AnswerAttachment(BaseModel):
    answer = models.ForeignKey(
        InformationAnswer, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(upload_to="mash/answers/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    personal_data = True

    def __str__(self) -> str:
        return self.original_name


class Decision(BaseModel):
    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    onward_referrals = models.JSONField(default=list, blank=True)
    threshold_level = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    lawful_basis_confirmed = models.BooleanField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    # What the referrer is told besides the outcome: what happens next, who has the case, and
    # how to reach them.
    next_steps = models.TextField(blank=True)
    allocated_team = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=200, blank=True)

    personal_data = True

    def __str__(self) -> str:
        return self.outcome


class DecisionCorrection(AppendOnlyModel):
    """The decision as it stood before a correction, and why it was corrected. The decision
    itself then holds the corrected values, so everyone downstream reads the correction."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="corrections")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    onward_referrals = models.JSONField(default=list, blank=True)
    threshold_level = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    next_steps = models.TextField(blank=True)
    allocated_team = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    by_child = models.JSONField(default=dict, blank=True)  # {child id: [outcome, level]}
    reason = models.TextField()
    corrected_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField()

    personal_data = True

    class Meta:
        ordering = ["corrected_at", "id"]

    def __str__(self) -> str:
        return f"Correction of {self.decision_id}"


class Escalation(BaseModel):
    """A referrer's disagreement with the decision, under the partnership's resolution of
    professional disagreements procedure: raised, then answered by a named MASH manager."""

    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="escalations"
    )
    raised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    reason = models.TextField()
    manager = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField()
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    personal_data = True

    class Meta:
        ordering = ["raised_at"]

    def __str__(self) -> str:
        return f"Escalation of {self.notification_id}"
