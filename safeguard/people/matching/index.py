"""The matcher on the people index: blocking keys kept in the database, the model estimated
from the index itself, and one record matched against everyone in a few queries, whatever the
number of app processes (nothing is held in memory between requests)."""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from tqdm import tqdm

from safeguard.people.matching.batch import Linker
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
    MatchKey,
    MatchParameters,
    MatchProfile,
    MatchTermFrequency,
    Person,
)

CANDIDATE_LIMIT = 60  # people scored for one query: those sharing the most keys
TRAINING_SAMPLE = 60_000


def _people(ids: Iterable[UUID] | None = None) -> QuerySet[Person]:
    people = Person.objects.filter(merged_into__isnull=True).prefetch_related(
        "names", "addresses__address"
    )
    return people.filter(pk__in=list(ids)) if ids is not None else people


def person_records(person: Person) -> list[MatchRecord]:
    """One record a name the person is known by, at their current address."""
    homes = [pa.address for pa in person.addresses.all() if pa.end_date is None]
    home = homes[0] if homes else None
    return [
        MatchRecord(
            record_id=str(person.pk),
            given_name=name.given_name,
            family_name=name.family_name,
            date_of_birth=person.date_of_birth,
            sex=person.sex,
            address=f"{home.line_1} {home.line_2}" if home else "",
            postcode=home.postcode if home else "",
            nhs_number=person.nhs_number or "",
            upn=person.upn or "",
        )
        for name in person.names.all()
    ]


def match_keys_refresh(*, person_ids: Sequence[UUID]) -> int:
    """Rewrites the people's keys and features, as part of the change that made them stale."""
    keys, profiles = [], []
    for person in _people(person_ids):
        features = [prepare(r) for r in person_records(person)]
        found = {k for f in features for k in blocking_keys(f) | sparse_keys(f)}
        keys += [MatchKey(person_id=person.pk, key=key) for key in found]
        profiles.append(
            MatchProfile(person_id=person.pk, features=[features_json(f) for f in features])
        )
    with transaction.atomic():
        MatchKey.objects.filter(person_id__in=person_ids).delete()
        MatchProfile.objects.filter(person_id__in=person_ids).delete()
        MatchKey.objects.bulk_create(keys, batch_size=5000)
        MatchProfile.objects.bulk_create(profiles, batch_size=2000)
    return len(keys)


def _batches(size: int) -> Iterator[list[UUID]]:
    ids = list(Person.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def match_index_rebuild(*, progress: bool = False, batch: int = 5000) -> int:
    total = Person.objects.filter(merged_into__isnull=True).count()
    bar = tqdm(total=total, unit=" people", disable=not progress, desc="Match keys")
    written = 0
    MatchKey.objects.all().delete()
    MatchProfile.objects.all().delete()
    for ids in _batches(batch):
        written += match_keys_refresh(person_ids=ids)
        bar.update(len(ids))
    bar.close()
    return written


def matcher_train(*, sample: int = TRAINING_SAMPLE) -> MatchParameters:
    """Estimates the model on a sample of the index (no labels), with the names' frequencies
    over the whole index."""
    everyone = Person.objects.filter(merged_into__isnull=True)
    ids = list(everyone.order_by("?").values_list("pk", flat=True)[:sample])
    records = [r for person in _people(ids) for r in person_records(person)]
    model = Linker(records, None).train()
    features = (prepare(r) for person in _people().iterator(2000) for r in person_records(person))
    frequencies = term_frequencies(features)
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
            estimated_at=timezone.now(), records=len(records), parameters=model.to_json()
        )


@dataclass(frozen=True)
class PersonMatch:
    person_id: UUID
    scored: Scored


def _model(values: dict[str, set[str]]) -> MatchModel:
    stored = MatchParameters.objects.values_list("parameters", flat=True).first()
    if stored is None:
        return cold_model(people=MatchProfile.objects.count())
    wanted = Q(pk__in=[])
    for field, names in values.items():
        wanted |= Q(field=field, value__in=names)
    tf: dict[str, dict[str, float]] = {}
    for field, value, share in MatchTermFrequency.objects.filter(wanted).values_list(
        "field", "value", "frequency"
    ):
        tf.setdefault(field, {})[value] = share
    return MatchModel.from_json(stored, tf)


def _candidates(query: Features, scope: Q) -> dict[UUID, list[Features]]:
    """The people who share the most keys with the record, with their stored features: a true
    match shares several keys, a namesake one."""
    keys = blocking_keys(query) or sparse_keys(query)
    if not keys:
        return {}
    rows = MatchKey.objects.filter(key__in=keys)
    if scope != Q():
        rows = rows.filter(person__in=Person.objects.filter(scope).values("pk"))
    shared = rows.values("person_id").annotate(n=Count("id")).order_by("-n", "person_id")
    ids = [row["person_id"] for row in shared[:CANDIDATE_LIMIT]]
    return {
        person_id: [features_from_json(str(person_id), f) for f in stored]
        for person_id, stored in MatchProfile.objects.filter(person_id__in=ids).values_list(
            "person_id", "features"
        )
    }


def person_match(*, record: MatchRecord, scope: Q, limit: int = 20) -> list[PersonMatch]:
    """The people most likely to be the record's person, best first, within `scope` (the
    access policy's people). Each comes with its probability and its explanation. Pages and
    the API reach it through `people.selectors.person_match_search`, which logs the access.
    Four queries, whatever the size of the index."""
    query = prepare(record)
    candidates = _candidates(query, scope)
    if not candidates:
        return []
    names = {"given": {query.given}, "family": {query.family}}
    for options in candidates.values():
        for f in options:
            names["given"].add(f.given)
            names["family"].add(f.family)
    model = _model(names)
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


def _score(model: MatchModel, query: Features, candidate: Features) -> Scored:
    levels, swapped = compare(query, candidate)
    return model.score(levels, query, candidate, swapped=swapped)
