"""Every field's own checks speak GOV.UK's words, never Django's defaults."""

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm


class Example(GovukForm):
    address = fields.GovukCharField(label="Address (if you know it)", max_length=10, required=False)
    code = fields.GovukCharField(label="Code", min_length=4, required=False)
    name = fields.GovukCharField(label="Family name")
    colour = fields.GovukRadiosField(label="Colour", choices=[("red", "Red")], required=False)
    reason = fields.GovukTextareaField(
        label="Reason", error_messages={"required": "Say why you are sharing it"}
    )


def _errors(data: dict) -> dict[str, list[str]]:
    form = Example(data)
    assert not form.is_valid()
    return {name: list(errors) for name, errors in form.errors.items()}


def test_length_limits_name_the_field_and_the_limit():
    errors = _errors({"address": "x" * 11, "code": "ab", "name": "Ava", "reason": "r"})
    assert errors == {
        "address": ["Address must be 10 characters or less"],
        "code": ["Code must be 4 characters or more"],
    }


def test_a_missing_answer_says_what_to_enter_unless_the_field_says_it_itself():
    errors = _errors({})
    assert errors == {"name": ["Enter family name"], "reason": ["Say why you are sharing it"]}


def test_an_answer_that_was_not_offered_asks_for_one_that_was():
    errors = _errors({"name": "Ava", "reason": "r", "colour": "blue"})
    assert errors == {"colour": ["Select one of the options shown"]}
    assert "Select a valid choice" not in str(errors)


class OwnWords(GovukForm):
    reason = fields.GovukCharField(
        label="Reason", min_length=10, error_messages={"min_length": "Explain why in full"}
    )


def test_a_fields_own_message_is_kept():
    form = OwnWords({"reason": "now"})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Explain why in full"]
