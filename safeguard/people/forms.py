import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm, clean_with
from safeguard.partners.models import Agency
from safeguard.people.identifiers import clean_nhs_number, clean_postcode, clean_upn
from safeguard.people.models import (
    AddressKind,
    DatePrecision,
    Ethnicity,
    NameKind,
    PersonKind,
    Sex,
)


class PersonSearchForm(GovukForm):
    given_name = fields.GovukCharField(
        label="Given name", required=False, max_length=100, spellcheck=False, autocomplete="off"
    )
    family_name = fields.GovukCharField(
        label="Family name", required=False, max_length=100, spellcheck=False, autocomplete="off"
    )
    date_of_birth = fields.GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2012"
    )
    nhs_number = fields.GovukCharField(
        label="NHS number",
        required=False,
        classes="govuk-input--width-10",
        inputmode="numeric",
        spellcheck=False,
    )
    postcode = fields.GovukCharField(
        label="Postcode",
        required=False,
        classes="govuk-input--width-10",
        spellcheck=False,
        autocomplete="off",
    )

    def clean_nhs_number(self) -> str:
        return clean_with(clean_nhs_number, self.cleaned_data["nhs_number"])

    def clean_postcode(self) -> str:
        return clean_with(clean_postcode, self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(data.values()):
            raise ValidationError(
                "Enter at least one detail: a name, date of birth, NHS number or postcode"
            )
        return data


class PersonForm(GovukForm):
    given_name = fields.GovukCharField(
        label="Given name", required=False, max_length=100, spellcheck=False, autocomplete="off"
    )
    middle_names = fields.GovukCharField(
        label="Middle names (optional)",
        required=False,
        max_length=200,
        spellcheck=False,
        autocomplete="off",
    )
    family_name = fields.GovukCharField(
        label="Family name", required=False, max_length=100, spellcheck=False, autocomplete="off"
    )
    kind = fields.GovukRadiosField(
        label="Is this person a child, an unborn child or an adult?",
        choices=PersonKind.choices,
        error_messages={"required": "Select whether this is a child, an unborn child or an adult"},
    )
    date_of_birth = fields.GovukDateField(
        label="Date of birth",
        required=False,
        help_text="For an unborn child, the expected date of birth. For example, 27 3 2012",
    )
    date_of_birth_precision = fields.GovukSelectField(
        label="How exact is the date?", choices=DatePrecision.choices
    )
    sex = fields.GovukRadiosField(
        label="Sex", choices=Sex.choices, error_messages={"required": "Select the person's sex"}
    )
    gender = fields.GovukCharField(
        label="Gender (optional)",
        required=False,
        max_length=100,
        help_text="How the person describes their gender, if they have told you",
    )
    ethnicity = fields.GovukSelectField(
        label="Ethnicity (optional)",
        required=False,
        choices=[("", "Not recorded"), *Ethnicity.choices],
    )
    first_language = fields.GovukCharField(
        label="First language (optional)", required=False, max_length=100
    )
    nhs_number = fields.GovukCharField(
        label="NHS number (optional)",
        required=False,
        classes="govuk-input--width-10",
        inputmode="numeric",
        spellcheck=False,
        help_text="10 digits, like 485 777 3456",
    )
    upn = fields.GovukCharField(
        label="Unique pupil number (optional)",
        required=False,
        classes="govuk-input--width-20",
        spellcheck=False,
        help_text="13 characters, like H801200001001",
    )

    def clean_nhs_number(self) -> str:
        return clean_with(clean_nhs_number, self.cleaned_data["nhs_number"])

    def clean_upn(self) -> str:
        return clean_with(clean_upn, self.cleaned_data["upn"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("given_name") and not data.get("family_name") and not self.errors:
            self.add_error("given_name", "Enter a given name or a family name")
        dob, kind = data.get("date_of_birth"), data.get("kind")
        if dob and kind != PersonKind.UNBORN and dob > timezone.localdate():
            self.add_error("date_of_birth", "Date of birth must be today or in the past")
        if kind == PersonKind.UNBORN:
            data["date_of_birth_precision"] = DatePrecision.EXPECTED
        return data


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NameForm(GovukForm):
    kind = fields.GovukRadiosField(
        label="What kind of name is it?",
        choices=[c for c in NameKind.choices if c[0] != NameKind.PRIMARY],
        error_messages={"required": "Select what kind of name it is"},
    )
    given_name = fields.GovukCharField(label="Given name", required=False, max_length=100)
    middle_names = fields.GovukCharField(
        label="Middle names (optional)", required=False, max_length=200
    )
    family_name = fields.GovukCharField(label="Family name", required=False, max_length=100)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("given_name") and not data.get("family_name") and not self.errors:
            self.add_error("given_name", "Enter a given name or a family name")
        return data


class AddressForm(GovukForm):
    line_1 = fields.GovukCharField(
        label="Address line 1",
        max_length=200,
        autocomplete="off",
        error_messages={"required": "Enter address line 1, typically the building and street"},
    )
    line_2 = fields.GovukCharField(
        label="Address line 2 (optional)", required=False, max_length=200, autocomplete="off"
    )
    town = fields.GovukCharField(
        label="Town or city", required=False, max_length=100, classes="govuk-!-width-two-thirds"
    )
    postcode = fields.GovukCharField(
        label="Postcode",
        classes="govuk-input--width-10",
        spellcheck=False,
        autocomplete="off",
        error_messages={"required": "Enter a postcode"},
    )
    kind = fields.GovukRadiosField(
        label="What kind of address is it?",
        choices=AddressKind.choices,
        error_messages={"required": "Select what kind of address it is"},
    )
    start_date = fields.GovukDateField(
        label="Date they started living here (optional)", required=False, must_be_past=True
    )

    def clean_postcode(self) -> str:
        return clean_with(clean_postcode, self.cleaned_data["postcode"])


class IdentifierForm(GovukForm):
    agency = fields.GovukModelSelectField(
        label="Agency",
        queryset=Agency.objects.filter(is_active=True),
        empty_label="Choose the agency whose system holds it",
        error_messages={"required": "Choose the agency"},
    )
    scheme = fields.GovukCharField(
        label="Kind of identifier",
        max_length=60,
        help_text="For example, LA child ID, PNC number or hospital number",
        error_messages={"required": "Enter the kind of identifier"},
    )
    value = fields.GovukCharField(
        label="Identifier",
        max_length=60,
        spellcheck=False,
        error_messages={"required": "Enter the identifier"},
    )


RELATIONSHIP_CHOICES = [
    ("parent:from", "Their parent"),
    ("parent:to", "Their child"),
    ("step_parent:from", "Their step-parent"),
    ("step_parent:to", "Their step-child"),
    ("carer:from", "Their carer"),
    ("carer:to", "Someone they care for"),
    ("sibling:from", "Their sibling"),
    ("household_member:from", "A member of their household"),
    ("associate:from", "An associate"),
]


class RelationshipForm(GovukForm):
    other = fields.GovukRadiosField(
        label="Who is it?",
        choices=[],
        error_messages={"required": "Select the person", "invalid_choice": "Select the person"},
    )
    kind = fields.GovukRadiosField(
        label="How are they related to this person?",
        choices=RELATIONSHIP_CHOICES,
        error_messages={"required": "Select how they are related"},
    )

    def __init__(self, *args: Any, candidates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = candidates  # type: ignore[attr-defined]

    def clean_other(self) -> uuid.UUID:
        try:
            return uuid.UUID(self.cleaned_data["other"])
        except ValueError:
            raise ValidationError("Select the person") from None


class ReasonForm(GovukForm):
    reason = fields.GovukTextareaField(
        label="Why?",
        min_length=10,
        max_length=2000,
        error_messages={
            "required": "Explain why",
            "min_length": "Explain why in at least 10 characters",
        },
    )


class AccessLogFilterForm(GovukForm):
    user = fields.GovukSelectField(label="User", required=False, choices=[])
    date_from = fields.GovukDateField(label="From", required=False)
    date_to = fields.GovukDateField(label="To", required=False)

    def __init__(self, *args: Any, users: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Anyone"), *((str(pk), label) for pk, label in users)]
        self.fields["user"].choices = choices  # type: ignore[attr-defined]

    def clean_user(self) -> uuid.UUID | None:
        value = self.cleaned_data["user"]
        return uuid.UUID(value) if value else None
