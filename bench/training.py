"""Issue 4's benchmark: the section 9.3 table and the impact measures over 10 years, at scale
1 and scale 10."""

from pathlib import Path

from bench.foundation import _fresh_pg
from bench.stats import percentile, run_measure, summary_ms

REPO = Path(__file__).resolve().parent.parent


def report(label: str, url: str, scale: int) -> None:
    result = run_measure("bench.training_reports", url, scale)
    counts = result["counts"]
    print(
        f"\nTraining reports, {label}: {counts['bookings']:,} bookings, "
        f"{counts['evaluations']:,} ratings, {counts['completions']:,} e-learning completions "
        f"(loaded in {result['load']:.1f} s)"
    )
    ten, one = result["ten_years"], result["one_year"]
    print(f"  table 9.3 + impact, 10 years  {summary_ms(ten)}")
    print(f"  table 9.3 + impact, 1 year    {summary_ms(one)}")
    print(f"  p50 10 years over 1 year: {percentile(ten, 50) / percentile(one, 50):.1f}x")


def main() -> None:
    print("\n== Training benchmark (issue 4) ==")
    for scale in (1, 10):
        report(f"scale {scale}, PostgreSQL", _fresh_pg("safeguard_bench_training"), scale)
        sqlite_path = REPO / "var" / "bench-training.sqlite3"
        sqlite_path.unlink(missing_ok=True)
        report(f"scale {scale}, SQLite", f"sqlite:///{sqlite_path}", scale)
