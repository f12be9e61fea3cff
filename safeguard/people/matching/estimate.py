"""Estimating the model without labels, as Splink does: u from pairs taken at random (nearly
all non-matches), then m by expectation-maximisation over candidate pairs (those sharing two
blocking keys) with u held fixed. The prior is the expected number of matches among them (the
sum of their posterior chances), over all pairs: it cannot collapse the way a free EM prior
can, because it is anchored on the evidence of the pairs themselves."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from safeguard.people.matching.columns import Columns, as_row, level_counts
from safeguard.people.matching.comparisons import COMPARISONS, Comparison, Level
from safeguard.people.matching.features import Features
from safeguard.people.matching.model import FLOOR, MatchModel

SMOOTHING = 1.0  # a pseudo-count per level, so an unseen level is rare, not impossible
# What is known before any data: among true matches, each field mostly agrees, and outright
# disagreement is rare. This prior (as pseudo-pairs) keeps EM from learning that twins, who
# share a surname, birthday and address, are one person with two names.
PRIOR_PAIRS = 3000
_DISAGREE = 0.01  # the prior chance that a true match's field disagrees outright


def _m_start(levels: int) -> list[float]:
    """Agreement strongest first: most matches at level 0, the rest shared among the partial
    levels, and a little for outright disagreement."""
    if levels == 2:
        return [1 - _DISAGREE, _DISAGREE]
    partial = (0.2 - _DISAGREE) / (levels - 2)
    return [0.8] + [partial] * (levels - 2) + [_DISAGREE]


def _capped(m: list[float], caps: dict[int, float]) -> list[float]:
    """Each level over its cap held to it, and the mass over shared among the free levels
    (until none is over: the sharing may lift another)."""
    result, held = list(m), set[int]()
    while over := {i for i, cap in caps.items() if i not in held and result[i] > cap}:
        held |= over
        budget = 1 - sum(caps[i] for i in held)
        rest = sum(v for i, v in enumerate(result) if i not in held) or 1
        result = [caps[i] if i in held else v * budget / rest for i, v in enumerate(result)]
    return result


def _monotone(m: list[float], u: list[float], comparison: Comparison) -> list[float]:
    """A weaker agreement never counts for more than a stronger one: the Bayes factors fall
    level by level (the last, disagreement, included); and each level keeps to its cap."""
    caps = {len(m) - 1: comparison.disagree_at_most, **dict(comparison.m_at_most)}
    result = _capped(m, caps)
    for level in range(1, len(result)):
        ceiling = result[level - 1] / max(u[level - 1], FLOOR) * max(u[level], FLOOR)
        result[level] = min(result[level], ceiling)
    return _normalised(result)


def _normalised(counts: Sequence[float]) -> list[float]:
    total = sum(counts)
    return [c / total for c in counts]


def random_pairs(n: int, *, pairs: int, seed: int) -> tuple[npt.NDArray, npt.NDArray]:
    """Pairs of positions taken at random (a record never with itself): nearly all
    non-matches, whose levels estimate u."""
    drawn = np.random.default_rng(seed).integers(n, size=(min(pairs, n * n), 2))
    drawn = drawn[drawn[:, 0] != drawn[:, 1]]
    return drawn[:, 0], drawn[:, 1]


def u_of(vectors: Mapping[tuple[Level, ...], int]) -> list[list[float]]:
    """Each level's share among pairs taken at random, from how often each vector comes."""
    counts = [[SMOOTHING] * len(c.levels) for c in COMPARISONS]
    for levels, count in vectors.items():
        for index, level in enumerate(levels):
            if level is not None:
                counts[index][level] += count
    return [_normalised(c) for c in counts]


def term_frequencies(features: Iterable[Features]) -> dict[str, dict[str, float]]:
    """For each adjusted field, the chance that two records taken at random share a value."""
    counted = {c.tf_field: Counter[str]() for c in COMPARISONS if c.tf_field}
    for feature in features:
        for name, counter in counted.items():
            value = getattr(feature, name)
            if value:
                counter[value] += 1
    result = {}
    for name, counter in counted.items():
        total = sum(counter.values()) or 1
        result[name] = {value: count / total for value, count in counter.items()}
    return result


