"""Splink 5's interactive speed, for the benchmark beside Safeguard's: the model trained on
the index people as run.py trains it, the names' frequency tables registered, then each query
record matched against the whole index with `linker.inference.predict_between` (Splink's way
to score new records against existing ones), timed one record at a time.

    var/splink/bin/python tools/splink/latency.py INDEX.csv QUERIES.csv EXPECTED.json
"""

import json
import os
import sys
import time
from pathlib import Path

import duckdb
from run import load, trained_linker

# Splink takes a tenth of a second or more a query: the first hundred are enough for p99.
LIMIT = int(os.environ.get("BENCH_MATCH_SPLINK_QUERIES", "100"))


def main(index: str, queries: str, expected_path: str) -> None:
    expected = json.loads(Path(expected_path).read_text())
    con = duckdb.connect()
    load(con, index)
    load(con, queries, table="queries")
    linker, db_api = trained_linker(con)
    for column in ("first_name", "surname"):
        linker.table_management.compute_tf_table(column)
    existing = db_api.register("people")
    ids = [row[0] for row in con.execute("SELECT unique_id FROM queries").fetchall()][:LIMIT]
    times, right = [], 0
    for number, record_id in enumerate(ids):
        one = f"query_{number}"
        # The id comes from the benchmark's own file.
        con.execute(f"CREATE TABLE {one} AS SELECT * FROM queries WHERE unique_id = ?", [record_id])  # noqa: S608
        started = time.perf_counter()
        found = linker.inference.predict_between(existing, db_api.register(one))
        best = con.execute(
            f"SELECT unique_id_l, unique_id_r FROM {found.physical_name} "  # noqa: S608
            "ORDER BY match_probability DESC LIMIT 1"
        ).fetchone()
        times.append(time.perf_counter() - started)
        right += best is not None and expected[record_id] in best
    print(json.dumps({"times": times, "top_is_right": right / len(ids)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
