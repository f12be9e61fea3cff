"""The lean table macro writes exactly what GOV.UK Frontend's govukTable writes."""

import re

from django.template import engines
from django.utils.html import format_html

from safeguard.core.presenters import Table, html_cell, text_cell

BOTH = (
    '{% from "govuk_frontend_jinja/components/table/macro.html" import govukTable %}'
    '{% from "core/table.jinja" import govukTableMarkup %}'
    "{{ govukTable(params) }}@@{{ govukTableMarkup(params) }}"
)


def _both(params: dict) -> tuple[str, str]:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    theirs, ours = env.from_string(BOTH).render(params=params).split("@@")

    def normal(markup: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", markup)).strip()

    return normal(theirs), normal(ours)


def test_a_table_of_text_html_and_numbers_is_written_as_govuk_table_writes_it():
    table = Table(
        caption="3 notifications, soonest due first",
        head=["Reference", "Children", "Count"],
        rows=[
            [
                html_cell(format_html('<a class="govuk-link" href="{}">{}</a>', "/n/1/", "M-1")),
                text_cell("Ava <Patel> & co"),
                text_cell("1,200") | {"format": "numeric"},
            ],
            [text_cell(""), text_cell("Ben"), text_cell("7") | {"format": "numeric"}],
        ],
        numeric=(2,),
    )
    theirs, ours = _both(table.params)
    assert ours == theirs
    assert "Ava &lt;Patel&gt; &amp; co" in ours


def test_a_hidden_caption_and_no_rows_are_written_the_same():
    theirs, ours = _both(Table(caption="Timeline", head=["When"], rows=[], caption_size="").params)
    assert ours == theirs
    assert 'class="govuk-table__caption govuk-visually-hidden"' in ours


def test_html_that_was_not_marked_safe_is_escaped_not_trusted():
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    template = env.from_string(
        '{% from "core/table.jinja" import govukTableMarkup %}{{ govukTableMarkup(params) }}'
    )
    markup = template.render(params={"rows": [[{"html": "<script>x</script>"}]]})
    assert "<script>" not in markup
