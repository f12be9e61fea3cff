"""The partnership's scorecard: a catalogue of indicators, each computed by Safeguard or
submitted by a named partner with its evidence, with targets, comparators and the local
demographic figures the yearly report quotes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel, VersionedModel


class Unit(models.TextChoices):
    COUNT = "count", "Number"
    PERCENT = "percent", "Percentage"


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"


class SourceKind(models.TextChoices):
    COMPUTED = "computed", "Computed by Safeguard"
    SUBMITTED = "submitted", "Submitted by a partner"


class Theme(models.TextChoices):
    FRONT_DOOR = "front_door", "The front door (MASH)"
    JOURNEY = "journey", "Children in need and child protection"
    CARE = "care", "Children in care"
    EXPLOITATION = "exploitation", "Exploitation, missing and violence"
    ALLEGATIONS = "allegations", "Allegations against staff (LADO)"
    DEATHS = "deaths", "Child deaths"
    TRAINING = "training", "Training and workforce"


class Indicator(BaseModel):
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    definition = models.TextField()
    unit = models.CharField(max_length=10, choices=Unit.choices)
    # True: higher is better; False: lower is better; None: neither (a measure of demand).
    higher_is_better = models.BooleanField(null=True)
    period = models.CharField(max_length=10, choices=PeriodKind.choices)
    theme = models.CharField(max_length=20, choices=Theme.choices)
    owner_agency = models.ForeignKey(
        "partners.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_kind = models.CharField(max_length=10, choices=SourceKind.choices)
    computed_key = models.CharField(max_length=60, blank=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # How far on the wrong side of the target is still amber rather than red.
    amber_within = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    in_yearly_report = models.BooleanField(
        default=False, help_text="shown in the yearly report's performance data"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["theme", "position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(source_kind="computed") & ~Q(computed_key=""))
                | (Q(source_kind="submitted") & Q(computed_key="")),
                name="indicator_computed_has_key",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ReferenceValue(BaseModel):
    """A comparator for a year: England's or London's average, with where it was published."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="references")
    year = models.PositiveSmallIntegerField(help_text="2017 is 2017-18")
    label = models.CharField(max_length=80, help_text="for example, England average")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["indicator", "year", "label"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "label"], name="reference_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.label} {self.year}"


class DemographicFigure(BaseModel):
    """A figure about the area's children for the report's demographics, with its source."""

    year = models.PositiveSmallIntegerField(help_text="the report's year: 2017 is 2017-18")
    label = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=12, decimal_places=1)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    source = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["year", "position"]
        constraints = [models.UniqueConstraint(fields=["year", "label"], name="demographic_once")]

    def __str__(self) -> str:
        return self.label


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CollectionRound(BaseModel):
    """A request to partner agencies for their figures for one quarter or year."""

    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is April-June")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default="open")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agencies = models.ManyToManyField("partners.Agency", related_name="+")
    indicators = models.ManyToManyField(Indicator, related_name="+")

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="round_once_per_period"),
            models.UniqueConstraint(
                fields=["year"], condition=Q(quarter__isnull=True), name="round_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}" if self.quarter else str(self.year)


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for correction"
    APPROVED = "approved", "Approved"


class Submission(BaseModel, VersionedModel):
    """An agency's value for an indicator in a round, with its evidence."""

    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="submissions")
    agency = models.ForeignKey("partners.Agency", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="submissions")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    evidence = models.TextField()
    status = models.CharField(max_length=10, choices=SubmissionStatus.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "indicator", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency", "indicator"], name="submission_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.round}"
