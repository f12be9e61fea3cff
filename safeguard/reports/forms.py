from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm, Versioned
from safeguard.reports.definition import QUESTIONS

MARKUP_HINT = (
    "Plain text. Leave a blank line between paragraphs. Start a line with ## for a heading or "
    "- for a list; write **bold**, *emphasis* and [a link](https://address)."
)


class ReportOpenForm(GovukForm):
    year = fields.GovukSelectField(label="Which year?", choices=[])
    contributions_due = fields.GovukDateField(
        label="Contributions due by", must_be_future=True, help_text="For example, 31 5 2019"
    )

    def __init__(self, *args: object, years: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = years


class SectionNewForm(GovukForm):
    title = fields.GovukCharField(
        label="Title of the new section",
        max_length=200,
        error_messages={"required": "Enter the section's title"},
    )


class SectionForm(Versioned):
    title = fields.GovukCharField(
        label="Title", max_length=200, error_messages={"required": "Enter the section's title"}
    )
    body = fields.GovukTextareaField(
        label="Text", required=False, max_length=50000, help_text=MARKUP_HINT
    )


class ContributionForm(Versioned):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for n, question in enumerate(QUESTIONS, 1):
            self.fields[f"answer_{n}"] = fields.GovukTextareaField(
                label=f"{n}. {question}",
                required=False,
                max_length=20000,
                help_text=MARKUP_HINT if n == 1 else "",
            )

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer_{n}"] for n in range(1, len(QUESTIONS) + 1)]


class PublishForm(GovukForm):
    note = fields.GovukTextareaField(
        label="For a correction: what changed",
        required=False,
        max_length=2000,
        help_text="Not needed for the first version",
    )
    make_public = fields.GovukYesNoField(
        label="Make this version public, at an address that needs no sign-in?",
        error_messages={"required": "Say whether to make it public"},
    )
