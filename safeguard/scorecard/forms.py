from decimal import Decimal, InvalidOperation

from django import forms

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm, Versioned
from safeguard.returns.codelists import year_label
from safeguard.scorecard.models import Theme

QUARTERS = [
    ("", "The whole year"),
    ("1", "April to June"),
    ("2", "July to September"),
    ("3", "October to December"),
    ("4", "January to March"),
]


def year_choices(latest: int, count: int = 8) -> list[tuple[str, str]]:
    return [(str(y), year_label(y)) for y in range(latest, latest - count, -1)]


class ScorecardFilterForm(GovukForm):
    year = fields.GovukSelectField(label="Year", choices=[])
    quarter = fields.GovukSelectField(label="Quarter", required=False, choices=QUARTERS)
    theme = fields.GovukSelectField(
        label="Theme", required=False, choices=[("", "All themes"), *Theme.choices]
    )

    def __init__(self, *args: object, latest: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = year_choices(latest)


class RoundForm(GovukForm):
    year = fields.GovukSelectField(label="Year", choices=[])
    quarter = fields.GovukSelectField(label="Quarter", required=False, choices=QUARTERS)
    due_on = fields.GovukDateField(label="Due by", must_be_future=True)
    agencies = fields.GovukCheckboxesField(
        label="Which agencies?", choices=[], error_messages={"required": "Choose the agencies"}
    )
    indicators = fields.GovukCheckboxesField(
        label="Which indicators?",
        choices=[],
        error_messages={"required": "Choose the indicators"},
    )

    def __init__(
        self, *args: object, latest: int, agencies: object, indicators: object, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = year_choices(latest + 1)
        self.fields["agencies"].choices = agencies
        self.fields["indicators"].choices = indicators


class SubmissionForm(Versioned):
    value = fields.GovukCharField(
        label="Value",
        max_length=14,
        inputmode="decimal",
        classes="govuk-input--width-10",
        error_messages={"required": "Enter the value"},
    )
    evidence = fields.GovukTextareaField(
        label="Evidence",
        help_text="Where the figure comes from: the system or report, and who checked it",
        max_length=2000,
        error_messages={"required": "Say where the figure comes from"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["version"].required = False

    def clean_value(self) -> Decimal:
        text = self.cleaned_data["value"].strip().replace(",", "").removesuffix("%")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError("Enter the value as a number, like 42 or 91.5") from None
        if not value.is_finite() or abs(value) >= Decimal("1e10"):
            raise forms.ValidationError("Enter the value as a number, like 42 or 91.5")
        return value.quantize(Decimal("0.01"))


class ReviewForm(Versioned):
    decision = fields.GovukRadiosField(
        label="Your decision",
        choices=[("approve", "Approve"), ("return", "Return it for correction")],
        error_messages={"required": "Choose approve or return"},
    )
    note = fields.GovukTextareaField(label="Note to the agency", required=False, max_length=2000)
