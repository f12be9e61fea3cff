from django import forms

from safeguard.core.money import pence_from_pounds
from safeguard.governance.computed import COMPUTED
from safeguard.governance.models import Direction
from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm


class BudgetLineForm(GovukForm):
    direction = fields.GovukRadiosField(
        label="Is it income or outgoings?",
        choices=Direction.choices,
        error_messages={"required": "Select income or outgoings"},
    )
    label = fields.GovukCharField(
        label="Contributor or category",
        max_length=120,
        help_text="For example, NHS, or Staffing",
        error_messages={"required": "Enter the contributor or category"},
    )
    amount = fields.GovukCharField(
        label="Amount, in pounds (leave empty for a computed line)",
        required=False,
        max_length=12,
        classes="govuk-input--width-10",
        inputmode="decimal",
    )
    source = fields.GovukCharField(
        label="Where the amount comes from",
        required=False,
        max_length=300,
        help_text="For example, the finance officer's budget summary",
    )
    computed_from = fields.GovukSelectField(
        label="Or computed by Safeguard from",
        required=False,
        choices=[("", "Not computed")] + [(k, c.source) for k, c in COMPUTED.items()],
    )

    def clean_amount(self) -> int | None:
        text = self.cleaned_data["amount"]
        if not text:
            return None
        try:
            return pence_from_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
