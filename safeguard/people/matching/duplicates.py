"""Finding the records in the people index that are likely one person: the batch linker's
blocking over everyone's stored features, scored with the index's own model. Memory holds the
features and the keys' index, as the batch command does; the pairs are yielded, not kept."""

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from tqdm import tqdm

from safeguard.people.matching.batch import CHUNK, Linker, chunk_scores
from safeguard.people.matching.comparisons import compare
from safeguard.people.matching.features import features_from_json
from safeguard.people.matching.index import matcher_model
from safeguard.people.matching.model import Scored
from safeguard.people.models import MatchProfile


@dataclass(frozen=True)
class DuplicatePair:
    person_a: UUID  # the lower id of the two
    person_b: UUID
    scored: Scored


def duplicate_pairs(*, threshold: float, progress: bool = False) -> Iterator[DuplicatePair]:
    """Each pair of people scoring `threshold` or more, once, with its best-scoring pair of
    names (a person known by two names is compared by both)."""
    features = [
        features_from_json(str(person_id), f)
        for person_id, stored in MatchProfile.objects.values_list("person_id", "features")
        .order_by("person_id")
        .iterator(5000)
        for f in stored
    ]
    linker = Linker.of_features(features)
    model = matcher_model()
    bar = tqdm(total=len(features), unit=" records", disable=not progress, desc="Duplicates")
    best: dict[tuple[str, str], Scored] = {}
    for first in range(0, linker.left_count, CHUNK):
        scores = chunk_scores(linker, model, threshold, first)
        for i, j in zip(scores.lefts.tolist(), scores.rights.tolist(), strict=True):
            a, b = features[i], features[j]
            if a.record_id == b.record_id:
                continue  # two names of one person
            levels, swapped = compare(a, b)
            scored = model.score(levels, a, b, swapped=swapped)  # explained, for the few kept
            pair = (min(a.record_id, b.record_id), max(a.record_id, b.record_id))
            if pair not in best or scored.probability > best[pair].probability:
                best[pair] = scored
        bar.update(min(CHUNK, linker.left_count - first))
    bar.close()
    for (a_id, b_id), scored in sorted(best.items()):
        yield DuplicatePair(UUID(a_id), UUID(b_id), scored)


def pair_scored(person_a: UUID, person_b: UUID) -> Scored | None:
    """The engine's score for two people by their stored features (their best pair of names),
    or None when either has none stored."""
    stored = dict(
        MatchProfile.objects.filter(person_id__in=[person_a, person_b]).values_list(
            "person_id", "features"
        )
    )
    if len(stored) != 2:
        return None
    a = [features_from_json(str(person_a), f) for f in stored[person_a]]
    b = [features_from_json(str(person_b), f) for f in stored[person_b]]
    model = matcher_model()
    best: Scored | None = None
    for left in a:
        for right in b:
            levels, swapped = compare(left, right)
            scored = model.score(levels, left, right, swapped=swapped)
            if best is None or scored.probability > best.probability:
                best = scored
    return best
