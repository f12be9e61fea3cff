import re
from decimal import Decimal, InvalidOperation

from django import forms

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm, Versioned
from safeguard.returns.codelists import year_label
from safeguard.scorecard.computed import COMPUTED
from safeguard.scorecard.models import Theme, Unit

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


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "").removesuffix("%"))
    except InvalidOperation:
        raise forms.ValidationError("Enter a number, like 42 or 19.9") from None
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise forms.ValidationError("Enter a number, like 42 or 19.9")
    return value


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
        return _decimal(self.cleaned_data["value"]).quantize(Decimal("0.01"))


class ReviewForm(Versioned):
    decision = fields.GovukRadiosField(
        label="Your decision",
        choices=[("approve", "Approve"), ("return", "Return it for correction")],
        error_messages={"required": "Choose approve or return"},
    )
    note = fields.GovukTextareaField(label="Note to the agency", required=False, max_length=2000)

    def review_arguments(self) -> dict[str, object]:
        """The review services' arguments: approve or return, the note, the version seen."""
        data = self.cleaned_data
        return {
            "approve": data["decision"] == "approve",
            "note": data["note"],
            "seen_version": data["version"],
        }


class IndicatorForm(GovukForm):
    code = fields.GovukCharField(
        label="Code",
        max_length=40,
        help_text="Capitals, digits and underscores, like LADO_REFERRALS",
        error_messages={"required": "Enter the code"},
    )
    name = fields.GovukCharField(
        label="Name", max_length=200, error_messages={"required": "Enter the name"}
    )
    definition = fields.GovukTextareaField(
        label="Definition",
        help_text="What is counted, over which period, from which records",
        max_length=2000,
        error_messages={"required": "Enter the definition"},
    )
    unit = fields.GovukRadiosField(
        label="Unit", choices=Unit.choices, error_messages={"required": "Choose the unit"}
    )
    polarity = fields.GovukRadiosField(
        label="Is a higher value better?",
        choices=[
            ("higher", "Higher is better"),
            ("lower", "Lower is better"),
            ("neither", "Neither: it measures demand"),
        ],
        error_messages={"required": "Say whether a higher value is better"},
    )
    theme = fields.GovukSelectField(label="Theme", choices=Theme.choices)
    computed_key = fields.GovukSelectField(
        label="Where the figure comes from",
        required=False,
        choices=[("", "Submitted by partner agencies, with evidence")]
        + [(k, f"Computed by Safeguard: {k}") for k in COMPUTED],
    )
    owner = fields.GovukSelectField(label="Owner agency", required=False, choices=[])
    target = fields.GovukCharField(
        label="Target", required=False, max_length=14, classes="govuk-input--width-10"
    )
    amber_within = fields.GovukCharField(
        label="Amber within (how far short of the target is still amber)",
        required=False,
        max_length=14,
        classes="govuk-input--width-10",
    )

    def __init__(self, *args: object, agencies: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["owner"].choices = [("", "The partnership (any agency asked)"), *agencies]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if not re.fullmatch(r"[A-Z][A-Z0-9_]{1,39}", code):
            raise forms.ValidationError("Use capitals, digits and underscores, like LADO_REFERRALS")
        return code

    def clean_target(self) -> Decimal | None:
        text = self.cleaned_data["target"]
        return _decimal(text) if text else None

    def clean_amber_within(self) -> Decimal | None:
        text = self.cleaned_data["amber_within"]
        return _decimal(text) if text else None


class FigureForm(GovukForm):
    """A demographic figure, or a comparator, with where it was published."""

    label = fields.GovukCharField(
        label="What the figure is", max_length=200, error_messages={"required": "Enter the label"}
    )
    value = fields.GovukCharField(
        label="Value",
        max_length=14,
        inputmode="decimal",
        classes="govuk-input--width-10",
        error_messages={"required": "Enter the value"},
    )
    source = fields.GovukCharField(
        label="Source",
        max_length=300,
        help_text="Where it was published, for example the JSNA 2017",
        error_messages={"required": "Enter the source"},
    )

    def clean_value(self) -> Decimal:
        return _decimal(self.cleaned_data["value"])


class DemographicForm(FigureForm):
    unit = fields.GovukRadiosField(
        label="Unit", choices=Unit.choices, error_messages={"required": "Choose the unit"}
    )


class ReferenceForm(FigureForm):
    year = fields.GovukSelectField(label="Year", choices=[])

    def __init__(self, *args: object, latest: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = year_choices(latest, count=12)
        self.fields["label"].help_text = "For example, England average"
