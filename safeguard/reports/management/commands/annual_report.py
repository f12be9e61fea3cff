from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.reports.checks import report_check
from safeguard.reports.content import report_content
from safeguard.reports.models import Report
from safeguard.reports.render import report_html, report_pdf
from safeguard.returns.codelists.years import parse_collection_year


class Command(BaseCommand):
    help = (
        "Write the yearly report for a year from the current records, as HTML or as a tagged "
        "PDF, and run its consistency check. Exits with 1 if the check fails (the file is still "
        "written, for review)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", required=True, help="the report's year, like 2017-18")
        parser.add_argument("--format", choices=["html", "pdf"], default="html")
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = parse_collection_year(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        report = Report.objects.filter(year=year).first()
        if report is None:
            raise CommandError(f"No report has been opened for {options['year']}")
        self.stderr.write("Computing the figures from the records…")
        content = report_content(report)
        html = report_html(content, standalone=True)
        out = Path(options["out"])
        if options["format"] == "pdf":
            self.stderr.write("Laying out the PDF…")
            out.write_bytes(report_pdf(content))
        else:
            out.write_text(html, encoding="utf-8")
        self.stdout.write(f"Wrote {out}")
        problems = report_check(content, html)
        if problems:
            for problem in problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(f"The consistency check failed: {len(problems)} problem(s)")
        self.stdout.write("Consistency check: passed")
