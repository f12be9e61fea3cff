"""The lean field macros write exactly what GOV.UK Frontend's own macros write."""

import itertools
import re

import pytest
from django.template import engines

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm


def _render(source: str, params: dict) -> str:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    markup = env.from_string(source).render(params=params)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", markup)).strip()


def _theirs_and_ours(component: str, macro: str, params: dict) -> tuple[str, str]:
    """GOV.UK Frontend's `macro` from `component`, and our `<macro>Markup`, on `params`."""
    theirs = _render(
        f'{{% from "govuk_frontend_jinja/components/{component}/macro.html" import {macro} %}}'
        f"{{{{ {macro}(params) }}}}",
        params,
    )
    ours = _render(
        f'{{% from "govuk_forms/markup.jinja" import {macro}Markup %}}'
        f"{{{{ {macro}Markup(params) }}}}",
        params,
    )
    return theirs, ours


def _select_params(hint: bool, error: bool, heading: bool, classes: str) -> dict:
    return {
        "id": "id_agency",
        "name": "agency",
        "label": {"text": "Source <agency>", "classes": classes, "isPageHeading": heading},
        "hint": {"text": "Who sent it & when"} if hint else None,
        "errorMessage": {"text": "Select an <agency>"} if error else None,
        "classes": classes,
        "items": [
            {"value": "", "text": "Any agency", "selected": False},
            {"value": "a&b", "text": "Police & <Fire>", "selected": True},
        ],
    }


@pytest.mark.parametrize(
    ("hint", "error", "heading", "classes"),
    itertools.product([False, True], [False, True], [False, True], ["", "govuk-!-width-full"]),
)
def test_a_select_is_written_as_govuk_select_writes_it(hint, error, heading, classes):
    params = _select_params(hint, error, heading, classes)
    theirs, ours = _theirs_and_ours("select", "govukSelect", params)
    assert ours == theirs
    assert "Police &amp; &lt;Fire&gt;" in ours and "<Fire>" not in ours


def _checkboxes_params(hint: bool, error: bool, heading: bool, item_hint: bool) -> dict:
    return {
        "idPrefix": "id_concerns",
        "name": "concerns",
        "classes": "govuk-checkboxes--small",
        "fieldset": {
            "legend": {
                "text": "What are you <worried> about?",
                "classes": "govuk-fieldset__legend--s",
                "isPageHeading": heading,
            }
        },
        "hint": {"text": "Select all that apply & more"} if hint else None,
        "errorMessage": {"text": "Select a <concern>"} if error else None,
        "items": [
            {"value": "neglect", "text": "Neglect", "checked": True, "hint": None},
            {
                "value": "a&b",
                "text": "Abuse & <harm>",
                "checked": False,
                "hint": {"text": "Physical, emotional & <sexual>"} if item_hint else None,
            },
            {"value": "other", "text": "Other", "checked": True, "hint": None},
        ],
    }


@pytest.mark.parametrize(
    ("hint", "error", "heading", "item_hint"),
    itertools.product([False, True], repeat=4),
)
def test_checkboxes_are_written_as_govuk_checkboxes_writes_them(hint, error, heading, item_hint):
    params = _checkboxes_params(hint, error, heading, item_hint)
    theirs, ours = _theirs_and_ours("checkboxes", "govukCheckboxes", params)
    assert ours == theirs
    assert 'id="id_concerns-3"' in ours and "Abuse &amp; &lt;harm&gt;" in ours


@pytest.mark.parametrize(
    ("hint", "error", "value", "extras"),
    itertools.product(
        [False, True],
        [False, True],
        ["", "Ava <Patel> & co", 0, None],
        [
            {},
            {"classes": "govuk-input--width-10", "type": "email", "spellcheck": False},
            {"autocomplete": "off", "inputmode": "numeric", "spellcheck": True},
        ],
    ),
)
def test_an_input_is_written_as_govuk_input_writes_it(hint, error, value, extras):
    params = {
        "id": "id_q",
        "name": "q",
        "type": "text",
        "value": value,
        "label": {"text": "Find a <notification>", "classes": None, "isPageHeading": False},
        "hint": {"text": "A reference & more"} if hint else None,
        "errorMessage": {"text": "Enter <fewer> letters"} if error else None,
        "classes": None,
        "autocomplete": None,
        "inputmode": None,
        "spellcheck": None,
    } | extras
    theirs, ours = _theirs_and_ours("input", "govukInput", params)
    assert ours == theirs


class _Form(GovukForm):
    colour = fields.GovukSelectField(
        label="Colour", choices=[("", "Choose"), ("red", "Red")], help_text="Any"
    )


def test_a_select_field_with_an_error_names_its_hint_and_error_for_screen_readers():
    form = _Form({"colour": "blue"})
    assert not form.is_valid()
    markup = str(form["colour"].as_field_group())
    assert 'aria-describedby="id_colour-hint id_colour-error"' in markup
    assert "govuk-select--error" in markup and "govuk-form-group--error" in markup
