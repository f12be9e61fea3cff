"""Issue 3's benchmark: the MASH queue, a notification page and submitting, against the floor."""

from bench.stats import percentile, run_measure, summary_ms

TARGET = 3.0


def report(label: str, url: str) -> None:
    result = run_measure("bench.mash_pages", url)
    times = result["times"]
    floor_p95 = percentile(times["floor"], 95)
    print(f"\nMASH pages, {label} ({result['notifications']:,} notifications)")
    for name in ("floor", "queue", "notification", "submit"):
        ratio = percentile(times[name], 95) / floor_p95
        verdict = (
            ""
            if name == "floor"
            else f"   p95 {ratio:4.1f}x floor"
            + ("" if ratio <= TARGET else f" (over the {TARGET:.0f}x target)")
        )
        print(f"  {name:<13} {summary_ms(times[name])}{verdict}")


def main(pg1: str, pg10: str) -> None:
    print("\n== MASH benchmark (issue 3) ==")
    report("scale 1, PostgreSQL", pg1)
    report("scale 10, PostgreSQL", pg10)
