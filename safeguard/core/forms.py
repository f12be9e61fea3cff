from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm


class ReviewForm(GovukForm):
    note = fields.GovukTextareaField(
        label="What did you find?",
        help_text="For example, whether the reason was justified and any action you took",
        max_length=2000,
        error_messages={"required": "Record what you found"},
    )
