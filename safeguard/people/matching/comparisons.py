"""Comparison levels for a pair of records: the strongest agreement is level 0, the last level
is disagreement, and None means a field is missing on one side (no evidence)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import jellyfish

from safeguard.people.matching.features import Features

Level = int | None


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[str, ...]  # a label per level, strongest agreement first
    compare: Callable[[Features, Features], Level]
    tf_field: str = ""  # term-frequency adjusted on an exact match of this field
    # For a checked identifier, m is known, not learnt: a valid number that disagrees is a
    # recording error, rare for one person; EM would learn it from twins and siblings instead.
    fixed_m: tuple[float, ...] = ()
    # The most that outright disagreement may count among matches, whatever EM learns: the
    # fields that twins and siblings disagree on while their household agrees.
    disagree_at_most: float = 1.0
    # The most other levels may count among matches ((level, share), ...): what errors of
    # entry can do. A date of birth mistyped is a digit or a swap, rarely months or years
    # out; EM on an index with few duplicates would learn namesakes' birthdays instead.
    m_at_most: tuple[tuple[int, float], ...] = ()
    # The most agreement may count, in bits: sharing an address is what a household does, so
    # it says less about being one person than its rarity among random pairs suggests.
    max_bits: float = 64.0


def _jw(a: str, b: str) -> float:
    return jellyfish.jaro_winkler_similarity(a, b)


def family_level(a: Features, b: Features) -> Level:
    if not a.family or not b.family:
        return None
    if a.family == b.family:
        return 0
    if a.family_parts & b.family_parts:
        return 1  # one part of a double-barrelled or changed name
    if _jw(a.family, b.family) >= 0.92:
        return 2
    if a.family_key == b.family_key:
        return 3
    if _jw(a.family, b.family) >= 0.8:
        return 4
    return 5


def given_level(a: Features, b: Features) -> Level:
    if not a.given or not b.given:
        return None
    if a.given == b.given:
        return 0
    if b.given in a.given_forms or a.given in b.given_forms:
        return 1  # a nickname or formal form
    if _jw(a.given, b.given) >= 0.92:
        return 2
    if a.given_key == b.given_key:
        return 3
    if a.given[0] == b.given[0]:
        return 4
    return 5


@lru_cache(maxsize=1 << 16)  # birthdays repeat: far fewer dates than pairs
def _digits(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def dob_level(a: Features, b: Features) -> Level:
    if a.dob is None or b.dob is None:
        return None
    if a.dob == b.dob:
        return 0
    if (a.dob.year, a.dob.month, a.dob.day) == (b.dob.year, b.dob.day, b.dob.month):
        return 1  # day and month swapped
    if jellyfish.hamming_distance(_digits(a.dob), _digits(b.dob)) == 1:
        return 2  # one digit off
    apart = abs((a.dob - b.dob).days)
    if apart <= 366:
        return 3
    return 4 if apart <= 5 * 366 else 5  # a generation apart: a parent, not a typing error


def sex_level(a: Features, b: Features) -> Level:
    if a.sex not in ("M", "F") or b.sex not in ("M", "F"):
        return None
    return 0 if a.sex == b.sex else 1


def _same_street(a: Features, b: Features) -> bool | None:
    if not a.address_tokens or not b.address_tokens:
        return None
    shared = len(a.address_tokens & b.address_tokens)
    return shared / len(a.address_tokens | b.address_tokens) >= 0.6


def location_level(a: Features, b: Features) -> Level:
    """Postcode and address as one comparison: they say the same thing (where someone
    lives), and counting both would count one household twice."""
    street = _same_street(a, b)
    if a.postcode and b.postcode:
        if a.postcode == b.postcode:
            return 0 if street is not False else 1
        if street:
            return 1  # the same address, a postcode mistyped
        if a.sector == b.sector:
            return 2
        return 3 if a.district == b.district else 4
    if street is None:
        return None
    return 1 if street else 4


def _identifier(field: str) -> Callable[[Features, Features], Level]:
    def level(a: Features, b: Features) -> Level:
        left, right = getattr(a, field), getattr(b, field)
        if not left or not right:
            return None
        return 0 if left == right else 1

    return level


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "family_name",
        ("exact", "shares a part", "Jaro-Winkler 0.92", "sounds alike", "Jaro-Winkler 0.8",
         "differs"),
        family_level,
        "family",
    ),
    Comparison(
        "given_name",
        ("exact", "nickname or formal form", "Jaro-Winkler 0.92", "sounds alike",
         "same initial", "differs"),
        given_level,
        "given",
        disagree_at_most=0.01,
    ),
    Comparison(
        "date_of_birth",
        ("exact", "day and month swapped", "one digit off", "within a year",
         "within five years", "years apart"),
        dob_level,
        disagree_at_most=0.001,  # a generation apart is not a typing error
        m_at_most=((3, 0.05), (4, 0.01)),
    ),
    Comparison("sex", ("same", "differs"), sex_level, disagree_at_most=0.01),
    Comparison(
        "address",
        ("same address", "same postcode or street", "same sector", "same district", "differs"),
        location_level,
        max_bits=6.0,
    ),
    Comparison(
        "nhs_number", ("same", "differs"), _identifier("nhs_number"), fixed_m=(0.999, 0.001)
    ),
    Comparison("upn", ("same", "differs"), _identifier("upn"), fixed_m=(0.999, 0.001)),
)  # fmt: skip


def _swapped(a: Features) -> Features:
    return replace(
        a,
        given=a.family,
        family=a.given,
        given_key=a.family_key,
        family_key=a.given_key,
        family_parts=frozenset({a.given}) if a.given else frozenset(),
        given_forms=frozenset({a.family}),
    )


def compare(a: Features, b: Features) -> tuple[tuple[Level, ...], bool]:
    """The levels of every comparison, and whether given and family names were swapped on one
    side (scored as if written the right way round, when that agrees better)."""
    straight = tuple(c.compare(a, b) for c in COMPARISONS)
    crossed = a.given and a.given == b.family and a.family == b.given and a.given != a.family
    if crossed and (straight[0], straight[1]) != (0, 0):
        return tuple(c.compare(_swapped(a), b) for c in COMPARISONS), True
    return straight, False
