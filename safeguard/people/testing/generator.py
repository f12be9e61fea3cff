"""Labelled multi-agency person records for testing and benchmarking the matcher.

Each true person appears in one or more agencies' records, each copy with its own errors at
rates you choose: typos, nicknames, surname changes, day and month swapped, missing fields, a
household move. Hard non-matches are made on purpose: twins (same surname, birth date and
address), siblings at one address, and a parent and child sharing a name. `cluster` is the true
person, so a pair of records matches when their clusters are equal.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from faker import Faker

from safeguard.people.matching.features import MatchRecord
from safeguard.people.names import given_name_variants


@dataclass(frozen=True)
class ErrorMix:
    typo: float = 0.1
    nickname: float = 0.08
    surname_change: float = 0.04
    dob_swap: float = 0.04
    dob_digit: float = 0.03
    missing: float = 0.1  # each optional field, independently
    moved: float = 0.15
    name_order: float = 0.01
    twins: float = 0.02  # of people: a twin made alongside
    siblings: float = 0.05
    parent_same_name: float = 0.01
    copies: tuple[int, ...] = (1, 1, 2, 2, 3)  # records per person, drawn evenly


MIXES = {
    "clean": ErrorMix(typo=0.02, nickname=0.02, surname_change=0.01, dob_swap=0.01,
                      dob_digit=0.01, missing=0.03, moved=0.05),
    "typical": ErrorMix(),
    "messy": ErrorMix(typo=0.25, nickname=0.15, surname_change=0.08, dob_swap=0.08,
                      dob_digit=0.06, missing=0.25, moved=0.3, name_order=0.03),
}  # fmt: skip


@dataclass(frozen=True)
class Labelled:
    record: MatchRecord
    cluster: int


def _nhs(rng: random.Random) -> str:
    from safeguard.people.identifiers import nhs_check_digit

    while True:
        first_nine = f"999{rng.randrange(10**6):06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"


class PeopleGenerator:
    def __init__(self, *, seed: int, mix: ErrorMix) -> None:
        self.rng = random.Random(seed)  # noqa: S311 test data, not security
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.mix = mix
        self.next_id = 0

    def _typo(self, text: str) -> str:
        if len(text) < 3:
            return text
        i = self.rng.randrange(1, len(text) - 1)
        kind = self.rng.choice(("swap", "drop", "double", "replace"))
        if kind == "swap":
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if kind == "drop":
            return text[:i] + text[i + 1 :]
        if kind == "double":
            return text[:i] + text[i] + text[i:]
        return text[:i] + self.rng.choice("aeiounrst") + text[i + 1 :]

    def _person(
        self,
        *,
        family: str | None = None,
        born: dt.date | None = None,
        address: tuple[str, str] | None = None,
    ) -> dict:
        sex = self.rng.choice("MF")
        given = self.fake.first_name_male() if sex == "M" else self.fake.first_name_female()
        return {
            "given": given,
            "family": family or self.fake.last_name(),
            "born": born or self.fake.date_between(dt.date(2000, 1, 1), dt.date(2018, 3, 31)),
            "sex": sex,
            "address": address or (self.fake.street_address(), self.fake.postcode()),
            "nhs": _nhs(self.rng),
        }

    def _copy(self, person: dict, cluster: int) -> Labelled:
        rng, mix = self.rng, self.mix
        given, family, born = person["given"], person["family"], person["born"]
        street, postcode = person["address"]
        if rng.random() < mix.nickname:
            forms = sorted(given_name_variants(given.lower()) - {given.lower()})
            if forms:
                given = rng.choice(forms).title()
        if rng.random() < mix.typo:
            given = self._typo(given)
        if rng.random() < mix.typo:
            family = self._typo(family)
        if rng.random() < mix.surname_change:
            family = rng.choice((f"{family}-{self.fake.last_name()}", self.fake.last_name()))
        if rng.random() < mix.dob_swap and born.day <= 12 and born.day != born.month:
            born = born.replace(day=born.month, month=born.day)
        elif rng.random() < mix.dob_digit:
            born = born.replace(day=min(28, max(1, born.day + rng.choice((-1, 1)))))
        if rng.random() < mix.moved:
            street, postcode = self.fake.street_address(), self.fake.postcode()
        if rng.random() < mix.name_order:
            given, family = family, given

        def kept(value: str) -> str:
            return "" if rng.random() < mix.missing else value

        self.next_id += 1
        record = MatchRecord(
            record_id=f"R{self.next_id:07d}",
            given_name=given,
            family_name=family,
            date_of_birth=None if rng.random() < mix.missing else born,
            sex=kept(person["sex"]),
            address=kept(street),
            postcode=kept(postcode),
            nhs_number=kept(person["nhs"]) if rng.random() < 0.6 else "",
        )
        return Labelled(record, cluster)

    def _household(self) -> list[dict]:
        """One person, or a hard case: twins, siblings, or a parent sharing the child's name."""
        rng, mix = self.rng, self.mix
        first = self._person()
        people = [first]
        roll = rng.random()
        if roll < mix.twins:
            twin = self._person(
                family=first["family"], born=first["born"], address=first["address"]
            )
            people.append(twin)
        elif roll < mix.twins + mix.siblings:
            gap = dt.timedelta(days=rng.randrange(300, 2500))
            people.append(self._person(family=first["family"], born=first["born"] - gap,
                                       address=first["address"]))  # fmt: skip
        elif roll < mix.twins + mix.siblings + mix.parent_same_name:
            age_gap = dt.timedelta(days=rng.randrange(18 * 365, 40 * 365))
            parent = dict(first, born=first["born"] - age_gap, nhs=_nhs(rng))
            people.append(parent)
        return people

    def records(self, people: int) -> Iterator[Labelled]:
        cluster = 0
        while cluster < people:
            for person in self._household():
                for _ in range(self.rng.choice(self.mix.copies)):
                    yield self._copy(person, cluster)
                cluster += 1


def labelled_records(*, people: int, seed: int, mix: str = "typical") -> list[Labelled]:
    return list(PeopleGenerator(seed=seed, mix=MIXES[mix]).records(people))
