"""Issue 3's benchmark: the MASH queue, a notification page and submitting, against the floor."""

from bench.stats import percentile, run_measure, summary_ms

TARGET = 3.0


PAGES = ("queue", "notification", "submit", "home")


def report(label: str, url: str) -> dict[str, float]:
    """Prints each page's times and its p95 over the floor's; returns those ratios."""
    result = run_measure("bench.mash_pages", url)
    times = result["times"]
    floor_p95 = percentile(times["floor"], 95)
    print(f"\nMASH pages, {label} ({result['notifications']:,} notifications)")
    for name in ("floor", *PAGES):
        ratio = percentile(times[name], 95) / floor_p95
        verdict = (
            ""
            if name == "floor"
            else f"   p95 {ratio:4.1f}x floor"
            + ("" if ratio <= TARGET else f" (over the {TARGET:.0f}x target)")
        )
        print(f"  {name:<13} {summary_ms(times[name])}{verdict}")
    return {name: percentile(times[name], 95) / floor_p95 for name in PAGES}


def alone(url: str, scale: int) -> None:
    """`python -m bench mash`: the pages at one scale, then a line each, NAME p95 N.Nx floor."""
    ratios = report(f"scale {scale}, PostgreSQL", url)
    print()
    for name, ratio in ratios.items():
        print(f"{name} p95 {ratio:.1f}x floor")


def main(pg1: str, pg10: str) -> None:
    print("\n== MASH benchmark (issue 3) ==")
    report("scale 1, PostgreSQL", pg1)
    report("scale 10, PostgreSQL", pg10)
