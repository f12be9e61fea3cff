"""The report's HTML and tagged PDF: a table of contents whose links resolve, metadata, and a
published version that regenerates byte for byte."""

import re
import subprocess
import zlib

from safeguard.reports.checks import report_check
from safeguard.reports.render import report_html, report_pdf
from safeguard.reports.services import report_publish
from safeguard.reports.tests.test_services import _publishable


def test_a_published_report_regenerates_identically_as_html_and_pdf(officer, report):
    _publishable(officer, report)
    publication = report_publish(actor=officer, report=report)
    publication.refresh_from_db()  # as read back from the database
    html = report_html(publication.content, created=publication.published_at)
    assert html == report_html(publication.content, created=publication.published_at)
    pdf = report_pdf(publication.content, created=publication.published_at)
    assert pdf == report_pdf(publication.content, created=publication.published_at)
    assert report_check(publication.content, html) == []


def test_the_pdf_is_tagged_with_its_title_author_and_language(officer, report, tmp_path):
    _publishable(officer, report)
    publication = report_publish(actor=officer, report=report)
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(publication.content))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    fields = dict(
        (k.strip(), v.strip())
        for k, _, v in (line.partition(":") for line in info.stdout.splitlines())
    )
    assert fields["Tagged"] == "yes"
    assert fields["Title"] == report.title
    assert fields["Author"] == publication.content["partnership"]
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True)
    assert 'pdfuaid:part="1"' in meta.stdout  # declares PDF/UA-1
    assert b"/Lang (en-GB)" in _objects(path.read_bytes())


def _objects(pdf: bytes) -> bytes:
    """The PDF's objects, with its compressed streams (the catalogue is in one) inflated."""
    found = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(found)


def test_the_contents_link_to_every_section(officer, report):
    _publishable(officer, report)
    content = report_publish(actor=officer, report=report).content
    html = report_html(content)
    for section in content["sections"]:
        assert f'href="#section-{section["key"]}"' in html
        assert f'id="section-{section["key"]}"' in html
