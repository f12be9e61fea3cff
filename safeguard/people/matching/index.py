"""The matcher on the people index: blocking keys kept in the database, the model estimated
from the index itself, and one record matched against everyone in a few queries, whatever the
number of app processes (nothing is held in memory between requests)."""

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from tqdm import tqdm

from safeguard.core.bulk import TableWriter
from safeguard.people.matching.batch import BLOCK_CAP, Linker
from safeguard.people.matching.blocking import blocking_keys, sparse_keys
from safeguard.people.matching.comparisons import compare
from safeguard.people.matching.estimate import cold_model, term_frequencies
from safeguard.people.matching.features import (
    Features,
    MatchRecord,
    features_from_json,
    features_json,
    prepare,
)
from safeguard.people.matching.model import MatchModel, Scored
from safeguard.people.models import (
    MatchCommonKey,
    MatchKey,
    MatchParameters,
    MatchProfile,
    MatchTermFrequency,
    Person,
    PersonAddress,
    PersonName,
)

LOOKUP_INDEX = "match_key_person"  # MatchKey's index by key: the matcher's lookup
CANDIDATE_LIMIT = 60  # people scored for one query: those sharing the most keys
TRAINING_SAMPLE = 60_000


def person_records(person_ids: Sequence[UUID]) -> dict[UUID, list[MatchRecord]]:
    """For each person (merged ones left out), one record a name they are known by (one with
    no name if they have none), at their current address: plain values, three queries."""
    people = Person.objects.filter(pk__in=person_ids, merged_into__isnull=True).values_list(
        "pk", "date_of_birth", "sex", "nhs_number", "upn"
    )
    names: dict[UUID, list[tuple[str, str]]] = {}
    for person_id, given, family in (
        PersonName.objects.filter(person_id__in=person_ids)
        .order_by("person_id", "id")
        .values_list("person_id", "given_name", "family_name")
    ):
        names.setdefault(person_id, []).append((given, family))
    homes: dict[UUID, tuple[str, str]] = {}
    for person_id, line_1, line_2, postcode in (
        PersonAddress.objects.filter(person_id__in=person_ids, end_date__isnull=True)
        .order_by("person_id", "id")
        .values_list("person_id", "address__line_1", "address__line_2", "address__postcode")
    ):
        homes[person_id] = (f"{line_1} {line_2}".strip(), postcode)  # the latest
    return {
        pk: [
            MatchRecord(
                record_id=str(pk),
                given_name=given,
                family_name=family,
                date_of_birth=born,
                sex=sex,
                address=homes.get(pk, ("", ""))[0],
                postcode=homes.get(pk, ("", ""))[1],
                nhs_number=nhs or "",
                upn=upn or "",
            )
            for given, family in names.get(pk) or [("", "")]  # a return names no one
        ]
        for pk, born, sex, nhs, upn in people
    }


def match_keys_refresh(*, person_ids: Sequence[UUID]) -> int:
    """Rewrites the people's keys and features, as part of the change that made them stale."""
    keys, profiles = [], []
    for person_id, records in person_records(person_ids).items():
        features = [prepare(r) for r in records]
        found = {k for f in features for k in blocking_keys(f) | sparse_keys(f)}
        keys += [{"person_id": person_id, "key": key} for key in sorted(found)]
        profiles.append({"person_id": person_id, "features": [features_json(f) for f in features]})
    with transaction.atomic():
        MatchKey.objects.filter(person_id__in=person_ids).delete()
        MatchProfile.objects.filter(person_id__in=person_ids).delete()
        # Straight into the tables: a rebuild writes millions of keys, and model instances
        # would cost more than the keys.
        TableWriter(MatchKey).write(keys)
        TableWriter(MatchProfile).write(profiles)
    return len(keys)


def _chunks(values: Sequence[Any], size: int = 5000) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@contextmanager
def _lookup_index_made_after(first_build: bool) -> Iterator[None]:
    """A first build (no keys yet) writes millions of keys: the lookup index is then made once
    from them all at the end, not kept up to date key by key (at ten times the borough it
    outgrew PostgreSQL's buffers, and each key written waited on the disk). Meanwhile a match
    finds its keys by scanning; none is wrong."""
    if not first_build:
        yield
        return
    index = next(i for i in MatchKey._meta.indexes if i.name == LOOKUP_INDEX)
    # The schema editor only writes the statement: entered, it refuses SQLite in a transaction.
    create = str(index.create_sql(MatchKey, connection.schema_editor()))

    def make() -> None:
        # PostgreSQL makes no index on a table with checks of its foreign keys still pending
        # (they wait for the commit, and a demo load is one transaction): done now.
        if connection.vendor == "postgresql":
            connection.check_constraints(table_names=[MatchKey._meta.db_table])
        with connection.cursor() as cursor:
            cursor.execute(create)

    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(LOOKUP_INDEX)}")
    try:
        yield
    except BaseException:
        if not connection.in_atomic_block:  # else the transaction's rollback undoes the drop
            make()
        raise
    make()


