"""The partnership's yearly report: its sections, the partners' contributions, and each
published version frozen with a content hash."""

from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel, VersionedModel


class Report(BaseModel, VersionedModel):
    year = models.PositiveSmallIntegerField(unique=True, help_text="2017 is 2017-18")
    title = models.CharField(max_length=200)
    contributions_due = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class SectionKind(models.TextChoices):
    NARRATIVE = "narrative", "Written by the partnership officer"
    CONTRIBUTIONS = "contributions", "The partners' approved contributions"
    GENERATED = "generated", "Generated from Safeguard's records"


class Section(BaseModel, VersionedModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    generator = models.CharField(max_length=40, blank=True)
    body = models.TextField(blank=True, help_text="in the report's small markup")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="section_key_once"),
        ]

    def __str__(self) -> str:
        return self.title


class SectionVersion(BaseModel):
    """Every saved text of a section, kept."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="section_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.number}"


class ContributionStatus(models.TextChoices):
    REQUESTED = "requested", "Not started"
    SUBMITTED = "submitted", "Sent for review"
    CHANGES = "changes", "Changes asked for"
    APPROVED = "approved", "Approved"


class Contribution(BaseModel, VersionedModel):
    """One agency's answers to the contribution questions, for one year's report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey("partners.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.REQUESTED
    )
    answers = models.JSONField(default=list, help_text="one text per question, in order")
    officer_note = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "agency"], name="contribution_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.report}"


class ContributionVersion(BaseModel):
    """Every saved answer, review and approval of a contribution, kept."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=ContributionStatus.choices)
    answers = models.JSONField(default=list)
    note = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["contribution", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "number"], name="contribution_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution} v{self.number}"


class Publication(BaseModel):
    """A published version: every figure and text frozen, with the hash of its content."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="publications")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)
    note = models.TextField(blank=True, help_text="for a correction: what changed")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()
    is_public = models.BooleanField(default=False)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="publication_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class Acronym(BaseModel):
    """The managed list the glossary is drawn from."""

    acronym = models.CharField(max_length=20, unique=True)
    meaning = models.CharField(max_length=200)

    class Meta:
        ordering = ["acronym"]

    def __str__(self) -> str:
        return self.acronym
