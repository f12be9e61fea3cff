"""Estimating the model without labels, as Splink does: u from pairs taken at random (nearly
all non-matches), then m by expectation-maximisation over candidate pairs (those sharing two
blocking keys) with u held fixed. The prior is the expected number of matches among them (the
sum of their posterior chances), over all pairs: it cannot collapse the way a free EM prior
can, because it is anchored on the evidence of the pairs themselves."""

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from safeguard.people.matching.columns import Columns, level_counts
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


def random_pairs(n: int, *, pairs: int, seed: int) -> list[tuple[int, int]]:
    """Pairs of positions taken at random (a record never with itself): nearly all
    non-matches, whose levels estimate u."""
    rng = random.Random(seed)  # noqa: S311 sampling, not security
    drawn = ((rng.randrange(n), rng.randrange(n)) for _ in range(min(pairs, n * n)))
    return [(i, j) for i, j in drawn if i != j] if n >= 2 else []


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


def _posterior(model: MatchModel, levels: tuple[Level, ...], prior: float) -> float:
    match, non = prior, 1 - prior
    for index, level in enumerate(levels):
        if level is not None:
            match *= max(model.m[index][level], FLOOR)
            non *= max(model.u[index][level], FLOOR)
    return match / (match + non)


def estimate(
    columns: Columns,
    candidates: Mapping[tuple[Level, ...], int],
    *,
    total_pairs: int,
    seed: int = 2018,
    u_pairs: int = 100_000,
    iterations: int = 30,
) -> MatchModel:
    drawn = np.asarray(random_pairs(columns.count, pairs=u_pairs, seed=seed), dtype=np.int64)
    drawn = drawn.reshape(-1, 2)
    u = u_of(level_counts(columns.levels(drawn[:, 0], drawn[:, 1])))
    starts = [list(c.fixed_m) or _m_start(len(c.levels)) for c in COMPARISONS]
    model = MatchModel(m=[list(s) for s in starts], u=u, prior=0.5)
    vectors = candidates  # how often each vector of levels comes: few, each counted once
    candidate_count = sum(vectors.values())
    if not candidate_count:
        model.prior = 1 / max(total_pairs, 2)
        return model
    share = 0.1  # the matches' share of the candidates, re-estimated each round
    for _ in range(iterations):
        m_counts = [[PRIOR_PAIRS * p for p in start] for start in starts]
        expected = 0.0
        for levels, count in vectors.items():
            p = _posterior(model, levels, share) * count
            expected += p
            for index, level in enumerate(levels):
                if level is not None:
                    m_counts[index][level] += p
        model.m = [
            list(COMPARISONS[i].fixed_m) or _monotone(_normalised(c), u[i], COMPARISONS[i])
            for i, c in enumerate(m_counts)
        ]
        share = min(max(expected / candidate_count, 1e-6), 0.999)
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
