from django.conf import settings
from django.db import models

from safeguard.core.models import AppendOnlyModel, BaseModel, VersionedModel
from safeguard.mash.models.choices import (
    Channel,
    ConsentSought,
    LawfulBasis,
    NotSoughtReason,
    Outcome,
    Rag,
    Stage,
    Status,
)
from safeguard.partners.models import Agency
from safeguard.people.models import DatePrecision, Person

USER = settings.AUTH_USER_MODEL


class Concern(models.Model):
    """The configurable list of concerns, each mapped to a CIN assessment factor if one exists."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=120)
    cin_factor = models.CharField(max_length=4, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Notification(BaseModel, VersionedModel):
    """A safeguarding notification (a contact) about one or more children."""

    reference = models.CharField(max_length=20, unique=True)
    source_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_contact = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(db_index=True)
    urgent = models.BooleanField(default=False)
    what_happened = models.TextField()
    risk_now = models.TextField()
    consent_sought = models.CharField(max_length=12, choices=ConsentSought.choices)
    consent_not_sought_reason = models.CharField(
        max_length=20, choices=NotSoughtReason.choices, blank=True
    )
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices)
    sharing_decided_by = models.CharField(max_length=200)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.RECEIVED)
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    rag_rationale = models.TextField(blank=True)
    decision_due_at = models.DateTimeField()
    rag_due_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent_consideration = models.TextField(blank=True)
    information_needed = models.BooleanField(null=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    personal_data = True

    class Meta:
        indexes = [
            models.Index(fields=["status", "decision_due_at"]),
            models.Index(fields=["source_agency", "received_at"]),
            models.Index(fields=["submitted_by", "received_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_decided(self) -> bool:
        return self.status == Status.DECIDED


class NotificationChild(models.Model):
    """A child as the referrer described them, linked to the people index when confirmed."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="children"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    link_confirmed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    link_confirmed_at = models.DateTimeField(null=True, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    # How far to trust the date, as the people index keeps it: "expected" is an unborn baby.
    date_of_birth_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.EXACT
    )
    sex = models.CharField(max_length=1, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    school = models.CharField(max_length=200, blank=True)
    # Where siblings need different things: this child's outcome and level of need, set with
    # the decision. Blank: the decision's own applies.
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    threshold_level = models.PositiveSmallIntegerField(null=True, blank=True)

    personal_data = True

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip() or "Unknown child"


class ChildCandidate(models.Model):
    """A person in the index the matching engine found for a notified child when the child was
    added: what the MASH chooses from, without a search on every view of the notification."""

    child = models.ForeignKey(
        NotificationChild, on_delete=models.CASCADE, related_name="candidates"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    probability = models.FloatField()
    contributions = models.JSONField()  # [[comparison, level, bits], ...], as the engine scored
    swapped_names = models.BooleanField(default=False)

    personal_data = True

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["child", "person"], name="candidate_once"),
        ]

    def __str__(self) -> str:
        return f"Candidate {self.rank} for child {self.child_id}"


class ChildRelink(AppendOnlyModel):
    """A confirmed link changed: the child was someone else. Kept for ever, with why."""

    child = models.ForeignKey(NotificationChild, on_delete=models.PROTECT, related_name="relinks")
    from_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    to_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    personal_data = True

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Relink of child {self.child_id}"


class NotificationAttachment(BaseModel):
    """A file the referrer sent with the notification: checked by its bytes, stored under a
    name of ours outside the web root, and served only through the access check."""

    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField()
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    personal_data = True

    def __str__(self) -> str:
        return self.original_name


class NotificationAdult(models.Model):
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="adults")
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    relationship = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.EXACT
    )
    address = models.CharField(max_length=300, blank=True)
    lives_with_child = models.BooleanField(default=False)

    personal_data = True

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class NotificationConcern(models.Model):
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="concerns"
    )
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notification", "concern"], name="concern_once")
        ]

    def __str__(self) -> str:
        return str(self.concern_id)


class NotificationEvent(AppendOnlyModel):
    """Each stage's timestamp, kept for ever: the timeline and the timeliness figures."""

    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="events")
    stage = models.CharField(max_length=24, choices=Stage.choices)
    at = models.DateTimeField(db_index=True)
    actor_label = models.CharField(max_length=254)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.stage} {self.at}"


class Addendum(AppendOnlyModel):
    """A note added after the decision: decided notifications are never edited."""

    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField()
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    personal_data = True

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Addendum {self.pk}"


class ReferenceCounter(models.Model):
    """The last reference number issued each year, so references are unique across processes."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
