from typing import Any

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm


class PeriodForm(GovukForm):
    start = fields.GovukDateField(label="From", required=False)
    end = fields.GovukDateField(label="To", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end of the period must be after its start")
        return data
