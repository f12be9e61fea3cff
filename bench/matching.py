"""Issue 7's accuracy and batch benchmark: Safeguard's matcher and Splink 5 (DuckDB, its
standard configuration for people) side by side, on generated labelled records of 10k and
100k with several error mixes. The matcher's parameters were tuned on seed 1; these sets use
seed 7. Precision, recall and F1 at the fixed match band (0.95), recall at precision 0.999,
throughput and peak memory. Then interactive speed: one record matched against 100k and 1M
generated people on PostgreSQL (each query another agency's record of someone in the index),
Safeguard's person_match beside Splink's predict_between on the same index and queries."""

import contextlib
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "var" / "bench-matching"
SPLINK = REPO / "var" / "splink" / "bin" / "python"
SIZES = [int(s) for s in os.environ.get("BENCH_MATCH_SIZES", "10000,100000").split(",")]
MIXES = os.environ.get("BENCH_MATCH_MIXES", "clean,typical,messy").split(",")
BAND = 0.95
LATENCY_SIZES = [
    int(s) for s in os.environ.get("BENCH_MATCH_LATENCY_SIZES", "100000,1000000").split(",") if s
]


def _write(people: int, mix: str) -> tuple[Path, dict[str, int]]:
    """About `people` persons' records (more records than people: copies from agencies)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
    import django

    django.setup()
    from safeguard.people.testing.generator import labelled_records

    data = labelled_records(people=people, seed=7, mix=mix)
    path = OUT / f"{mix}-{people}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["record_id", "given_name", "family_name", "date_of_birth", "sex",
                         "address", "postcode", "nhs_number"])  # fmt: skip
        for item in data:
            r = item.record
            born = r.date_of_birth.isoformat() if r.date_of_birth else ""
            writer.writerow([r.record_id, r.given_name, r.family_name, born, r.sex, r.address,
                             r.postcode, r.nhs_number])  # fmt: skip
    return path, {item.record.record_id: item.cluster for item in data}


def _run(command: list[str]) -> dict:
    out = subprocess.run(command, check=True, cwd=REPO, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _tree(pid: int) -> list[int]:
    """A process and all its descendants, from each process's parent in /proc/*/stat."""
    children: dict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children[int(fields[1])].append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _pss_kib(pid: int) -> int:
    """The process's proportional set size: shared pages divided among their sharers, so
    that a process tree's sum is the memory it really holds."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def _run_measured(command: list[str]) -> dict:
    """`_run`, and the peak of the summed PSS of the command's process tree, sampled every
    100 ms (so that reading it costs the engines little): the same measure whether an engine
    works in threads or forks processes, where adding up each process's peak RSS would count
    shared pages twice."""
    with (
        tempfile.TemporaryFile("w+") as errors,
        subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.PIPE, stderr=errors, text=True
        ) as process,
    ):
        peak = 0
        while process.poll() is None:
            peak = max(peak, sum(map(_pss_kib, _tree(process.pid))))
            time.sleep(0.1)
        out = process.stdout.read() if process.stdout else ""
        if process.returncode:
            errors.seek(0)
            raise subprocess.CalledProcessError(process.returncode, command, out, errors.read())
    return {**json.loads(out.strip().splitlines()[-1]), "peak_pss_kib": peak}


def _metrics(pairs_path: Path, cluster: dict[str, int]) -> dict[str, float]:
    sizes = defaultdict(int)
    for c in cluster.values():
        sizes[c] += 1
    true = sum(n * (n - 1) // 2 for n in sizes.values())
    with pairs_path.open(newline="") as f:
        rows = [(float(r["probability"]), cluster[r["left_id"]] == cluster[r["right_id"]])
                for r in csv.DictReader(f)]  # fmt: skip
    rows.sort(key=lambda r: -r[0])
    banded = [ok for p, ok in rows if p >= BAND]
    right = sum(banded)
    precision = right / len(banded) if banded else 1.0
    recall = right / true if true else 1.0
    best, hits = 0.0, 0
    for n, (_, ok) in enumerate(rows, 1):
        hits += ok
        if hits / n >= 0.999:
            best = max(best, hits / true)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "recall_at_999": best,
            "true_pairs": true}  # fmt: skip


def main() -> None:
    print("\n== Person matching: Safeguard and Splink 5 side by side (issue 7) ==")
    OUT.mkdir(parents=True, exist_ok=True)
    for people in SIZES:
        for mix in MIXES:
            source, cluster = _write(people, mix)
            print(f"\n{mix} errors, {len(cluster):,} records of {people:,} people")
            for name, command in (
                ("Safeguard", [sys.executable, "-m", "bench.matching_ours"]),
                ("Splink 5", [str(SPLINK), "tools/splink/run.py"]),
            ):
                target = OUT / f"{mix}-{people}-{name.split()[0].lower()}.csv"
                run = _run_measured([*command, str(source), str(target)])
                m = _metrics(target, cluster)
                print(
                    f"  {name:<9} precision {m['precision']:.4f}  recall {m['recall']:.4f}  "
                    f"F1 {m['f1']:.4f}  recall at precision 0.999 {m['recall_at_999']:.4f}  "
                    f"{run['seconds']:6.1f} s ({len(cluster) / run['seconds']:,.0f} records/s, "
                    f"{run['comparisons'] / run['seconds']:,.0f} comparisons/s)  "
                    f"peak {run['peak_pss_kib'] / 1024:,.0f} MiB"
                )


def _index_db(people: int) -> str:
    """A database of its own per size, loaded once and kept (BENCH_FRESH=1 reloads it)."""
    from bench.foundation import _fresh_pg, _pg_url, _psql

    name = f"safeguard_bench_match_{people}"
    exists = _psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    url = _pg_url(name) if exists and os.environ.get("BENCH_FRESH") != "1" else _fresh_pg(name)
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([str(REPO / ".venv" / "bin" / "safeguard"), "migrate", "-v0"],
                   check=True, cwd=REPO, env=env)  # fmt: skip
    subprocess.run([sys.executable, "-m", "bench.matching_index", str(people), str(OUT)],
                   check=True, cwd=REPO, env=env)  # fmt: skip
    return url


def latency() -> None:
    """Interactive speed at each size: p50, p95 and p99, and how often the right person comes
    first, for both engines on one index and one set of queries."""
    from bench.stats import percentile

    for people in LATENCY_SIZES:
        url = _index_db(people)
        files = [str(OUT / f"queries-{people}.csv"), str(OUT / f"expected-{people}.json")]
        ours = _run_env([sys.executable, "-m", "bench.matching_latency", *files], url)
        splink = _run([str(SPLINK), "tools/splink/latency.py",
                       str(OUT / f"index-{people}.csv"), *files])  # fmt: skip
        counts = f"{len(ours['times'])} and {len(splink['times'])} queries"
        print(f"\nMatching one record against {people:,} people (PostgreSQL for Safeguard, "
              f"DuckDB for Splink), {counts}:")  # fmt: skip
        for name, result in (("Safeguard", ours), ("Splink 5", splink)):
            ms = [t * 1000 for t in result["times"]]
            print(f"  {name:<9} p50 {percentile(ms, 50):7.1f} ms  p95 {percentile(ms, 95):7.1f} ms"
                  f"  p99 {percentile(ms, 99):7.1f} ms  right person first "
                  f"{result['top_is_right']:.1%}")  # fmt: skip
        ratio = percentile(splink["times"], 95) / percentile(ours["times"], 95)
        print(f"  Safeguard's p95 is {ratio:.1f}x faster; {ours['statements']} SQL statements "
              "a match")  # fmt: skip


def _run_env(command: list[str], url: str) -> dict:
    out = subprocess.run(command, check=True, cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "DATABASE_URL": url}).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
    latency()
