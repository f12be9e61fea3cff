"""`safeguard annual-report` writes the year's report from the current records."""

import pytest
from django.core.management import CommandError, call_command

from safeguard.reports.tests.test_services import _publishable


def test_it_writes_html_and_pdf_and_passes_the_check(officer, report, tmp_path, capsys):
    _publishable(officer, report)
    call_command("annual_report", year="2018-19", format="html", out=str(tmp_path / "r.html"))
    call_command("annual_report", year="2018-19", format="pdf", out=str(tmp_path / "r.pdf"))
    assert "Consistency check: passed" in capsys.readouterr().out
    html = (tmp_path / "r.html").read_text()
    assert "<style>" in html and report.title in html  # one file, its stylesheet inside
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_a_failing_check_is_listed_and_exits_non_zero(report, tmp_path, capsys):
    with pytest.raises(CommandError, match="consistency check failed"):
        call_command("annual_report", year="2018-19", out=str(tmp_path / "r.html"))
    assert "The section Foreword is empty" in capsys.readouterr().err
    assert (tmp_path / "r.html").exists()  # written for review all the same


def test_a_year_without_a_report_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="No report has been opened for 2016-17"):
        call_command("annual_report", year="2016-17", out=str(tmp_path / "r.html"))
