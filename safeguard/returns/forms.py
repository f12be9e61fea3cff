from typing import Any

from django.core.exceptions import ValidationError

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm
from safeguard.returns.codelists.years import parse_collection_year

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(GovukForm):
    collection_year = fields.GovukCharField(
        label="Collection year",
        help_text="The year the return covers, like 2017-18",
        classes="govuk-input--width-5",
        error_messages={"required": "Enter the collection year, like 2017-18"},
    )
    upload = fields.GovukFileField(
        label="The return's files",
        help_text="The SSDA903 CSV tables, or the CIN census XML file",
        error_messages={"required": "Choose the return's files"},
    )
    dry_run = fields.GovukYesNoField(
        label="Check only, without importing?",
        help_text="A check reports every problem and what would change, and writes nothing",
        error_messages={"required": "Say whether to check only"},
    )

    def clean_collection_year(self) -> int:
        try:
            return parse_collection_year(self.cleaned_data["collection_year"])
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def clean_upload(self) -> list[Any]:
        files = self.cleaned_data["upload"]
        if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
            raise ValidationError("The files must be 200 MB or smaller in all")
        return files
