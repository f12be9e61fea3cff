"""The partnership's budget: income by contributor and outgoings by category, for a financial
year. A line is either an amount entered with its source, or computed from Safeguard's records
(the training courses' revenue), so every figure in the report says where it came from.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel


class Direction(models.TextChoices):
    INCOME = "income", "Income"
    OUTGOING = "outgoing", "Outgoings"


class BudgetLine(BaseModel):
    financial_year = models.PositiveSmallIntegerField(help_text="2017 is 2017-18")
    direction = models.CharField(max_length=8, choices=Direction.choices)
    label = models.CharField(max_length=120, help_text="the contributor, or the category")
    amount_pence = models.PositiveBigIntegerField(null=True, blank=True)
    computed_from = models.CharField(
        max_length=40, blank=True, help_text="a registered computation, instead of an amount"
    )
    source = models.CharField(max_length=300, help_text="where an entered amount comes from")
    position = models.PositiveSmallIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["financial_year", "direction", "position", "label"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(amount_pence__isnull=False) & Q(computed_from=""))
                | (Q(amount_pence__isnull=True) & ~Q(computed_from="")),
                name="budget_line_amount_or_computed",
            ),
            models.UniqueConstraint(
                fields=["financial_year", "direction", "label"], name="budget_line_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.financial_year}"
