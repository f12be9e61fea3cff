"""Issue 6's benchmark: generating the demo borough's 2017-18 yearly report (figures computed
from the records, HTML, the consistency check, the tagged PDF) and the scorecard, at scale 1
and scale 10 on PostgreSQL, with the ratio between them."""

from bench.stats import run_measure, summary_ms


def measure(url: str) -> dict:
    return run_measure("bench.reports_measure", url)


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
