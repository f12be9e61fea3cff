"""The question pages of a notification."""

from typing import Any

from django.utils import timezone

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm, clean_with
from safeguard.mash.models import Concern
from safeguard.mash.models.choices import Channel, ConsentSought, LawfulBasis, NotSoughtReason
from safeguard.partners.models import Agency
from safeguard.people.approximate import OLDEST_AGE, approximate_date_of_birth
from safeguard.people.identifiers import clean_nhs_number, clean_postcode
from safeguard.people.models import DatePrecision, Sex


def _approximate_field(help_text: str) -> fields.GovukCharField:
    return fields.GovukCharField(
        label="Or, if you do not know the exact date",
        required=False,
        max_length=40,
        help_text=help_text,
        autocomplete="off",
        spellcheck=False,
    )


def read_approximate(form: GovukForm, data: dict[str, Any], *, adult: bool) -> None:
    """Turn the approximate answer into the date and its precision, in `data` (the form's
    cleaned data), or an error against it."""
    text = data.pop("approximate", "")
    data["date_of_birth_precision"] = DatePrecision.EXACT
    if not text:
        return
    if data.get("date_of_birth"):
        form.add_error("approximate", "Give the exact date or an approximate one, not both")
        return
    try:
        born, precision = approximate_date_of_birth(
            text, today=timezone.localdate(), oldest=110 if adult else OLDEST_AGE
        )
    except ValueError as error:
        form.add_error("approximate", str(error))
        return
    if precision == DatePrecision.EXPECTED and adult:
        form.add_error("approximate", "Only a child can be unborn")
        return
    data["date_of_birth"], data["date_of_birth_precision"] = born, precision


class ContactForm(GovukForm):
    """For MASH staff recording a phone call or an email on the referrer's behalf."""

    channel = fields.GovukRadiosField(
        label="How did the referrer contact the MASH?",
        choices=[(Channel.PHONE, "Phone"), (Channel.EMAIL, "Email")],
        error_messages={"required": "Select phone or email"},
    )
    source_agency = fields.GovukModelSelectField(
        label="Referrer's agency",
        queryset=Agency.objects.filter(is_active=True),
        empty_label="Choose the agency",
        error_messages={"required": "Choose the agency"},
    )
    referrer_name = fields.GovukCharField(
        label="Referrer's name",
        max_length=200,
        error_messages={"required": "Enter the referrer's name"},
    )
    referrer_role = fields.GovukCharField(label="Referrer's role", max_length=200, required=False)
    referrer_contact = fields.GovukCharField(
        label="Phone number or email address to reply to",
        max_length=200,
        error_messages={"required": "Enter how to contact the referrer"},
    )


class DangerForm(GovukForm):
    urgent = fields.GovukYesNoField(
        label="Is a child in immediate danger?",
        is_page_heading=True,
        label_classes="govuk-fieldset__legend--l",
        error_messages={"required": "Select yes if a child is in immediate danger"},
    )


