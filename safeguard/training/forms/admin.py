from typing import Any

from django import forms

from safeguard.core.money import pence_from_pounds
from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm
from safeguard.training.models import CourseKind


class CourseForm(GovukForm):
    title = fields.GovukCharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )
    kind = fields.GovukRadiosField(
        label="Kind", choices=CourseKind.choices, error_messages={"required": "Select the kind"}
    )
    level = fields.GovukCharField(
        label="Level (optional)",
        required=False,
        max_length=100,
        help_text="For example, Working Together level 3",
    )
    audience = fields.GovukCharField(label="Audience (optional)", required=False, max_length=300)
    description = fields.GovukTextareaField(label="Description", required=False)
    learning_outcomes = fields.GovukTextareaField(label="Learning outcomes", required=False)
    duration = fields.GovukCharField(
        label="Duration (optional)", required=False, max_length=50, classes="govuk-input--width-10"
    )
    fee = fields.GovukCharField(
        label="Fee for non-partner delegates, in pounds",
        max_length=9,
        classes="govuk-input--width-5",
        inputmode="decimal",
        help_text="0 if the course is free for everyone",
        error_messages={"required": "Enter the fee, or 0"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_fee(self) -> int:
        try:
            return pence_from_pounds(self.cleaned_data["fee"])
        except ValueError:
            raise forms.ValidationError("Enter the fee in pounds, like 35 or 35.50") from None


class SessionForm(GovukForm):
    date = fields.GovukDateField(label="Date", error_messages={"required": "Enter the date"})
    starts = fields.GovukCharField(
        label="Starts (24-hour time)",
        max_length=5,
        classes="govuk-input--width-5",
        help_text="For example, 09:30",
        error_messages={"required": "Enter the start time"},
    )
    ends = fields.GovukCharField(
        label="Ends (24-hour time)",
        max_length=5,
        classes="govuk-input--width-5",
        error_messages={"required": "Enter the end time"},
    )
    venue = fields.GovukCharField(label="Venue", required=False, max_length=200)
    online = fields.GovukCheckboxesField(
        label="Online", required=False, choices=[("yes", "This session is online")]
    )
    capacity = fields.GovukCharField(
        label="Places offered",
        max_length=4,
        classes="govuk-input--width-4",
        inputmode="numeric",
        error_messages={"required": "Enter the places offered"},
    )
    trainers = fields.GovukCharField(label="Trainers (optional)", required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_capacity(self) -> int:
        value = self.cleaned_data["capacity"]
        if not value.isdigit() or int(value) < 1:
            raise forms.ValidationError("Places offered must be a whole number, 1 or more")
        return int(value)

    def _time(self, name: str) -> Any:
        import datetime as dt

        try:
            return dt.time.fromisoformat(self.cleaned_data[name])
        except ValueError:
            raise forms.ValidationError("Enter a time like 09:30") from None

    def clean_starts(self) -> Any:
        return self._time("starts")

    def clean_ends(self) -> Any:
        return self._time("ends")


class PaidForm(GovukForm):
    paid_on = fields.GovukDateField(
        label="Date paid",
        must_be_past=True,
        error_messages={"required": "Enter the date it was paid"},
    )


class ImportForm(GovukForm):
    file = fields.GovukFileField(
        label="CSV of completions",
        help_text="Columns: course, person, agency, completed date (YYYY-MM-DD)",
        error_messages={"required": "Choose the CSV file to import"},
    )
