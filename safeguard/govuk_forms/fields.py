"""Django form fields that render GOV.UK Frontend components through Jinja templates.

Render a field with `{{ form.name.as_field_group() }}`. Each field knows the id of its first
input, which is where the error summary must link.
"""

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.forms.boundfield import BoundField


class GovukField:
    """Presentation options shared by every GOV.UK field."""

    govuk_template: str = ""

    def __init__(
        self,
        *args: Any,
        classes: str = "",
        label_classes: str = "",
        is_page_heading: bool = False,
        autocomplete: str | None = None,
        inputmode: str | None = None,
        spellcheck: bool | None = None,
        **kwargs: Any,
    ) -> None:
        self.classes = classes
        self.label_classes = label_classes
        self.is_page_heading = is_page_heading
        self.autocomplete = autocomplete
        self.inputmode = inputmode
        self.spellcheck = spellcheck
        # Django's Field.__init__ sets template_name on the instance, so it is passed here.
        kwargs.setdefault("template_name", self.govuk_template)
        super().__init__(*args, **kwargs)

    def first_input_id(self, bound_field: BoundField) -> str:
        return bound_field.auto_id

    def clean(self, value: Any) -> Any:
        """Django's checks, in GOV.UK's words: 'Address must be 300 characters or less', not
        'Ensure this value has at most 300 characters (it has 301)'."""
        try:
            return super().clean(value)  # type: ignore[misc]
        except ValidationError as error:
            raise ValidationError([self._govuk(e) for e in error.error_list]) from None

    def _govuk(self, error: ValidationError) -> ValidationError:
        name = _field_name(str(self.label or "")) or "This"  # type: ignore[attr-defined]
        limit = (error.params or {}).get("limit_value")
        choosing = isinstance(self, forms.ChoiceField | forms.MultipleChoiceField)
        # Only Django's own words are replaced: a field's error_messages say it better.
        default = {
            "max_length": MaxLengthValidator.message,
            "min_length": MinLengthValidator.message,
            "invalid_choice": forms.ChoiceField.default_error_messages["invalid_choice"],
        }
        if error.code in default and error.message != default[error.code]:
            return error
        if error.code == "max_length":
            return ValidationError(
                f"{name} must be {limit:,} characters or less", code="max_length"
            )
        if error.code == "min_length":
            return ValidationError(
                f"{name} must be {limit:,} characters or more", code="min_length"
            )
        if error.code == "invalid_choice":
            return ValidationError("Select one of the options shown", code="invalid_choice")
        if (
            error.code == "required"
            and error.message == forms.Field.default_error_messages["required"]
        ):
            verb = "Select" if choosing else "Enter"
            return ValidationError(f"{verb} {name[0].lower() + name[1:]}", code="required")
        return error


def _field_name(label: str) -> str:
    """A label as the subject of an error: 'NHS number (if you know it)' is 'NHS number'."""
    return re.sub(r"\s*\(.*\)\s*$", "", label).rstrip("?").strip()


class GovukCharField(GovukField, forms.CharField):
    govuk_template = "govuk_forms/input.jinja"
    input_type = "text"


class GovukEmailField(GovukField, forms.EmailField):
    govuk_template = "govuk_forms/input.jinja"
    input_type = "email"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("autocomplete", "email")
        kwargs.setdefault("spellcheck", False)
        super().__init__(*args, **kwargs)


class GovukPasswordField(GovukField, forms.CharField):
    govuk_template = "govuk_forms/password.jinja"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("strip", False)
        kwargs.setdefault("autocomplete", "current-password")
        super().__init__(*args, **kwargs)


class GovukTextareaField(GovukField, forms.CharField):
    govuk_template = "govuk_forms/textarea.jinja"


class GovukRadiosField(GovukField, forms.ChoiceField):
    """A choice shown as radios. The first radio's id is the field's id."""

    govuk_template = "govuk_forms/radios.jinja"

    def __init__(self, *args: Any, item_hints: dict[str, str] | None = None, **kwargs: Any):
        self.item_hints = item_hints or {}
        super().__init__(*args, **kwargs)


class GovukYesNoField(GovukRadiosField):
    """A required yes or no question, cleaned to a bool."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("classes", "govuk-radios--inline")
        super().__init__(*args, choices=[("yes", "Yes"), ("no", "No")], **kwargs)

    def clean(self, value: Any) -> bool:
        return super().clean(value) == "yes"

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


class GovukSelectField(GovukField, forms.ChoiceField):
    govuk_template = "govuk_forms/select.jinja"


class GovukModelSelectField(GovukField, forms.ModelChoiceField):
    govuk_template = "govuk_forms/select.jinja"


class GovukCheckboxesField(GovukField, forms.MultipleChoiceField):
    govuk_template = "govuk_forms/checkboxes.jinja"

    def __init__(self, *args: Any, item_hints: dict[str, str] | None = None, **kwargs: Any):
        self.item_hints = item_hints or {}
        super().__init__(*args, **kwargs)


_DATE_PARTS = ("day", "month", "year")


class DateInputWidget(forms.Widget):
    """Reads `<name>-day`, `<name>-month` and `<name>-year`, as the GOV.UK date input names them."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {part: (data.get(f"{name}-{part}") or "").strip() for part in _DATE_PARTS}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in _DATE_PARTS)


class GovukDateField(GovukField, forms.Field):
    """A date as three inputs, with the GOV.UK error messages."""

    govuk_template = "govuk_forms/date.jinja"
    widget = DateInputWidget

    def __init__(
        self,
        *args: Any,
        must_be_past: bool = False,
        must_be_future: bool = False,
        **kwargs: Any,
    ) -> None:
        self.must_be_past = must_be_past
        self.must_be_future = must_be_future
        super().__init__(*args, **kwargs)

    @property
    def subject(self) -> str:
        return str(self.label or "Date")

    def prepare_value(self, value: Any) -> dict[str, str]:
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, dict):
            return value
        return dict.fromkeys(_DATE_PARTS, "")

    def to_python(self, value: Any) -> dt.date | None:
        parts = self.prepare_value(value)
        if not any(parts.values()):
            return None
        missing = [p for p in _DATE_PARTS if not parts[p]]
        if missing:
            raise ValidationError(
                f"{self.subject} must include a {' and a '.join(missing)}", code="incomplete"
            )
        try:
            day, month, year = (int(parts[p]) for p in _DATE_PARTS)
            if year < 1000:
                raise ValueError
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from None

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        today = dt.date.today()  # noqa: DTZ011 - a calendar date in the service's zone
        if value and self.must_be_past and value > today:
            raise ValidationError(f"{self.subject} must be today or in the past", code="past")
        if value and self.must_be_future and value < today:
            raise ValidationError(f"{self.subject} must be today or in the future", code="future")

    def parts_in_error(self, bound_field: BoundField) -> list[str]:
        if not bound_field.errors:
            return []
        parts = self.prepare_value(bound_field.value())
        missing = [p for p in _DATE_PARTS if not parts[p]]
        return missing if missing and len(missing) < 3 else list(_DATE_PARTS)

    def first_input_id(self, bound_field: BoundField) -> str:
        in_error = self.parts_in_error(bound_field) or ["day"]
        return f"{bound_field.auto_id}-{in_error[0]}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class GovukFileField(GovukField, forms.FileField):
    """One or more files; cleans to a list (empty when none were chosen)."""

    govuk_template = "govuk_forms/file.jinja"
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [forms.FileField.clean(self, f, initial) for f in files]
