"""Forms of the MASH's triage, requests, answers and decisions."""

import uuid
from typing import Any

from django import forms
from django.conf import settings

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm, Versioned
from safeguard.mash.models.choices import KnownToService, OnwardReferral, Outcome, Rag, Status
from safeguard.partners.models import Agency


class QueueFilterForm(GovukForm):
    status = fields.GovukSelectField(
        label="Status",
        required=False,
        choices=[("open", "All open"), *Status.choices, ("", "Any status")],
    )
    rag = fields.GovukSelectField(
        label="RAG", required=False, choices=[("", "Any rating"), *Rag.choices]
    )
    agency = fields.GovukSelectField(label="Source agency", required=False, choices=[])
    overdue = fields.GovukCheckboxesField(
        label="Overdue", required=False, choices=[("yes", "Only overdue work")]
    )
    mine = fields.GovukCheckboxesField(
        label="Assigned", required=False, choices=[("yes", "Only work assigned to me")]
    )
    q = fields.GovukCharField(
        label="Find a notification",
        required=False,
        max_length=100,
        help_text="A reference, a child's name, date of birth (for example, 27 3 2012) or NHS "
        "number. Searches every status.",
        spellcheck=False,
        autocomplete="off",
    )

    def __init__(self, *args: Any, agencies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "Any agency"), *agencies]  # type: ignore[attr-defined]