class ChildForm(GovukForm):
    given_name = fields.GovukCharField(
        label="Given name", required=False, max_length=100, spellcheck=False, autocomplete="off"
    )
    family_name = fields.GovukCharField(
        label="Family name", required=False, max_length=100, spellcheck=False, autocomplete="off"
    )
    date_of_birth = fields.GovukDateField(
        label="Date of birth",
        required=False,
        must_be_past=True,
        help_text="For example, 27 3 2012",
    )
    approximate = _approximate_field(
        'Like "about 7", "April 2011" or "2011". For an unborn baby, when they are due, like '
        '"due May 2027" or "EDD 12/05/2027". Leave both blank if you do not know.'
    )
    sex = fields.GovukRadiosField(
        label="Sex", required=False, classes="govuk-radios--inline", choices=Sex.choices
    )
    nhs_number = fields.GovukCharField(
        label="NHS number (if you know it)",
        required=False,
        classes="govuk-input--width-10",
        inputmode="numeric",
    )
    address = fields.GovukCharField(
        label="Address (if you know it)", required=False, max_length=300, autocomplete="off"
    )
    postcode = fields.GovukCharField(
        label="Postcode (if you know it)",
        required=False,
        classes="govuk-input--width-10",
        autocomplete="off",
    )
    school = fields.GovukCharField(
        label="School, nursery or setting (if any)", required=False, max_length=200
    )

    def clean_nhs_number(self) -> str:
        return clean_with(clean_nhs_number, self.cleaned_data["nhs_number"])

    def clean_postcode(self) -> str:
        return clean_with(clean_postcode, self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        read_approximate(self, data, adult=False)
        identifying = ("given_name", "family_name", "date_of_birth", "nhs_number")
        if not self.errors and not any(data.get(k) for k in identifying):
            self.add_error("given_name", "Give at least a name, a date of birth or an NHS number")
        return data


class MatchForm(GovukForm):
    person = fields.GovukRadiosField(
        label="Is it one of these children?",
        is_page_heading=True,
        label_classes="govuk-fieldset__legend--l",
        choices=[],
        error_messages={"required": "Select a child, or that it is none of these"},
    )

    def __init__(self, *args: Any, candidates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            *candidates,
            ("none", "None of these: use the details I gave"),
        ]


class AnotherForm(GovukForm):
    another = fields.GovukYesNoField(label="", error_messages={"required": "Select yes or no"})

    def __init__(self, *args: Any, question: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["another"].label = question


class AdultForm(GovukForm):
    given_name = fields.GovukCharField(label="Given name", required=False, max_length=100)
    family_name = fields.GovukCharField(label="Family name", required=False, max_length=100)
    relationship = fields.GovukCharField(
        label="Relationship to the child",
        max_length=100,
        help_text="For example, mother, stepfather, mother's partner, lodger",
        error_messages={"required": "Enter their relationship to the child"},
    )
    date_of_birth = fields.GovukDateField(
        label="Date of birth (if you know it)", required=False, must_be_past=True
    )
    approximate = _approximate_field('Like "about 35" or "1989"')
    address = fields.GovukCharField(
        label="Address (if you know it)", required=False, max_length=300
    )
    lives_with_child = fields.GovukYesNoField(
        label="Do they live with the child?",
        error_messages={"required": "Select yes if they live with the child"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        read_approximate(self, data, adult=True)
        return data


class ConcernsForm(GovukForm):
    concerns = fields.GovukCheckboxesField(
        label="What are you worried about?",
        choices=[],
        is_page_heading=True,
        label_classes="govuk-fieldset__legend--l",
        help_text="Select all that apply",
        error_messages={"required": "Select at least one concern"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = Concern.objects.filter(is_active=True)
        self.fields["concerns"].choices = [  # type: ignore[attr-defined]
            (c.code, c.label) for c in active
        ]


class AccountForm(GovukForm):
    what_happened = fields.GovukTextareaField(
        label="What happened?",
        help_text="What you saw or were told, when, and by whom",
        error_messages={"required": "Enter what happened"},
    )
    risk_now = fields.GovukTextareaField(
        label="What is the risk to the child now?",
        help_text="Where the child is now and who they are with",
        error_messages={"required": "Enter what the risk to the child is now"},
    )


class FilesForm(GovukForm):
    attachments = fields.GovukFileField(
        label="Attach documents (optional)",
        required=False,
        help_text="A body map, a photograph or a letter, for example. PDF, Word (DOCX), PNG or "
        "JPEG, up to 10 MB each. The MASH sees them; partners it asks do not.",
    )


class SharingForm(GovukForm):
    consent_sought = fields.GovukRadiosField(
        label="Did you seek consent to share this information?",
        choices=ConsentSought.choices,
        error_messages={"required": "Select whether you sought consent"},
    )
    consent_not_sought_reason = fields.GovukRadiosField(
        label="If you did not seek consent, why not?",
        required=False,
        choices=NotSoughtReason.choices,
    )
    lawful_basis = fields.GovukRadiosField(
        label="What is the lawful basis for sharing?",
        choices=LawfulBasis.choices,
        help_text="You do not need consent to share information to keep a child safe",
        error_messages={"required": "Select the lawful basis for sharing"},
    )
    sharing_decided_by = fields.GovukCharField(
        label="Who decided to share?",
        max_length=200,
        help_text="Name and role, for example, Jo Smith, designated safeguarding lead",
        error_messages={"required": "Enter who decided to share"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent_sought") == ConsentSought.NOT_SOUGHT and not data.get(
            "consent_not_sought_reason"
        ):
            self.add_error("consent_not_sought_reason", "Select why you did not seek consent")
        if data.get("lawful_basis") == LawfulBasis.CONSENT and data.get("consent_sought") not in (
            None,
            ConsentSought.GIVEN,
        ):
            self.add_error("lawful_basis", "Consent can be the lawful basis only if it was given")
        return data
