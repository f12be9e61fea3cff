"""Issue 3's benchmark: the MASH queue, a notification page and submitting, against the floor."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.stats import percentile, summary_ms

REPO = Path(__file__).resolve().parent.parent
TARGET = 3.0


def _measure(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, "-m", "bench.mash_pages"],
        env=env,
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(label: str, url: str) -> None:
    result = _measure(url)
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
