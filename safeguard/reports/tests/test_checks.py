"""The consistency check finds what hand-made reports get wrong."""

from safeguard.reports import blocks as b
from safeguard.reports.checks import report_check


def _content(blocks, body="<p>Text.</p>", year=2017, missing=()):
    return {
        "year": year,
        "year_label": f"{year}-{(year + 1) % 100:02d}",
        "sections": [{"title": "Training", "body_html": body, "blocks": blocks, "key": "t"}],
        "acronyms_missing": list(missing),
    }


def _html(body="", ids=("section-t",)):
    anchors = "".join(f'<span id="{i}"></span>' for i in ids)
    return f"{anchors}{body}"


def _training(direct_attendees=907, percent="78%"):
    rows = [
        [b.text_cell("Course A"), b.number_cell(500), b.number_cell(600), b.percent_cell(500, 600)],
        [b.text_cell("Course B"), b.number_cell(407), b.number_cell(567), b.percent_cell(407, 567)],
        [b.text_cell("Subtotal"), b.number_cell(direct_attendees), b.number_cell(1167),
         {"text": percent, "value": None}],
    ]  # fmt: skip
    return b.table(
        "Training, 2017-18",
        ["Course", "Attendees", "Places", "%"],
        rows,
        totals=[{"row": 2, "of": [0, 1], "columns": [1, 2]}],
        percents=[{"rows": [0, 1, 2], "column": 3, "numerator": 1, "denominator": 2}],
        period="2017-18",
    )


def test_a_consistent_report_passes():
    assert report_check(_content([_training()]), _html()) == []


def test_a_subtotal_that_is_not_the_sum_of_its_rows_fails():
    (problem,) = report_check(_content([_training(direct_attendees=770, percent="66%")]), _html())
    assert "Subtotal in column Attendees is 770, but its rows add up to 907" in problem


def test_a_percentage_that_is_not_its_numerator_over_its_denominator_fails():
    (problem,) = report_check(_content([_training(percent="99%")]), _html())
    assert "shows 99%, but 907 of 1167 is 78%" in problem


def test_last_years_label_fails():
    table = _training()
    table["period"] = "2016-17"
    assert report_check(_content([table]), _html()) == [
        "Training: figures for 2016-17, not the report's year"
    ]
    problems = report_check(_content([]), _html("<p>Our plans for 2014-15.</p>"))
    assert "The period 2014-15 is not the report's year or next to it" in problems
    spans = report_check(_content([]), _html("<p>Our priorities for 2018-20, and 2018/19.</p>"))
    assert [p for p in spans if "period" in p] == []


def test_placeholders_dead_links_and_unlisted_acronyms_fail():
    html = _html('<p>Error! Bookmark not defined. TBC</p><a href="#nowhere">x</a>'
                 '<a href="javascript:alert(1)">y</a>')  # fmt: skip
    problems = report_check(_content([_training()], missing=["CSE"]), html)
    assert "The link to #nowhere goes nowhere in the report" in problems
    assert "The link javascript:alert(1) is not a web or email address" in problems
    assert "The report still holds the placeholder 'Error! Bookmark'" in problems
    assert "The report still holds the placeholder 'TBC'" in problems
    assert "CSE is used but is not in the glossary's list of acronyms" in problems


def test_an_empty_section_fails():
    assert report_check(_content([], body=""), _html()) == ["The section Training is empty"]
