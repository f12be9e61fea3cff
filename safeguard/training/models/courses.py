from django.db import models

from safeguard.core.models import BaseModel, VersionedModel


class CourseKind(models.TextChoices):
    COURSE = "course", "Face-to-face course"
    EVENT = "event", "Learning event"
    ELEARNING = "elearning", "E-learning"


class Course(BaseModel, VersionedModel):
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=CourseKind.choices, default=CourseKind.COURSE)
    level = models.CharField(max_length=100, blank=True)
    audience = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    learning_outcomes = models.TextField(blank=True)
    duration = models.CharField(max_length=50, blank=True, help_text="For example, 1 day")
    fee_pence = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Session(BaseModel, VersionedModel):
    """A date of a course or a learning event. Capacity is the places offered."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    online = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField()
    trainers = models.CharField(max_length=300, blank=True)
    is_cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.course} on {self.starts_at:%Y-%m-%d}"
