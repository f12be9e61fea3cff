from typing import Any

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm


class ReviewForm(GovukForm):
    note = fields.GovukTextareaField(
        label="What did you find?",
        help_text="For example, whether the reason was justified and any action you took",
        max_length=2000,
        error_messages={"required": "Record what you found"},
    )


class PeriodForm(GovukForm):
    """A report's period; either end may be left blank for the report's default."""

    start = fields.GovukDateField(label="From", required=False)
    end = fields.GovukDateField(label="To", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end of the period must be after its start")
        return data