class AssignForm(Versioned):
    worker = fields.GovukSelectField(label="Assign to", required=False, choices=[])

    def __init__(self, *args: Any, workers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [("", "Nobody"), *workers]  # type: ignore[attr-defined]


class LinkChildForm(Versioned):
    """A notified child's record in the people index: a person's id, or "new"."""

    person = fields.GovukCharField(
        label="Person",
        max_length=40,
        error_messages={"required": "Select the person in the people index, or record a new one"},
    )

    def clean_person(self) -> uuid.UUID | str:
        value: str = self.cleaned_data["person"]
        if value == "new":
            return value
        try:
            return uuid.UUID(value)
        except ValueError:
            raise forms.ValidationError(
                "Select the person in the people index, or record a new one"
            ) from None


class RagForm(Versioned):
    rag = fields.GovukRadiosField(
        label="RAG rating",
        choices=Rag.choices,
        classes="govuk-radios--inline",
        error_messages={"required": "Select red, amber or green"},
    )
    rationale = fields.GovukTextareaField(
        label="Why this rating?", error_messages={"required": "Explain the rating"}
    )


class ConsentForm(Versioned):
    consideration = fields.GovukTextareaField(
        label="How has the MASH considered consent and the lawful basis?",
        help_text="Whether consent was sought and why not, whether sharing without it is "
        "justified, and whether the family should be told",
        error_messages={"required": "Record how consent was considered"},
    )


class InformationForm(Versioned):
    needed = fields.GovukYesNoField(
        label="Does the MASH need information from partner agencies?",
        error_messages={"required": "Select yes if the MASH needs information from partners"},
    )
    agencies = fields.GovukCheckboxesField(label="Which agencies?", required=False, choices=[])
    question = fields.GovukTextareaField(
        label="What do you want to know?",
        required=False,
        help_text="Partners see the children's names, dates of birth and addresses, and this "
        "question. They do not see the notification.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].choices = [  # type: ignore[attr-defined]
            (str(a.pk), a.name) for a in Agency.objects.filter(is_active=True)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("needed"):
            if not data.get("agencies"):
                self.add_error("agencies", "Select at least one agency to ask")
            if not data.get("question"):
                self.add_error("question", "Enter what you want to know")
        return data


class WithdrawForm(Versioned):
    reason = fields.GovukTextareaField(
        label="Why are you withdrawing this request?",
        error_messages={"required": "Enter why you are withdrawing the request"},
    )


class DecisionForm(Versioned):
    outcome = fields.GovukRadiosField(
        label="Outcome", choices=Outcome.choices, error_messages={"required": "Select the outcome"}
    )
    onward_referrals = fields.GovukCheckboxesField(
        label="Onward referrals (if any)", required=False, choices=OnwardReferral.choices
    )
    threshold_level = fields.GovukRadiosField(
        label="Level of need",
        choices=[],
        error_messages={"required": "Select the level of need"},
    )
    rationale = fields.GovukTextareaField(
        label="Rationale",
        max_length=settings.MASH_RATIONALE_MAX,
        error_messages={"required": "Explain the decision"},
    )
    next_steps = fields.GovukTextareaField(
        label="What happens next",
        help_text="The referrer sees this with the outcome: what will happen, and by when.",
        max_length=2000,
        error_messages={"required": "Say what happens next, for the referrer"},
    )
    allocated_team = fields.GovukCharField(
        label="Team now responsible (optional)", required=False, max_length=200
    )
    contact = fields.GovukCharField(
        label="Contact for the referrer (optional)",
        required=False,
        max_length=200,
        help_text="A name, phone number or team inbox.",
    )
    lawful_basis_confirmed = fields.GovukCheckboxesField(
        label="Lawful basis",
        choices=[
            ("yes", "I confirm the lawful basis for the sharing recorded in this notification")
        ],
        error_messages={"required": "Confirm the lawful basis for sharing"},
    )

    open_requests_reason = fields.GovukTextareaField(
        label="Why can the decision not wait for the open requests?",
        help_text="Recording the decision closes them unanswered, and their agencies are told.",
        required=False,
        max_length=2000,
    )

    # Which button was pressed: continue to the check, record from it, or go back to change.
    step = forms.ChoiceField(
        choices=[("check", "check"), ("record", "record"), ("change", "change")],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(
        self,
        *args: Any,
        closes_requests: bool = False,
        children: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        levels = [
            (level, f"Level {level}: {text}")
            for level, text in settings.MASH_THRESHOLD_LEVELS.items()
        ]
        self.fields["threshold_level"].choices = levels  # type: ignore[attr-defined]
        if not closes_requests:  # asked only of a red decision with requests still open
            del self.fields["open_requests_reason"]
        if children and len(children) > 1:
            self._add_child_fields(children, levels)

    def _add_child_fields(self, children: list[tuple[int, str]], levels: list[Any]) -> None:
        """Siblings may need different things: an outcome and level for each child that
        differs from the decision's (left as it is, the decision's applies)."""
        same = ("", "The same as above")
        for pk, name in children:
            self.fields[f"outcome_{pk}"] = fields.GovukSelectField(
                label=f"Outcome for {name}",
                required=False,
                choices=[same, *Outcome.choices],
            )
            self.fields[f"level_{pk}"] = fields.GovukSelectField(
                label=f"Level of need for {name}", required=False, choices=[same, *levels]
            )

    def by_child(self) -> dict[int, tuple[str, int]]:
        """{child id: (outcome, level)} for each child given an outcome of their own; a level
        left as it is takes the decision's."""
        data = self.cleaned_data
        return {
            int(name.removeprefix("outcome_")): (
                value,
                int(data.get(f"level_{name.removeprefix('outcome_')}") or data["threshold_level"]),
            )
            for name, value in data.items()
            if name.startswith("outcome_") and value
        }


class DecisionCorrectionForm(DecisionForm):
    """The decision again in full, and why it was wrong. The lawful basis was confirmed when
    it was first recorded."""

    lawful_basis_confirmed = None  # type: ignore[assignment]
    open_requests_reason = None  # type: ignore[assignment]
    reason = fields.GovukTextareaField(
        label="Why is the decision being corrected?",
        help_text="Kept with the earlier decision. The referrer is told the decision was "
        "corrected, not why.",
        max_length=2000,
        error_messages={"required": "Say why the decision is being corrected"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, closes_requests=True, **kwargs)


class RelinkForm(GovukForm):
    """The person a confirmed child link should have been, and why it was wrong."""

    person = fields.GovukCharField(
        label="Person",
        max_length=40,
        error_messages={"required": "Select the person the child is, or record a new one"},
    )
    reason = fields.GovukTextareaField(
        label="Why was the link wrong?",
        help_text="Kept with the correction. Everyone who viewed the other child's record since "
        "the notification came in is told it has moved, not why.",
        max_length=2000,
        error_messages={"required": "Say why the link was wrong"},
    )

    def clean_person(self) -> uuid.UUID | None:
        value: str = self.cleaned_data["person"]
        if value == "new":
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            raise forms.ValidationError(
                "Select the person the child is, or record a new one"
            ) from None


class AddendumForm(GovukForm):
    text = fields.GovukTextareaField(
        label="Addendum", error_messages={"required": "Write the addendum"}
    )


class AnswerForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    known_to_service = fields.GovukRadiosField(
        label="Is the child or family known to your service?",
        choices=KnownToService.choices,
        classes="govuk-radios--inline",
        error_messages={"required": "Select whether the child or family is known to you"},
    )
    current_involvement = fields.GovukYesNoField(
        label="Is your service involved with them now?",
        error_messages={"required": "Select yes if your service is involved now"},
    )
    text = fields.GovukTextareaField(
        label="What you know",
        help_text="Only what is relevant to the MASH's question",
        error_messages={"required": "Enter your answer"},
    )
    attachments = fields.GovukFileField(
        label="Attach documents (optional)",
        required=False,
        help_text="PDF, Word (DOCX), PNG or JPEG, up to 10 MB each",
    )

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any) -> None:
        """Where the request names several children, one question each: a family can be
        known to a service through one child and not another."""
        super().__init__(*args, **kwargs)
        if len(children) < 2:
            return
        del self.fields["known_to_service"]
        fields_now = dict(self.fields)
        self.fields.clear()
        self.fields["version"] = fields_now.pop("version")
        for pk, name in children:
            self.fields[f"known_{pk}"] = fields.GovukRadiosField(
                label=f"Is {name} known to your service?",
                choices=KnownToService.choices,
                classes="govuk-radios--inline",
                error_messages={"required": f"Select whether {name} is known to you"},
            )
        self.fields.update(fields_now)

    def known_by_child(self) -> dict[int, str]:
        """Each child's answer, by the child's id; empty for a request about one child."""
        return {
            int(name.removeprefix("known_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("known_") and name != "known_to_service"
        }


class EscalationForm(GovukForm):
    reason = fields.GovukTextareaField(
        label="Why do you disagree with the decision?",
        help_text="Say what you know that the decision does not reflect. A MASH manager is "
        "named to answer you.",
        max_length=2000,
        error_messages={"required": "Say why you disagree with the decision"},
    )


class EscalationAnswerForm(GovukForm):
    response = fields.GovukTextareaField(
        label="Your answer to the referrer",
        help_text="The referrer sees this. If the decision was wrong, correct it as well.",
        max_length=2000,
        error_messages={"required": "Write the answer to the escalation"},
    )
