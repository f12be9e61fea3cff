import statistics


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"p50 {percentile(ms, 50):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms   "
        f"mean {statistics.fmean(ms):7.1f} ms   n={len(ms)}"
    )


def run_measure(module: str, url: str, scale: int | None = None) -> dict:
    """Runs `python -m module` against the database at `url` and reads its last line as JSON:
    each measure runs in its own process, with its own settings and a cold cache. `scale`, if
    given, is the size of the data the measure makes for itself (BENCH_SCALE)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    out = subprocess.run(
        [sys.executable, "-m", module],
        env={**os.environ, "DATABASE_URL": url}
        | ({"BENCH_SCALE": str(scale)} if scale is not None else {}),
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])
