"""Run in a subprocess with DATABASE_URL set: times the yearly report's generation (content,
HTML, consistency check, PDF) and the scorecard, on the demo borough's 2017-18 report, and
counts the queries each makes. Prints one JSON line."""

import json
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from safeguard.core.actors import Actor  # noqa: E402
from safeguard.partners.models import User  # noqa: E402
from safeguard.reports.checks import report_check  # noqa: E402
from safeguard.reports.content import report_content  # noqa: E402
from safeguard.reports.models import Report  # noqa: E402
from safeguard.reports.render import report_html, report_pdf  # noqa: E402
from safeguard.scorecard.periods import Period  # noqa: E402
from safeguard.scorecard.selectors import scorecard_get  # noqa: E402

RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "5"))


def _timed(step, runs=RUNS):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return times, result


def main() -> None:
    report = Report.objects.get(year=2017)
    officer = Actor.for_user(User.objects.get(email__startswith="partnership.officer@"))
    with CaptureQueriesContext(connection) as queries:
        report_content(report)
    content_times, content = _timed(lambda: report_content(report))
    html_times, html = _timed(lambda: report_html(content))
    check_times, problems = _timed(lambda: report_check(content, html))
    pdf_times, pdf = _timed(lambda: report_pdf(content), runs=max(2, RUNS // 2))
    with CaptureQueriesContext(connection) as scorecard_queries:
        tiles = scorecard_get(actor=officer, period=Period(2017))
    scorecard_times, _ = _timed(lambda: scorecard_get(actor=officer, period=Period(2017)))
    print(
        json.dumps(
            {
                "content": content_times,
                "html": html_times,
                "check": check_times,
                "pdf": pdf_times,
                "scorecard": scorecard_times,
                "content_queries": len(queries),
                "scorecard_queries": len(scorecard_queries),
                "tiles": len(tiles),
                "html_bytes": len(html.encode()),
                "pdf_bytes": len(pdf),
                "problems": len(problems),
                "notifications": content_notifications(content),
            }
        )
    )


def content_notifications(content: dict) -> int:
    mash = next(s for s in content["sections"] if s["key"] == "mash")
    table = next(b for b in mash["blocks"] if b["kind"] == "table")
    return table["rows"][-1][1]["value"]


if __name__ == "__main__":
    main()
