"""Issue 6's benchmark: generating the demo borough's 2017-18 yearly report (figures computed
from the records, HTML, the consistency check, the tagged PDF) and the scorecard, at scale 1
and scale 10 on PostgreSQL, with the ratio between them."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.stats import summary_ms

REPO = Path(__file__).resolve().parent.parent


def measure(url: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.reports_measure"],
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _print(label: str, r: dict) -> None:
    print(
        f"\nYearly report 2017-18, {label} ({r['notifications']:,} MASH notifications in the "
        f"year; {r['content_queries']} queries to build it; HTML {r['html_bytes'] / 1024:.0f} KiB, "
        f"PDF {r['pdf_bytes'] / 1024:.0f} KiB; consistency problems: {r['problems']})"
    )
    print(f"  figures and text from records  {summary_ms(r['content'])}")
    print(f"  HTML                           {summary_ms(r['html'])}")
    print(f"  consistency check              {summary_ms(r['check'])}")
    print(f"  tagged PDF (WeasyPrint)        {summary_ms(r['pdf'])}")
    print(
        f"  scorecard, {r['tiles']} tiles             {summary_ms(r['scorecard'])} "
        f"({r['scorecard_queries']} queries)"
    )


def main(pg1: str, pg10: str) -> None:
    print("\n== Yearly report and scorecard benchmark (issue 6) ==")
    one, ten = measure(pg1), measure(pg10)
    _print("scale 1, PostgreSQL", one)
    _print("scale 10, PostgreSQL", ten)
    for step in ("content", "pdf", "scorecard"):
        ratio = sorted(ten[step])[len(ten[step]) // 2] / sorted(one[step])[len(one[step]) // 2]
        print(f"  {step:<10} p50 scale 10 over scale 1: {ratio:5.2f}x")
