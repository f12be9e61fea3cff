import datetime as dt
import re

import pytest

from safeguard.govuk_forms import fields
from safeguard.govuk_forms.forms import GovukForm


class ExampleForm(GovukForm):
    name = fields.GovukCharField(
        label="Name", help_text="Your full name", error_messages={"required": "Enter your name"}
    )
    notes = fields.GovukTextareaField(label="Notes", required=False)
    colour = fields.GovukRadiosField(
        label="Colour",
        choices=[("red", "Red"), ("blue", "Blue")],
        error_messages={"required": "Select a colour"},
    )
    kinds = fields.GovukCheckboxesField(
        label="Kinds",
        choices=[("a", "A"), ("b", "B")],
        error_messages={"required": "Select at least one kind"},
    )
    size = fields.GovukSelectField(
        label="Size",
        choices=[("", "Choose"), ("s", "Small")],
        error_messages={"required": "Choose a size"},
    )
    born = fields.GovukDateField(
        label="Date of birth",
        must_be_past=True,
        error_messages={"required": "Enter your date of birth"},
    )


def _html(bound_field) -> str:
    return str(bound_field.as_field_group())


class TestRendering:
    def test_text_field_renders_a_govuk_input_with_label_and_hint(self):
        html = _html(ExampleForm()["name"])
        assert 'class="govuk-input' in html
        assert '<label class="govuk-label" for="id_name">' in html
        assert "Your full name" in html

    def test_textarea_renders_govuk_textarea(self):
        assert 'class="govuk-textarea' in _html(ExampleForm()["notes"])

    def test_radios_render_with_the_first_radio_taking_the_field_id(self):
        html = _html(ExampleForm(initial={"colour": "blue"})["colour"])
        assert 'id="id_colour" name="colour" type="radio" value="red"' in html
        assert 'id="id_colour-2" name="colour" type="radio" value="blue" checked' in html

    def test_checkboxes_render_checked_values(self):
        html = _html(ExampleForm(data={"kinds": ["b"]})["kinds"])
        assert 'class="govuk-checkboxes__input" id="id_kinds"' in html
        assert 'value="b" checked' in html

    def test_select_renders_govuk_select(self):
        assert 'class="govuk-select' in _html(ExampleForm()["size"])

    def test_date_renders_three_inputs_named_day_month_year(self):
        html = _html(ExampleForm(initial={"born": dt.date(2012, 3, 27)})["born"])
        for part, value in (("day", "27"), ("month", "3"), ("year", "2012")):
            assert f'id="id_born-{part}" name="born-{part}"' in html
            assert f'value="{value}"' in html

    def test_what_the_user_typed_is_kept_after_an_error(self):
        form = ExampleForm(
            data={"name": "Jo", "born-day": "31", "born-month": "2", "born-year": "2010"}
        )
        assert not form.is_valid()
        assert 'value="Jo"' in _html(form["name"])
        assert 'value="31"' in _html(form["born"])


class TestDateField:
    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({}, "Enter your date of birth"),
            ({"born-day": "3", "born-year": "2010"}, "Date of birth must include a month"),
            ({"born-day": "3"}, "Date of birth must include a month and a year"),
            (
                {"born-day": "31", "born-month": "2", "born-year": "2010"},
                "Date of birth must be a real date",
            ),
            (
                {"born-day": "x", "born-month": "2", "born-year": "2010"},
                "Date of birth must be a real date",
            ),
            (
                {"born-day": "1", "born-month": "1", "born-year": "3000"},
                "Date of birth must be today or in the past",
            ),
        ],
    )
    def test_gives_the_govuk_message(self, data, message):
        form = ExampleForm(data=data)
        form.is_valid()
        assert form.errors["born"] == [message]

    def test_cleans_to_a_date(self):
        form = ExampleForm(data={"born-day": "27", "born-month": "03", "born-year": "2012"})
        form.is_valid()
        assert form.cleaned_data["born"] == dt.date(2012, 3, 27)

    def test_marks_only_the_missing_parts_in_error(self):
        form = ExampleForm(data={"born-day": "3", "born-year": "2010"})
        form.is_valid()
        inputs = {
            tag.split('id="')[1].split('"')[0]: tag
            for tag in re.findall(r"<input[^>]*>", _html(form["born"]))
        }
        assert "govuk-input--error" in inputs["id_born-month"]
        assert "govuk-input--error" not in inputs["id_born-day"]
        assert "govuk-input--error" not in inputs["id_born-year"]


class TestErrorSummary:
    def test_links_to_the_first_input_of_each_invalid_field(self):
        form = ExampleForm(data={"born-day": "3", "born-year": "2010"})
        assert not form.is_valid()
        links = {item["text"]: item["href"] for item in form.error_summary()["errorList"]}
        assert links == {
            "Enter your name": "#id_name",
            "Select a colour": "#id_colour",
            "Select at least one kind": "#id_kinds",
            "Choose a size": "#id_size",
            "Date of birth must include a month": "#id_born-month",
        }

    def test_a_valid_form_has_no_summary(self):
        form = ExampleForm(
            data={
                "name": "Jo",
                "colour": "red",
                "kinds": ["a"],
                "size": "s",
                "born-day": "1",
                "born-month": "1",
                "born-year": "2001",
            }
        )
        assert form.is_valid(), form.errors
        assert form.error_summary() is None

    def test_every_summary_link_has_a_matching_input_id(self):
        form = ExampleForm(data={})
        form.is_valid()
        html = "".join(_html(form[name]) for name in form.fields)
        for item in form.error_summary()["errorList"]:
            assert f'id="{item["href"][1:]}"' in html
