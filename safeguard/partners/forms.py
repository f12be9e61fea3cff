from typing import Any

from django import forms

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm
from safeguard.partners.models import Agency, AgencyKind, Team
from safeguard.partners.roles import Role


class SignInForm(GovukForm):
    email = fields.GovukEmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    password = fields.GovukPasswordField(
        label="Password", error_messages={"required": "Enter your password"}
    )
    # Shown while an account's attempts are slowed down: the password and code together.
    code = fields.GovukCharField(
        label="Code from your authenticator app",
        help_text="For example, 123456",
        classes="govuk-input--width-5",
        autocomplete="one-time-code",
        inputmode="numeric",
        spellcheck=False,
        max_length=8,
        required=False,
    )


class CodeForm(GovukForm):
    code = fields.GovukCharField(
        label="Code from your authenticator app",
        help_text="For example, 123456",
        classes="govuk-input--width-5",
        autocomplete="one-time-code",
        inputmode="numeric",
        spellcheck=False,
        max_length=8,
        error_messages={"required": "Enter the 6-digit code shown in your authenticator app"},
    )


class SetupCodeForm(GovukForm):
    setup_code = fields.GovukCharField(
        label="Set-up code",
        help_text="Your administrator gives you this code by phone or in person, never by "
        "email. For example, K7MQ2-XR4TP",
        classes="govuk-input--width-10",
        autocomplete="off",
        spellcheck=False,
        max_length=20,
        error_messages={"required": "Enter the set-up code your administrator gave you"},
    )


class ActivateForm(GovukForm):
    password = fields.GovukPasswordField(
        label="Create a password",
        help_text="At least 12 characters. A few unrelated words make a strong password.",
        autocomplete="new-password",
        error_messages={"required": "Enter a password"},
    )
    password_again = fields.GovukPasswordField(
        label="Confirm your password",
        autocomplete="new-password",
        error_messages={"required": "Enter your password again"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("password_again") != data["password"]:
            self.add_error("password_again", "The passwords do not match")
        return data


class AgencyForm(GovukForm):
    name = fields.GovukCharField(
        label="Name", max_length=200, error_messages={"required": "Enter the agency's name"}
    )
    kind = fields.GovukSelectField(
        label="Kind of agency",
        choices=[("", "Choose a kind"), *AgencyKind.choices],
        error_messages={"required": "Choose the kind of agency"},
    )
    is_statutory_partner = fields.GovukYesNoField(
        label="Is it a statutory safeguarding partner?",
        help_text="The local authority, the integrated care board and the police",
        error_messages={"required": "Select yes if it is a statutory safeguarding partner"},
    )
    contributes_funding = fields.GovukYesNoField(
        label="Does it contribute to the partnership's funding?",
        error_messages={"required": "Select yes if it contributes funding"},
    )
    email_domains = fields.GovukCharField(
        label="Email domains of its staff (optional)",
        help_text="Separated by spaces, like met.police.uk. Someone who books training with an "
        "address at one of these, and names this agency, trains free.",
        required=False,
        max_length=500,
        spellcheck=False,
    )

    def clean_email_domains(self) -> str:
        domains = str(self.cleaned_data["email_domains"]).lower().replace(",", " ").split()
        for domain in domains:
            if "." not in domain.lstrip("@") or " " in domain:
                raise forms.ValidationError(f"Enter domains like met.police.uk, not {domain}")
        return " ".join(d.lstrip("@") for d in domains)


class AgencyEditForm(AgencyForm):
    is_active = fields.GovukYesNoField(
        label="Is the agency active?",
        help_text="Staff of an inactive agency cannot sign in, and its API keys stop working",
        error_messages={"required": "Select yes if the agency is active"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TeamForm(GovukForm):
    name = fields.GovukCharField(
        label="Team name", max_length=200, error_messages={"required": "Enter the team's name"}
    )


class UserForm(GovukForm):
    full_name = fields.GovukCharField(
        label="Full name",
        max_length=200,
        autocomplete="off",
        spellcheck=False,
        error_messages={"required": "Enter the user's full name"},
    )
    email = fields.GovukEmailField(
        label="Email address",
        help_text="Their work email: the activation link goes here",
        autocomplete="off",
    )
    agency = fields.GovukModelSelectField(
        label="Agency",
        queryset=Agency.objects.filter(is_active=True),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the user's agency"},
    )
    team = fields.GovukModelSelectField(
        label="Team (optional)",
        queryset=Team.objects.select_related("agency").order_by("agency__name", "name"),
        required=False,
        empty_label="No team",
    )
    roles = fields.GovukCheckboxesField(
        label="Roles",
        choices=Role.choices,
        help_text="Select all that apply",
        error_messages={"required": "Select at least one role"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].label_from_instance = lambda t: f"{t.agency.name}: {t.name}"


class UserEditForm(UserForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["email"]


class UserSearchForm(GovukForm):
    q = fields.GovukCharField(label="Name or email address", required=False, max_length=200)


class AccountChangeDecisionForm(GovukForm):
    decision = fields.GovukRadiosField(
        label="Do you approve this change?",
        choices=[("approve", "Yes, approve it"), ("refuse", "No, refuse it")],
        error_messages={"required": "Select whether you approve the change"},
    )
    note = fields.GovukTextareaField(
        label="If you refuse it, say why",
        required=False,
        max_length=2000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", "Say why the change is refused")
        return data
