"""Issue 5's benchmark: importing an SSDA903 set against the DfE's validator on the same files,
and the indicators over five years of the demo borough's returns, at scale 1 and scale 10."""

from pathlib import Path

from bench.foundation import _fresh_pg
from bench.stats import run_measure, summary_ms

REPO = Path(__file__).resolve().parent.parent


def report(label: str, url: str, scale: int) -> None:
    result = run_measure("bench.returns_measure", url, scale)
    counts = result["counts"]
    print(
        f"\nSSDA903 returns, {label}: 3 years, {counts['rows']:,} rows in all "
        f"({counts['children']:,} child rows, {counts['episodes']:,} episodes)"
    )
    for name, seconds in zip(("2015-16", "2016-17", "2017-18"), result["imports"], strict=True):
        print(f"  import {name}                 {seconds * 1000:8.1f} ms")
    print(f"  re-import unchanged, 3 years   {sum(result['again']) * 1000:8.1f} ms")
    ours, theirs = sum(result["imports"]), sum(result["validator"])
    print(
        f"  csc-validator-be-903, 3 years  {theirs * 1000:8.1f} ms "
        f"({sum(result['validator_wall']) * 1000:.1f} ms with its start-up; "
        f"errors by rule: {result['validator_errors'] or 'none'})"
    )
    print(
        f"  import over validator          {ours / theirs:8.2f}x "
        f"(target 2x or less{'' if ours / theirs <= 2 else ': over'})"
    )
    print(f"  every indicator, 3 years       {summary_ms(result['indicators'])}")


def five_years(url: str, scale: int) -> None:
    result = run_measure("bench.returns_years", url)
    print(
        f"\nEvery indicator for 5 years, scale {scale} demo borough, PostgreSQL "
        f"({result['children']:,} child rows, {result['episodes']:,} care episodes, "
        f"{result['referrals']:,} referrals in 5 years of returns)"
    )
    print(f"  {len(result['codes'])} indicators x 5 years      {summary_ms(result['times'])}")


def main(pg1: str, pg10: str) -> None:
    print("\n== Statutory returns benchmark (issue 5) ==")
    for scale in (1, 10):
        report(f"scale {scale}, PostgreSQL", _fresh_pg("safeguard_bench_returns"), scale)
        sqlite_path = REPO / "var" / "bench-returns.sqlite3"
        sqlite_path.unlink(missing_ok=True)
        report(f"scale {scale}, SQLite", f"sqlite:///{sqlite_path}", scale)
    five_years(pg1, 1)
    five_years(pg10, 10)
