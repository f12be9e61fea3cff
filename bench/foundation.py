"""Issue 2's benchmark: demo-data load time, and person-search latency at scale 1 and 10.

Each database is made afresh under a bench name, so the figures do not depend on what the
development database holds. Scale 10 is loaded once and kept (`safeguard_bench_s10`) unless
BENCH_FRESH=1, because loading it takes minutes.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/safeguard")
SAFEGUARD = [sys.executable, "-m", "safeguard"]


def _pg_url(name: str) -> str:
    parsed = urlparse(PG_URL)
    return parsed._replace(path=f"/{name}").geturl()


def _psql(sql: str) -> str:
    parsed = urlparse(PG_URL)
    cmd = [
        "psql",
        "-h",
        parsed.hostname or "127.0.0.1",
        "-p",
        str(parsed.port or 5432),
        "-U",
        parsed.username or "postgres",
        "-d",
        "postgres",
        "-tAc",
        sql,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()


def _fresh_pg(name: str) -> str:
    _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _psql(f'CREATE DATABASE "{name}"')
    return _pg_url(name)


def _run(args: list[str], url: str) -> float:
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    subprocess.run(SAFEGUARD + args, env=env, check=True, cwd=REPO)
    return time.perf_counter() - started


def _load(url: str, scale: float) -> float:
    _run(["migrate", "--noinput", "--verbosity", "0"], url)
    return _run(["demo-data", "--scale", str(scale)], url)


def _search_latency(url: str, label: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, "-m", "bench.search_latency"],
        env=env,
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["label"] = label
    return result


def _all(result: dict) -> list[float]:
    return [t for times in result["selector"].values() for t in times]


def _print_search(result: dict) -> None:
    from bench.stats import summary_ms

    print(f"\nPerson search, {result['label']} ({result['people']:,} people)")
    for kind, values in result["selector"].items():
        found = result["found_pct"][kind]
        print(f"  selector {kind:<22} {summary_ms(values)}   target found {found:5.1f}%")
    print(f"  selector {'all queries':<22} {summary_ms(_all(result))}")
    print(f"  search page (HTTP)             {summary_ms(result['page'])}")


LOAD_RUNS = int(os.environ.get("BENCH_LOAD_RUNS", "3"))
# Renamed whenever the demo borough gains records, so an older kept database is not reused.
PG10_NAME = "safeguard_bench_s10_matching"  # renamed when the demo gains data


def _load_times() -> tuple[list[float], list[float], str]:
    """demo-data at scale 1, LOAD_RUNS times into a fresh database of each kind."""
    sqlite_times, pg_times = [], []
    sqlite_path = REPO / "var" / "bench.sqlite3"
    pg1 = ""
    for _ in range(LOAD_RUNS):
        sqlite_path.unlink(missing_ok=True)
        sqlite_times.append(_load(f"sqlite:///{sqlite_path}", 1))
        pg1 = _fresh_pg("safeguard_bench_s1")
        pg_times.append(_load(pg1, 1))
    return sqlite_times, pg_times, pg1


def main() -> tuple[str, str]:
    """Loads the bench databases, prints issue 2's figures, and returns the two databases."""
    from bench.stats import percentile

    print("== Foundation benchmark (issue 2) ==")
    sqlite_times, pg_times, pg1 = _load_times()
    print(f"\ndemo-data --scale 1 (80,000 children), {LOAD_RUNS} runs each:")
    for name, times in (("SQLite", sqlite_times), ("PostgreSQL", pg_times)):
        print(
            f"  {name:<11} p50 {percentile(times, 50):6.1f} s   p95 {percentile(times, 95):6.1f} s"
        )

    pg10_name = PG10_NAME
    exists = _psql(f"SELECT 1 FROM pg_database WHERE datname = '{pg10_name}'") == "1"
    pg10 = _pg_url(pg10_name)
    if os.environ.get("BENCH_FRESH") == "1" or not exists:
        _fresh_pg(pg10_name)
        seconds = _load(pg10, 10)
        print(f"demo-data --scale 10: PostgreSQL {seconds:.1f} s")
    else:
        print(f"demo-data --scale 10: reusing {pg10_name} (BENCH_FRESH=1 reloads it)")

    scale1 = _search_latency(pg1, "scale 1, PostgreSQL")
    scale10 = _search_latency(pg10, "scale 10, PostgreSQL")
    for result in (scale1, scale10):
        _print_search(result)
    ratio = percentile(_all(scale10), 95) / percentile(_all(scale1), 95)
    print(f"\np95 search latency, scale 10 over scale 1: {ratio:.2f}x")
    return pg1, pg10


def bench_database(scale: int) -> str:
    """The kept bench database of this scale, loaded first if it is not there (scale 1 takes
    about two minutes, scale 10 about half an hour)."""
    name = "safeguard_bench_s1" if scale == 1 else PG10_NAME
    if _psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") != "1":
        print(f"Loading the scale-{scale} demo borough into {name} first", flush=True)
        _fresh_pg(name)
        _load(_pg_url(name), scale)
    else:  # kept from an earlier run: brought up to this code's schema first
        _run(["migrate", "--noinput", "--verbosity", "0"], _pg_url(name))
    return _pg_url(name)
