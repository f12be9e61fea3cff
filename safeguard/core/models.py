import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone


class BaseModel(models.Model):
    """UUID keys for anything a URL names, and creation and update times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A version number that every change bumps, so that concurrent edits are detected."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an append-only row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be removed")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")


class AppendOnlyModel(models.Model):
    """Refuses updates and deletes in the application; database triggers refuse them too."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be removed")


class AccessLogEntry(AppendOnlyModel):
    """One view, search, export or change of personal data. Hash-chained by `seq`."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_user_id = models.UUIDField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=254)
    agency_id = models.UUIDField(null=True, blank=True)
    agency_name = models.CharField(max_length=200, blank=True)
    roles = models.CharField(max_length=500, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=80, blank=True)
    why = models.TextField(blank=True)
    break_glass = models.BooleanField(default=False)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "access log entries"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}"


class AccessLogSubject(AppendOnlyModel):
    """A child (or other person) an access-log entry concerns; covered by the entry's hash."""

    entry = models.ForeignKey(AccessLogEntry, on_delete=models.PROTECT, related_name="subjects")
    person_id = models.UUIDField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "person_id"], name="access_subject_unique")
        ]

    def __str__(self) -> str:
        return str(self.person_id)


class AuditEvent(AppendOnlyModel):
    """A change to configuration or accounts (not personal data, which the access log covers)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(default=timezone.now)
    actor_label = models.CharField(max_length=254)
    actor_user_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=80)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}"


class SecurityEventKind(models.TextChoices):
    REFUSED_NOT_FOUND = "refused_not_found", "Refused: no relationship to the record"
    REFUSED_FORBIDDEN = "refused_forbidden", "Refused: the role may not do this"
    IDENTIFIER_CLASH = "identifier_clash", "An identifier another record holds"
    SIGN_IN_THROTTLED = "sign_in_throttled", "Sign-in slowed down"


class SecurityEvent(AppendOnlyModel):
    """Something refused or suspicious: a probe for records, a clash of identifiers, sign-in
    attempts slowed down. Not the access log, which records what was seen. No personal data:
    routes by name, records by id, never the values that were tried."""

    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=40, choices=SecurityEventKind.choices)
    actor_user_id = models.UUIDField(null=True, blank=True)
    actor_label = models.CharField(max_length=254)
    agency_id = models.UUIDField(null=True, blank=True)
    client = models.CharField(max_length=64, blank=True)  # as the trusted proxy reports it
    method = models.CharField(max_length=10, blank=True)
    route = models.CharField(max_length=200, blank=True)  # the URL pattern's name
    object_id = models.CharField(max_length=80, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["kind", "at"], name="security_event_kind"),
            models.Index(fields=["actor_user_id", "at"], name="security_event_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.route}"


class BreakGlassGrant(BaseModel):
    """Time-limited access to one record without a relationship, for review by IG."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    object_type = models.CharField(max_length=80)
    object_id = models.UUIDField()
    reason = models.TextField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "object_type", "expires_at"])]

    def __str__(self) -> str:
        return f"Break-glass {self.object_type} {self.object_id}"


class FormSubmission(models.Model):
    """A form post, by the one-time token its page carried: a second post of the same page
    (a double click, a resend) is answered with the first one's outcome, not done again."""

    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    location = models.TextField(blank=True)  # where the first post led

    def __str__(self) -> str:
        return self.token
