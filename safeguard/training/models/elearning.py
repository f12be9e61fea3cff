from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel
from safeguard.training.models.courses import Course


class ELearningImport(BaseModel):
    """One CSV of completions from the e-learning platform."""

    file_name = models.CharField(max_length=200)
    file_hash = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    added = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.file_name


class ELearningCompletion(BaseModel):
    """One person's completion of an e-learning course. `key` makes a re-import idempotent."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    full_name = models.CharField(max_length=200)
    agency_name = models.CharField(max_length=200)
    completed_on = models.DateField(db_index=True)
    key = models.CharField(max_length=64, unique=True)
    source = models.ForeignKey(
        ELearningImport, on_delete=models.PROTECT, related_name="completions"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    personal_data = True

    def __str__(self) -> str:
        return f"{self.course_id} {self.completed_on}"
