"""The small markup: headings, lists, emphasis and links, with anything else escaped or
refused with a message."""

import re
from html import unescape

import pytest

from safeguard.reports.markup import markup_html, markup_problems, markup_text


def test_headings_lists_emphasis_and_links_are_made():
    html = markup_html(
        "## Our work\nWe **trained** *everyone*.\n\n- one\n- two\n\n1. first\n2. second\n\n"
        "See [our site](https://example.org/a?b=1&c=2).",
        heading_level=3,
    )
    html = html.replace("\n", "")
    assert "<h3>Our work</h3>" in html
    assert "<strong>trained</strong> <em>everyone</em>" in html
    assert "<ul><li>one</li><li>two</li></ul>" in html
    assert "<ol><li>first</li><li>second</li></ol>" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2">our site</a>' in html


def test_scripts_and_event_handlers_are_refused_and_never_rendered():
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)">'
    assert markup_problems(hostile)[0].startswith("HTML is not allowed")
    html = markup_html(hostile)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_links_to_anything_but_the_web_or_email_are_refused():
    (problem,) = markup_problems("[click](javascript:alert(1))")
    assert "links must start with https://" in problem
    assert "<a " not in markup_html("[click](javascript:alert(1))")
    assert markup_problems("[mail](mailto:lead@example.org) [web](https://x.org)") == []


def test_a_line_break_keeps_the_words_apart_for_the_checks():
    assert markup_text("the LSCP\nboard and\nCAMHS") == "the LSCP board and CAMHS"


def test_the_words_alone_are_kept_for_the_checks():
    assert markup_text("## CSE **work** with [CAMHS](https://x.org)") == "CSE work with CAMHS"


@pytest.mark.parametrize(
    "target",
    [
        "https://example.org/files/report_2018_final_v2.pdf",
        "https://example.org/a*b*c",
        "https://example.org/search?q=_x_&r=*y*",
    ],
)
def test_emphasis_marks_inside_a_link_target_leave_the_link_whole(target):
    html = markup_html(f"See [the report]({target}).")
    href = re.search(r'<a href="([^"]*)"', html).group(1)
    assert unescape(href) == target
    assert "<em>" not in html


def test_only_the_allowed_elements_come_out_whatever_the_input():
    hostile = (
        "![an image](https://x.org/a.png) `code` \n\n> quote\n\n"
        '[x](https://x.org "title" onclick="alert(1)")\n\n<details>open</details>'
    )
    html = markup_html(hostile)
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", html))
    assert tags <= {"h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "a"}
    assert not re.search(r"<[^>]*onclick", html)  # words, escaped; never an attribute