def _posteriors(model: MatchModel, vectors: npt.NDArray[np.int64], prior: float) -> npt.NDArray:
    """Each vector's chance of being a match (a row of levels, -1 for a missing field): the
    factors multiplied in the comparisons' order, a missing field's as 1."""
    match = np.full(len(vectors), prior)
    non = np.full(len(vectors), 1 - prior)
    for index in range(len(COMPARISONS)):
        levels = vectors[:, index]
        match *= np.append(np.maximum(model.m[index], FLOOR), 1.0)[levels]
        non *= np.append(np.maximum(model.u[index], FLOOR), 1.0)[levels]
    return match / (match + non)


def _m_counts(levels: npt.NDArray, expected: npt.NDArray, start: list[float]) -> list[float]:
    """A comparison's expected matches at each level, after the prior's pseudo-pairs."""
    given = levels >= 0
    found = np.bincount(levels[given], weights=expected[given], minlength=len(start))
    return (PRIOR_PAIRS * np.asarray(start) + found).tolist()


def estimate(
    columns: Columns,
    candidates: Mapping[tuple[Level, ...], int],
    *,
    total_pairs: int,
    seed: int = 2018,
    u_pairs: int = 100_000,
    iterations: int = 30,
) -> MatchModel:
    u = u_of(level_counts(columns.levels(*random_pairs(columns.count, pairs=u_pairs, seed=seed))))
    starts = [list(c.fixed_m) or _m_start(len(c.levels)) for c in COMPARISONS]
    model = MatchModel(m=[list(s) for s in starts], u=u, prior=0.5)
    # how often each vector of levels comes: few, each counted once
    vectors = np.asarray([as_row(levels) for levels in candidates], dtype=np.int64)
    vectors = vectors.reshape(-1, len(COMPARISONS))
    counts = np.fromiter(candidates.values(), dtype=np.float64, count=len(candidates))
    candidate_count = int(counts.sum())
    if not candidate_count:
        model.prior = 1 / max(total_pairs, 2)
        return model
    share = 0.1  # the matches' share of the candidates, re-estimated each round
    for _ in range(iterations):
        expected = _posteriors(model, vectors, share) * counts
        m_counts = [_m_counts(vectors[:, i], expected, start) for i, start in enumerate(starts)]
        model.m = [
            list(COMPARISONS[i].fixed_m) or _monotone(_normalised(c), u[i], COMPARISONS[i])
            for i, c in enumerate(m_counts)
        ]
        share = min(max(float(expected.sum()) / candidate_count, 1e-6), 0.999)
    expected_matches = share * candidate_count
    model.prior = min(max(expected_matches / max(total_pairs, 1), 1e-12), 0.5)
    model.term_frequencies = columns.term_frequencies()
    return model


# Before the first estimate (a new index, a test): the chance of each level between two
# people taken at random, as it is in any town's population: a shared family name one pair
# in 250, a shared birthday one in 5,000, a sex one in two. `safeguard match-index` replaces
# these with what the index itself shows.
_COLD_U = {
    "family_name": [0.004, 0.001, 0.002, 0.003, 0.03],
    "given_name": [0.006, 0.002, 0.002, 0.004, 0.06],
    "date_of_birth": [0.0002, 0.00002, 0.002, 0.05, 0.25],
    "sex": [0.5],
    "address": [0.0005, 0.0005, 0.01, 0.1],
    "nhs_number": [1e-6],
    "upn": [1e-6],
}


# A record may be of anyone in the borough, not only of the people the index holds so far.
COLD_POPULATION = 100_000


def cold_model(*, people: int) -> MatchModel:
    """The model before any estimate: prior knowledge only, with one match among the index's
    `people` or the borough's population, whichever is larger."""
    u = [_COLD_U[c.name] + [1 - sum(_COLD_U[c.name])] for c in COMPARISONS]
    m = [
        list(c.fixed_m) or _monotone(_m_start(len(c.levels)), u[i], c)
        for i, c in enumerate(COMPARISONS)
    ]
    return MatchModel(m=m, u=u, prior=1 / max(people, COLD_POPULATION))
