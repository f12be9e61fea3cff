"""Run with DATABASE_URL set and the query files bench/matching_index.py wrote: the latency of
matching one record against the people index (person_match: the keys, the candidates' stored
features, the model and the scores), each query another agency's record of a person in the
index, with its errors. Prints one JSON line."""

import csv
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from safeguard.people.matching.features import MatchRecord  # noqa: E402
from safeguard.people.matching.index import person_match  # noqa: E402


def queries(path: Path) -> list[MatchRecord]:
    with path.open(newline="", encoding="utf-8") as f:
        return [
            MatchRecord(
                record_id=row["record_id"],
                given_name=row["given_name"],
                family_name=row["family_name"],
                date_of_birth=dt.date.fromisoformat(row["date_of_birth"])
                if row["date_of_birth"]
                else None,
                sex=row["sex"],
                address=row["address"],
                postcode=row["postcode"],
                nhs_number=row["nhs_number"],
            )
            for row in csv.DictReader(f)
        ]


def main(query_path: Path, expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text())
    records = queries(query_path)
    with CaptureQueriesContext(connection) as statements:  # the connection opened, as in a request
        person_match(record=records[0], scope=Q())
    times, right = [], 0
    for record in records:
        started = time.perf_counter()
        matches = person_match(record=record, scope=Q())
        times.append(time.perf_counter() - started)
        right += bool(matches) and str(matches[0].person_id) == expected[record.record_id]
    print(
        json.dumps(
            {
                "times": times,
                "top_is_right": right / len(records),
                "statements": len(statements),
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
