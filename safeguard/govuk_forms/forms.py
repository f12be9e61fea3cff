"""Form base classes that build the GOV.UK error summary."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from safeguard.core.errors import DomainError
from safeguard.govuk_forms.fields import GovukField


class GovukFormMixin:
    """Adds `error_summary()`, whose links go to the first input of each invalid field."""

    errors: Any

    def error_summary(self) -> dict[str, Any] | None:
        items: list[dict[str, str]] = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                items.extend({"text": str(error)} for error in errors)
                continue
            bound = self[name]  # type: ignore[index]
            field = bound.field
            target = field.first_input_id(bound) if isinstance(field, GovukField) else bound.auto_id
            items.append({"text": str(errors[0]), "href": f"#{target}"})
        if not items:
            return None
        return {"titleText": "There is a problem", "errorList": items}

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's refusal against the field it concerns, or at the top."""
        field = error.field if error.field in getattr(self, "fields", {}) else None
        self.add_error(field, error.message)  # type: ignore[attr-defined]


def clean_with(cleaner: Callable[[str], str], value: str) -> str:
    """Run an identifier's cleaner (NHS number, postcode...) and report its message as the
    field's error. An empty value stays empty: it was optional."""
    if not value:
        return ""
    try:
        return str(cleaner(value))
    except ValueError as error:
        raise ValidationError(str(error)) from None


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class Versioned(GovukForm):
    """Every change says which version of the record the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class _OneField(forms.Form):
    def __init__(self, data: Any, *, name: str, field: forms.Field) -> None:
        super().__init__(data)
        self.fields[name] = field


def posted_value(data: Any, name: str, field: forms.Field) -> Any:
    """One value from a request, checked by a form field: for the buttons and hidden fields
    that are not part of a page's form. None when it is missing or not valid."""
    form = _OneField(data, name=name, field=field)
    return form.cleaned_data[name] if form.is_valid() else None


def posted_choice(data: Any, name: str, choices: list[str]) -> str | None:
    """One of `choices`, or None."""
    value = posted_value(data, name, forms.ChoiceField(choices=[(c, c) for c in choices]))
    return str(value) if value is not None else None


def posted_int(data: Any, name: str) -> int | None:
    """A whole number of 0 or more, or None."""
    value = posted_value(data, name, forms.IntegerField(min_value=0))
    return int(value) if value is not None else None
