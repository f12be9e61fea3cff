"""Run with DATABASE_URL set (a database of its own, migrated): loads PEOPLE generated people
into the people index (one record each, from the labelled generator on seed 7), builds the
match index and estimates the model, as `safeguard match-index` does; then writes the index
people and the queries (another agency's record of 300 of them, with its errors) as CSV for
Splink. Reuses a database already loaded with as many people. Prints one JSON line."""

import csv
import datetime as dt
import json
import os
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
django.setup()

from tqdm import tqdm  # noqa: E402

from safeguard.core.bulk import TableWriter  # noqa: E402
from safeguard.partners.models import Agency  # noqa: E402
from safeguard.people.identifiers import clean_nhs_number, clean_postcode  # noqa: E402
from safeguard.people.matching.features import MatchRecord, cleaned  # noqa: E402
from safeguard.people.matching.index import match_index_rebuild, matcher_train  # noqa: E402
from safeguard.people.models import Address, Person, PersonAddress, PersonName  # noqa: E402
from safeguard.people.names import name_fields  # noqa: E402
from safeguard.people.testing.generator import MIXES, PeopleGenerator  # noqa: E402

QUERIES = 300
COLUMNS = (
    "record_id",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "address",
    "postcode",
    "nhs_number",
)


def person_id(cluster: int) -> uuid.UUID:
    """The same id for the same generated person, however often the index is loaded."""
    return uuid.UUID(int=cluster + 1)


def _rows(
    cluster: int, record: MatchRecord, agency: Agency, seen_nhs: set[str]
) -> dict[str, list[dict]]:
    now = dt.datetime.now(dt.UTC)
    person, address_id = person_id(cluster), uuid.uuid4()
    nhs = cleaned(clean_nhs_number, record.nhs_number) or None
    if nhs in seen_nhs:
        nhs = None  # the index holds each NHS number once
    seen_nhs.add(nhs or "")
    rows: dict[str, list[dict]] = {"people": [], "names": [], "addresses": [], "stays": []}
    rows["people"].append(
        {
            "id": person,
            "created_at": now,
            "updated_at": now,
            "recorded_by_agency_id": agency.pk,
            "date_of_birth": record.date_of_birth,
            "sex": record.sex or "U",
            "nhs_number": nhs,
        }
    )
    rows["names"].append(
        {
            "person_id": person,
            "kind": "primary",
            "given_name": record.given_name,
            "family_name": record.family_name,
            **name_fields(record.given_name, record.family_name),
        }
    )
    postcode = cleaned(clean_postcode, record.postcode)
    if postcode:
        rows["addresses"].append(
            {
                "id": address_id,
                "created_at": now,
                "updated_at": now,
                "line_1": record.address[:200],
                "postcode": postcode,
            }
        )
        rows["stays"].append(
            {
                "person_id": person,
                "address_id": address_id,
                "kind": "home",
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


def _write_csv(path: Path, records: list[MatchRecord]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for r in records:
            born = r.date_of_birth.isoformat() if r.date_of_birth else ""
            writer.writerow(
                [
                    r.record_id,
                    r.given_name,
                    r.family_name,
                    born,
                    r.sex,
                    r.address,
                    r.postcode,
                    r.nhs_number,
                ]
            )


def main(people: int, out: Path) -> None:
    started = time.perf_counter()
    first: dict[int, MatchRecord] = {}
    later: dict[int, MatchRecord] = {}
    for item in PeopleGenerator(seed=7, mix=MIXES["typical"]).records(people):
        if item.cluster not in first:
            first[item.cluster] = item.record
        elif item.cluster not in later:
            later[item.cluster] = item.record
    loaded = Person.objects.count() == len(first)
    if not loaded:
        agency, _ = Agency.objects.get_or_create(
            name="Bench agency", defaults={"kind": "voluntary_sector"}
        )
        writers = {
            "people": TableWriter(Person),
            "names": TableWriter(PersonName),
            "addresses": TableWriter(Address),
            "stays": TableWriter(PersonAddress),
        }
        seen: set[str] = set()
        batch: dict[str, list[dict]] = {k: [] for k in writers}
        for cluster, record in tqdm(first.items(), desc="Index people", unit=" people"):
            for table, rows in _rows(cluster, record, agency, seen).items():
                batch[table] += rows
            if len(batch["people"]) >= 5000:
                for table in writers:
                    writers[table].write(batch[table])
                batch = {k: [] for k in writers}
        for table in writers:
            writers[table].write(batch[table])
        match_index_rebuild(progress=True)
        matcher_train()
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(
        out / f"index-{people}.csv",
        [replace(r, record_id=str(person_id(c))) for c, r in first.items()],
    )
    chosen = sorted(later)[:: max(1, len(later) // QUERIES)][:QUERIES]
    _write_csv(out / f"queries-{people}.csv", [later[c] for c in chosen])
    expected = {later[c].record_id: str(person_id(c)) for c in chosen}
    (out / f"expected-{people}.json").write_text(json.dumps(expected))
    print(
        json.dumps(
            {
                "people": len(first),
                "loaded_now": not loaded,
                "seconds": time.perf_counter() - started,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
