"""Run with DATABASE_URL set: the latency of matching one record against the people index
(person_match: the keys, the candidates and their scores), for records made from people in the
index with one error each. Prints one JSON line."""

import json
import os
import random
import time
from dataclasses import replace

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
django.setup()

from django.db.models import Q  # noqa: E402

from safeguard.people.matching.index import person_match, person_records  # noqa: E402
from safeguard.people.models import Person  # noqa: E402

QUERIES = int(os.environ.get("BENCH_MATCH_QUERIES", "300"))


def main() -> None:
    rng = random.Random(7)
    people = Person.objects.filter(merged_into__isnull=True)
    total = people.count()
    ids = list(people.order_by("?").values_list("pk", flat=True)[:QUERIES])
    queries = []
    for person_id, records in person_records(ids).items():
        record = records[0]
        change = rng.choice(("none", "typo", "nhs", "dob"))
        if change == "typo" and len(record.family_name) > 3:
            name = record.family_name
            record = replace(record, family_name=name[:2] + name[3] + name[2] + name[4:])
        elif change == "nhs":
            record = replace(record, nhs_number="")
        elif change == "dob" and record.date_of_birth and record.date_of_birth.day <= 12:
            born = record.date_of_birth
            record = replace(record, date_of_birth=born.replace(day=born.month, month=born.day))
        queries.append((person_id, record))
    times, found = [], 0
    for person_id, record in queries:
        started = time.perf_counter()
        matches = person_match(record=record, scope=Q())
        times.append(time.perf_counter() - started)
        found += bool(matches) and matches[0].person_id == person_id
    print(json.dumps({"people": total, "times": times, "top_is_right": found / len(queries)}))


if __name__ == "__main__":
    main()