def match_index_rebuild(*, progress: bool = False, batch: int = 5000) -> int:
    """Every person's keys and features, a batch at a time, each batch its own transaction
    (as a change to one person is), so that people can be recorded and changed meanwhile.
    People go in order, so that the index of each person's keys grows at its end."""
    ids = list(
        Person.objects.filter(merged_into__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    bar = tqdm(total=len(ids), unit=" people", disable=not progress, desc="Match keys")
    written = 0
    # The keys of people merged since the last rebuild go first.
    MatchKey.objects.exclude(person__merged_into__isnull=True).delete()
    MatchProfile.objects.exclude(person__merged_into__isnull=True).delete()
    with _lookup_index_made_after(not MatchKey.objects.exists()):
        for chunk in _chunks(ids, batch):
            written += match_keys_refresh(person_ids=chunk)
            bar.update(len(chunk))
    bar.close()
    with connection.cursor() as cursor:
        # Fresh statistics: planned from a table it thinks empty, the keys' lookup scans it.
        for model in (MatchKey, MatchProfile):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    match_common_keys_count()
    return written


def match_common_keys_count() -> int:
    """Counts the keys too common to block on (more people than BLOCK_CAP share them)."""
    common = (
        MatchKey.objects.values("key")
        .annotate(people=Count("id"))
        .filter(people__gt=BLOCK_CAP)
        .values_list("key", "people")
    )
    rows = [MatchCommonKey(key=key, people=people) for key, people in common]
    with transaction.atomic():
        MatchCommonKey.objects.all().delete()
        MatchCommonKey.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def matcher_train(*, sample: int = TRAINING_SAMPLE) -> MatchParameters:
    """Estimates the model on a sample of the index (no labels), with the names' frequencies
    over the whole index."""
    everyone = Person.objects.filter(merged_into__isnull=True)
    ids = list(everyone.order_by("?").values_list("pk", flat=True)[:sample])
    stored = MatchProfile.objects.filter(person_id__in=ids).values_list("person_id", "features")
    sample_features = [features_from_json(str(pk), f) for pk, found in stored for f in found]
    model = Linker.of_features(sample_features).train()
    frequencies = term_frequencies(
        features_from_json("", f)
        for stored in MatchProfile.objects.values_list("features", flat=True).iterator(5000)
        for f in stored
    )
    with transaction.atomic():
        MatchTermFrequency.objects.all().delete()
        MatchTermFrequency.objects.bulk_create(
            (
                MatchTermFrequency(field=field, value=value[:100], frequency=share)
                for field, values in frequencies.items()
                for value, share in values.items()
            ),
            batch_size=5000,
        )
        return MatchParameters.objects.create(
            estimated_at=timezone.now(), records=len(sample_features), parameters=model.to_json()
        )


@dataclass(frozen=True)
class PersonMatch:
    person_id: UUID
    scored: Scored


def matcher_model(names: dict[str, set[str]] | None = None) -> MatchModel:
    """The model as last estimated (or the cold-start one), with the frequencies of `names`
    (field -> values), or of every name when none are given."""
    stored = MatchParameters.objects.values_list("parameters", flat=True).first()
    if stored is None:
        return cold_model(people=MatchProfile.objects.count())
    frequencies = MatchTermFrequency.objects.all()
    if names is not None:
        wanted = Q(pk__in=[])
        for field, values in names.items():
            wanted |= Q(field=field, value__in=values)
        frequencies = frequencies.filter(wanted)
    tf: dict[str, dict[str, float]] = {}
    for field, value, share in frequencies.values_list("field", "value", "frequency"):
        tf.setdefault(field, {})[value] = share
    return MatchModel.from_json(stored, tf)


def _selective(keys: set[str], common: dict[str, int]) -> set[str]:
    """The keys without the common ones; the least common alone if every key is common."""
    usable = keys - common.keys()
    if not usable and keys:
        usable = {min(keys, key=lambda k: (common[k], k))}
    return usable


def _sharing(keys: set[str], scope: Q, *, within: str = "") -> list[UUID]:
    """The people who share the most keys with the record: a true match shares several keys,
    a namesake one. `within`: only among the people who hold that key."""
    if not keys:
        return []
    rows = MatchKey.objects.filter(key__in=keys)
    if within:
        rows = rows.filter(person_id__in=MatchKey.objects.filter(key=within).values("person_id"))
    if scope != Q():
        rows = rows.filter(person__in=Person.objects.filter(scope).values("pk"))
    shared = rows.values("person_id").annotate(n=Count("id")).order_by("-n", "person_id")
    return [row["person_id"] for row in shared[:CANDIDATE_LIMIT]]


def _broad_sharing(keys: set[str], common: dict[str, int], scope: Q) -> list[UUID]:
    """A broad search keeps its common keys, but among the holders of a rarer one: of the
    street's people (the postcode), a common family name puts the right Smith first."""
    rare = sorted(keys - common.keys())
    if common.keys() & keys and rare:
        return _sharing(keys, scope, within=rare[0])
    return _sharing(_selective(keys, common), scope)


def _candidates(query: Features, scope: Q) -> dict[UUID, list[Features]]:
    """The candidates with their stored features. The broad keys are tried only when the
    selective ones find no one (a search by family name and postcode, say, or with an NHS
    number the index does not hold)."""
    selective, broad = blocking_keys(query), sparse_keys(query)
    common = dict(
        MatchCommonKey.objects.filter(key__in=selective | broad).values_list("key", "people")
    )
    ids = _sharing(_selective(selective, common), scope) or _broad_sharing(broad, common, scope)
    found = {
        person_id: [features_from_json(str(person_id), f) for f in stored]
        for person_id, stored in MatchProfile.objects.filter(person_id__in=ids).values_list(
            "person_id", "features"
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:  # an index built before features were stored: worked out now, not skipped
        for person_id, records in person_records(missing).items():
            found[person_id] = [prepare(r) for r in records]
    return found


def person_match(*, record: MatchRecord, scope: Q, limit: int = 20) -> list[PersonMatch]:
    """The people most likely to be the record's person, best first, within `scope` (the
    access policy's people). Each comes with its probability and its explanation. Pages and
    the API reach it through `people.selectors.person_search`, which logs the access. Five
    queries, whatever the size of the index (a sixth when the selective keys find no one)."""
    query = prepare(record)
    candidates = _candidates(query, scope)
    if not candidates:
        return []
    names = {"given": {query.given}, "family": {query.family}}
    for options in candidates.values():
        for f in options:
            names["given"].add(f.given)
            names["family"].add(f.family)
    model = matcher_model(names)
    found = []
    for person_id, options in candidates.items():
        best = max(
            (_score(model, query, f) for f in options),
            key=lambda s: s.probability,
            default=None,
        )
        if best is not None:
            found.append(PersonMatch(person_id, best))
    found.sort(key=lambda m: (-m.scored.probability, -m.scored.bits, str(m.person_id)))
    return found[:limit]


def people_match(*, records: Sequence[MatchRecord]) -> dict[str, PersonMatch]:
    """The best candidate in the whole index for each of many records (an import), by record
    id; records with none are left out. The keys, features and names' frequencies are read
    once for all, in batches, not four queries a record."""
    queries = {r.record_id: prepare(r) for r in records}
    keys = {rid: blocking_keys(f) for rid, f in queries.items()}
    holders: dict[str, list[UUID]] = {}
    for chunk in _chunks(sorted(set().union(*keys.values()))):
        for key, person_id in MatchKey.objects.filter(key__in=chunk).values_list(
            "key", "person_id"
        ):
            holders.setdefault(key, []).append(person_id)
    wanted: dict[str, list[UUID]] = {}
    for rid, found in keys.items():
        shared = Counter(p for key in found for p in holders.get(key, ()))
        wanted[rid] = [p for p, _ in shared.most_common(CANDIDATE_LIMIT)]
    profiles: dict[UUID, list[Features]] = {}
    for chunk in _chunks(sorted({p for ids in wanted.values() for p in ids}, key=str)):
        for person_id, stored in MatchProfile.objects.filter(person_id__in=chunk).values_list(
            "person_id", "features"
        ):
            profiles[person_id] = [features_from_json(str(person_id), f) for f in stored]
    model = matcher_model()
    best = {}
    for rid, ids in wanted.items():
        scored = [
            PersonMatch(p, _score(model, queries[rid], f)) for p in ids for f in profiles.get(p, [])
        ]
        if scored:
            best[rid] = max(scored, key=lambda m: (m.scored.probability, str(m.person_id)))
    return best


def _score(model: MatchModel, query: Features, candidate: Features) -> Scored:
    levels, swapped = compare(query, candidate)
    return model.score(levels, query, candidate, swapped=swapped)
