from typing import Any

from django.conf import settings

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm
from safeguard.partners.models import Agency


class BookingForm(GovukForm):
    full_name = fields.GovukCharField(
        label="Full name",
        max_length=200,
        autocomplete="name",
        spellcheck=False,
        error_messages={"required": "Enter your full name"},
    )
    email = fields.GovukEmailField(
        label="Email address",
        help_text="We send your booking and its link here",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    agency = fields.GovukModelSelectField(
        label="Partner agency (if you work for one)",
        required=False,
        queryset=Agency.objects.filter(is_active=True, is_partner=True),
        empty_label="I do not work for a partner agency",
        help_text="Staff of the partnership's agencies train free",
    )
    organisation = fields.GovukCharField(
        label="Organisation (if not a partner agency)",
        required=False,
        max_length=200,
        help_text="For example, a nursery, a sports club or a faith group",
    )
    role = fields.GovukCharField(
        label="Your role",
        max_length=200,
        autocomplete="organization-title",
        error_messages={"required": "Enter your role"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not data.get("agency") and not data.get("organisation"):
            self.add_error("organisation", "Enter your organisation, or choose your agency")
        return data


def _scale(label: str, scale: list[str]) -> fields.GovukRadiosField:
    return fields.GovukRadiosField(
        label=label,
        choices=[(str(i), text) for i, text in enumerate(scale)],
        error_messages={"required": f"Select {label[0].lower() + label[1:].rstrip('?')}"},
    )


class EvaluationForm(GovukForm):
    knowledge = _scale(
        "How would you rate your knowledge of the subject?", settings.TRAINING_KNOWLEDGE_SCALE
    )
    confidence = _scale(
        "How confident are you working with the subject?", settings.TRAINING_CONFIDENCE_SCALE
    )
    feedback = fields.GovukTextareaField(
        label="Anything else you want to tell us (optional)", required=False, max_length=2000
    )
