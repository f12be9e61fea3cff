"""The Fellegi-Sunter model: for each comparison, the chance of each level among matches (m)
and among non-matches (u), and the prior chance that a pair matches. A pair's score is the
sum of its comparisons' log2 Bayes factors; its probability follows from the prior. Exact
names are adjusted for how common the name is: two Smiths agree more often by chance than two
Zbigniews. Every score explains itself, comparison by comparison."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings

from safeguard.people.matching.comparisons import COMPARISONS, Level
from safeguard.people.matching.features import Features

FLOOR = 1e-6  # no level is impossible: a chance of zero would make one field a veto


@dataclass(frozen=True)
class Contribution:
    comparison: str
    level: str
    bits: float  # log2 Bayes factor: above 0 for a match, below 0 against


@dataclass(frozen=True)
class Scored:
    probability: float
    bits: float
    contributions: tuple[Contribution, ...]
    swapped_names: bool = False

    @property
    def band(self) -> str:
        return band_of(self.probability)


def band_of(probability: float) -> str:
    """The SUI matcher's bands, fixed in settings before any data is seen."""
    if probability >= settings.PEOPLE_MATCH_THRESHOLD:
        return "match"
    if probability >= settings.PEOPLE_POSSIBLE_THRESHOLD:
        return "possible"
    return "no match"


@dataclass
class MatchModel:
    """Estimated once, then only read: the levels' bits are worked out on first use."""

    m: list[list[float]]
    u: list[list[float]]
    prior: float  # the chance that a pair of records, taken at random, is the same person
    # field -> value -> the chance that two records taken at random share that value
    term_frequencies: dict[str, dict[str, float]] = field(default_factory=dict)

    def level_bits(self, index: int, level: int, value: str = "") -> float:
        m = max(self.m[index][level], FLOOR)
        u = max(self.u[index][level], FLOOR)
        tf_field = COMPARISONS[index].tf_field
        if level == 0 and tf_field and value:
            frequency = self.term_frequencies.get(tf_field, {}).get(value)
            if frequency:
                u = max(frequency, FLOOR)
        return min(math.log2(m / u), COMPARISONS[index].max_bits)

    @cached_property
    def _bits(self) -> list[list[float]]:
        """Each level's bits before the names' frequencies: worked out once, not per pair."""
        return [
            [
                min(math.log2(max(m, FLOOR) / max(u, FLOOR)), c.max_bits)
                for m, u in zip(ms, us, strict=True)
            ]
            for c, ms, us in zip(COMPARISONS, self.m, self.u, strict=True)
        ]

    def level_table(self, index: int) -> list[float]:
        """A comparison's bits, level by level, before the names' frequencies."""
        return self._bits[index]

    def probability(self, levels: Sequence[Level], b: Features) -> float:
        """`score(...).probability`, without the explanation: for a batch of many pairs."""
        total = math.log2(self.prior / (1 - self.prior))
        for index, level in enumerate(levels):
            if level is None:
                continue
            tf_field = COMPARISONS[index].tf_field
            if level == 0 and tf_field and self.term_frequencies.get(tf_field):
                total += self.level_bits(index, level, getattr(b, tf_field))
            else:
                total += self._bits[index][level]
        return 1 / (1 + 2 ** (-total)) if total > -1000 else 0.0

    def score(
        self, levels: Sequence[Level], a: Features, b: Features, *, swapped: bool = False
    ) -> Scored:
        prior_bits = math.log2(self.prior / (1 - self.prior))
        contributions = []
        total = prior_bits
        for index, level in enumerate(levels):
            if level is None:
                continue
            comparison = COMPARISONS[index]
            value = getattr(b, comparison.tf_field, "") if comparison.tf_field else ""
            bits = self.level_bits(index, level, value)
            total += bits
            contributions.append(Contribution(comparison.name, comparison.levels[level], bits))
        probability = 1 / (1 + 2 ** (-total)) if total > -1000 else 0.0
        return Scored(probability, total, tuple(contributions), swapped)

    def to_json(self) -> dict[str, object]:
        return {"m": self.m, "u": self.u, "prior": self.prior}

    @classmethod
    def from_json(cls, data: Mapping[str, object], tf: dict[str, dict[str, float]]) -> "MatchModel":
        return cls(
            m=[list(map(float, r)) for r in data["m"]],  # type: ignore[attr-defined]
            u=[list(map(float, r)) for r in data["u"]],  # type: ignore[attr-defined]
            prior=float(data["prior"]),  # type: ignore[arg-type]
            term_frequencies=tf,
        )
