"""The batch's view of many records at once: each feature is a column of integer codes, so that
the comparison levels and probabilities of millions of pairs are worked out column by column
(numpy), not pair by pair. The levels are `comparisons.compare`'s, pair for pair (a test holds
them equal on hostile and generated records). The few pairs the columns can't express (more
name parts or address words than a column holds, a year before 1000) are compared one by one
by `compare` itself."""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TypeVar

import jellyfish
import numpy as np
import numpy.typing as npt

from safeguard.people.identifiers import clean_nhs_number, clean_upn
from safeguard.people.matching.comparisons import COMPARISONS, Level, compare
from safeguard.people.matching.features import (
    FamilyName,
    Features,
    GivenName,
    MatchRecord,
    address_tokens,
    cleaned,
    family_name,
    given_name,
    postcode_parts,
    prepare,
    sex_code,
)
from safeguard.people.matching.model import MatchModel

Codes = npt.NDArray[np.int64]
T = TypeVar("T")
MISSING = -1  # the level of a comparison with a field missing on one side (None in compare)
_SEXES = {"M": 0, "F": 1}
PARTS = 4  # name parts a column holds; a record with more is compared one by one
WORDS = 16  # address words a column holds


class Vocabulary(dict[str, int]):
    """Every string a code, the same string the same code: comparing codes is comparing
    strings. The empty string is code 0. `vocabulary[value]` is the value's code."""

    def __init__(self) -> None:
        super().__init__({"": 0})
        self.strings: list[str] = [""]

    def __missing__(self, value: str) -> int:
        code = self[value] = len(self.strings)
        self.strings.append(value)
        return code

    def codes(self, values: Sequence[str]) -> Codes:
        """Many values' codes at once (new values given codes in order of appearance)."""
        for value in dict.fromkeys(values):
            if value not in self:
                self.__missing__(value)
        return np.fromiter(map(self.__getitem__, values), dtype=np.int64, count=len(values))


def distinct(values: Codes) -> tuple[Codes, Codes, Codes]:
    """The distinct values in order, how often each comes, and each value's position among
    them: numpy's `unique`, by sorting (its own, by hashing, is many times slower here)."""
    order = np.argsort(values)
    ordered = values[order]
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    first[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(first)
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[starts], np.diff(np.append(starts, len(ordered))), inverse


def _padded(flat: Codes, lengths: Codes, width: int) -> Codes:
    """Rows of codes (`flat`, `lengths[i]` for row i) as a table `width` wide, -1 where a row
    is shorter, and cut where it is longer (such a row is compared one by one)."""
    at = np.repeat(np.arange(len(lengths)), lengths)
    place = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    table = np.full((len(lengths), max(width, 1)), -1, dtype=np.int64)
    kept = place < width
    table[at[kept], place[kept]] = flat[kept]
    return table


def _positions(values: list[str]) -> tuple[list[str], Codes]:
    """The distinct values, and each row's position among them."""
    index: dict[str, int] = {}
    rows = [index.setdefault(v, len(index)) for v in values]
    return list(index), np.asarray(rows, dtype=np.int64)


def _cached(feature: Callable[[int], Features]) -> Callable[[int], Features]:
    return lru_cache(maxsize=1 << 12)(feature)


def _no_feature(record: int) -> Features:
    raise AssertionError("no record is compared one by one")


def _each(work: Callable[[str], T], values: list[str]) -> list[T]:
    """`work` done to each value: once for each distinct value (records share households,
    postcodes and identifiers), and the same result shared by the records that share it."""
    done = {value: work(value) for value in set(values)}
    return list(map(done.__getitem__, values))


@dataclass(frozen=True)
class Parts:
    """The parts of records' features that the columns are made from, field by field."""

    record_ids: list[str]
    given: dict[str, GivenName]  # by the value `given_of` holds
    given_of: list[str]
    family: dict[str, FamilyName]
    family_of: list[str]
    postcode: list[tuple[str, str, str]]
    dob: list[dt.date | None]
    sex: list[str]
    words: list[frozenset[str]]
    nhs_number: list[str]
    upn: list[str]


class Letters:
    """How many of each letter the names hold (letters folded into 32 bins), so that a bound
    on two names' Jaro-Winkler similarity is had without working it out: Jaro counts letters
    the two share (no more than the bins share), and Winkler adds at most four tenths of the
    rest, none when the first letters differ. Names outside ASCII are never bounded (the
    similarity may count them by grapheme, not letter)."""

    BINS = 32

    def __init__(self, strings: list[str], codes: Codes, size: int) -> None:
        names = [strings[c] for c in codes.tolist()]
        self.row = np.full(size, -1, dtype=np.int64)
        self.row[codes] = np.arange(len(codes))
        self.length = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
        letters = np.frombuffer("".join(names).encode("utf-32-le"), dtype=np.uint32)
        owner = np.repeat(np.arange(len(names)), self.length)
        bins = np.bincount(
            owner * self.BINS + letters % self.BINS, minlength=len(names) * self.BINS
        )
        self.bins = bins.reshape(-1, self.BINS).astype(np.int32)
        self.first = np.append(letters, 0)[np.cumsum(self.length) - self.length]
        self.bounded = np.fromiter(map(str.isascii, names), dtype=bool, count=len(names))
        self.bounded &= self.length > 0

    def reach(self, a: Codes, b: Codes) -> npt.NDArray[np.float64]:
        """The most the names' similarity can be (1 where it can't be bounded)."""
        ra, rb = self.row[a], self.row[b]
        la, lb = self.length[ra], self.length[rb]
        shared = np.minimum(self.bins[ra], self.bins[rb]).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            jaro = (shared / la + shared / lb + 1) / 3
        reach = np.where(self.first[ra] == self.first[rb], jaro + 0.4 * (1 - jaro), jaro)
        return np.where(self.bounded[ra] & self.bounded[rb], reach, 1.0)


class Columns:
    """The features of a list of records, column by column: from records (the batch, each
    distinct name worked out once) or from features (stored, or prepared one by one)."""

    def __init__(self, parts: Parts, feature: Callable[[int], Features]) -> None:
        self.record_ids = parts.record_ids
        self.count = n = len(parts.record_ids)
        self.vocabulary = vocabulary = Vocabulary()
        column: dict[str, Codes] = {}
        self._encode_given(parts, column)
        self._encode_family(parts, column)
        column["nhs_number"] = vocabulary.codes(parts.nhs_number)
        column["upn"] = vocabulary.codes(parts.upn)
        postcodes = vocabulary.codes([p for found in parts.postcode for p in found])
        column["postcode"], column["sector"], column["district"] = postcodes.reshape(-1, 3).T
        column["sex"] = np.fromiter((_SEXES.get(x, -1) for x in parts.sex), np.int64, count=n)
        column["dob"] = np.fromiter(
            (-1 if d is None else d.toordinal() for d in parts.dob), dtype=np.int64, count=n
        )
        words = vocabulary.codes([w for found in parts.words for w in found])
        self.word_count = np.fromiter(map(len, parts.words), dtype=np.int64, count=n)
        self.words = _padded(
            words, self.word_count, min(int(self.word_count.max(initial=1)), WORDS)
        )
        self.column = column
        self.size = len(vocabulary.strings)
        if self.size >= 1 << 29:  # a blocking key packs two codes into 29 bits each
            raise ValueError("too many distinct values to link at once: split the file")
        dob = column["dob"]
        days = (np.maximum(dob, 1) - 719163).astype("timedelta64[D]") + np.datetime64("1970-01-01")
        year = days.astype("datetime64[Y]").astype(np.int64) + 1970
        month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
        day = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
        self.ymd = np.stack([year, month, day])
        ymd = year * 10_000 + month * 100 + day
        self.digits = np.stack([ymd // 10**k % 10 for k in range(8)], axis=1).astype(np.int8)
        self.hard = (
            (self.part_count > PARTS)
            | (self.word_count > WORDS)
            | ((dob >= 0) & (year < 1000))  # fewer digits than YYYYMMDD
        )
        self._letters = Letters(
            self.vocabulary.strings, np.union1d(column["given"], column["family"]), self.size
        )
        # A record's features, for a pair compared one by one: kept (and with them the records
        # they come from) only when some record needs it.
        self.feature = _cached(feature) if self.hard.any() else _no_feature
        pairs = np.asarray(sorted(self._forms), dtype=np.int64).reshape(-1, 2)
        self.forms = np.unique(pairs[:, 0] * self.size + pairs[:, 1])

    def _encode_given(self, parts: Parts, column: dict[str, Codes]) -> None:
        """Each distinct given name's codes once; its formal names' keys (each with its first
        two letters and its first: the blocking keys' parts) as rows of a table."""
        code = self.vocabulary.__getitem__
        distinct_names, rows = _positions(parts.given_of)
        names = [parts.given[v] for v in distinct_names]
        table = np.asarray(
            [(code(g.given), code(g.key), code(g.given[:1])) for g in names], dtype=np.int64
        ).reshape(-1, 3)
        column["given"], column["given_key"], column["initial"] = table[rows].T
        canons = [[(code(k), code(k[:2]), code(k[:1])) for k in sorted(g.canons)] for g in names]
        counts = np.asarray([len(c) for c in canons], dtype=np.int64)
        self.canon_table = np.asarray([k for c in canons for k in c], np.int64).reshape(-1, 3)
        self.canon_start, self.canon_count = np.cumsum(counts) - counts, counts
        self.given_row = rows
        self._forms = {(code(g.given), code(f)) for g in names for f in g.forms}

    def _encode_family(self, parts: Parts, column: dict[str, Codes]) -> None:
        code = self.vocabulary.__getitem__
        distinct_names, rows = _positions(parts.family_of)
        names = [parts.family[v] for v in distinct_names]
        table = np.asarray(
            [(code(f.family), code(f.key), code(f.key[:2])) for f in names], dtype=np.int64
        ).reshape(-1, 3)
        column["family"], column["family_key"], column["family_key2"] = table[rows].T
        flat = self.vocabulary.codes([p for f in names for p in f.parts])
        counts = np.asarray([len(f.parts) for f in names], dtype=np.int64).reshape(-1)
        self.part_count = counts[rows]
        self.parts = _padded(flat, counts, min(int(counts.max(initial=1)), PARTS))[rows]

    @classmethod
    def of_records(cls, records: Sequence[MatchRecord]) -> "Columns":
        given_of = [r.given_name for r in records]
        family_of = [r.family_name for r in records]
        parts = Parts(
            record_ids=[r.record_id for r in records],
            given={v: given_name(v) for v in set(given_of)},
            given_of=given_of,
            family={v: family_name(v) for v in set(family_of)},
            family_of=family_of,
            postcode=_each(postcode_parts, [r.postcode for r in records]),
            dob=[r.date_of_birth for r in records],
            sex=_each(sex_code, [r.sex for r in records]),
            words=_each(address_tokens, [r.address for r in records]),
            nhs_number=_each(partial(cleaned, clean_nhs_number), [r.nhs_number for r in records]),
            upn=_each(partial(cleaned, clean_upn), [r.upn for r in records]),
        )
        return cls(parts, lambda i: prepare(records[i]))

    @classmethod
    def of_features(cls, features: Sequence[Features]) -> "Columns":
        given: dict[str, GivenName] = {}
        family: dict[str, FamilyName] = {}
        for f in features:  # a name's forms and keys are the name's: the first one's will do
            if f.given not in given:
                given[f.given] = GivenName(f.given, f.given_key, f.given_forms, f.given_canons)
            if f.family not in family:
                family[f.family] = FamilyName(f.family, f.family_parts, f.family_key)
        parts = Parts(
            record_ids=[f.record_id for f in features],
            given=given,
            given_of=[f.given for f in features],
            family=family,
            family_of=[f.family for f in features],
            postcode=[(f.postcode, f.sector, f.district) for f in features],
            dob=[f.dob for f in features],
            sex=[f.sex for f in features],
            words=[f.address_tokens for f in features],
            nhs_number=[f.nhs_number for f in features],
            upn=[f.upn for f in features],
        )
        return cls(parts, features.__getitem__)

    def blocking_keys(self) -> tuple[Codes, Codes]:
        """`blocking.blocking_keys` for every record at once, as (record, key) pairs: each key
        a number made of its kind and its parts' codes (a test holds them equal)."""
        c = self.column
        records = np.arange(self.count)
        family_key, family_key2, given_key = c["family_key"], c["family_key2"], c["given_key"]
        year, month, day = self.ymd
        dob = np.where(c["dob"] >= 0, year * 10_000 + np.minimum(day, month) * 100
                       + np.maximum(day, month), 0)  # fmt: skip
        has_family, has_given = family_key != 0, c["given"] != 0
        has_dob, postcode = dob != 0, c["postcode"]
        counts = self.canon_count[self.given_row]  # each record's formal names, a row each
        at = np.repeat(records, counts)
        within = np.arange(len(at)) - np.repeat(np.cumsum(counts) - counts, counts)
        canon = self.canon_table[self.canon_start[self.given_row][at] + within].T
        keys = [
            (1, records, c["nhs_number"], 0, c["nhs_number"] != 0),
            (2, records, c["upn"], 0, c["upn"] != 0),
            (3, records, dob, family_key2, has_dob & has_family),
            (4, at, dob[at], canon[1], has_dob[at]),
            (5, at, family_key2[at], canon[0], has_family[at]),
            (6, at, postcode[at], canon[2], postcode[at] != 0),
            (7, records, family_key, year, has_family & has_dob),
            (8, records, family_key, c["initial"], has_family & has_given),
            (9, records, np.minimum(family_key, given_key), np.maximum(family_key, given_key),
             has_family & has_given),
        ]  # fmt: skip
        holders, numbers = [], []
        for kind, who, a, b, wanted in keys:
            number = (kind << 58) + (np.asarray(a, dtype=np.int64) << 29) + b
            holders.append(np.asarray(who, dtype=np.int64)[wanted])
            numbers.append(np.broadcast_to(number, np.shape(wanted))[wanted])
        holder, number = np.concatenate(holders), np.concatenate(numbers)
        order = np.lexsort((number, holder))
        holder, number = holder[order], number[order]
        first = np.ones(len(holder), dtype=bool)  # a key once per record, as in a set
        first[1:] = (holder[1:] != holder[:-1]) | (number[1:] != number[:-1])
        _, _, key_ids = distinct(number[first])
        return holder[first], key_ids

    def levels(self, left: Codes, right: Codes) -> npt.NDArray[np.int8]:
        """The levels of the pairs (left[k], right[k]): one row per pair, a column per
        comparison, MISSING for None."""
        result = np.stack(
            [
                self._family(left, right),
                self._given(left, right),
                self._dob(left, right),
                self._sex(left, right),
                self._location(left, right),
                self._identifier("nhs_number", left, right),
                self._identifier("upn", left, right),
            ],
            axis=1,
        ).astype(np.int8)
        # Names written the wrong way round on one side: compare scores the pair as if written
        # the right way, when the family name then agrees (it does: it is the other's given
        # name) and the given name too (when there is one).
        crossed = self._crossed(left, right, result)
        result[crossed, 0] = 0
        result[crossed, 1] = np.where(self.column["family"][left[crossed]] == 0, MISSING, 0)
        for k in np.flatnonzero(self.hard[left] | self.hard[right]):
            levels, _ = compare(self.feature(left[k]), self.feature(right[k]))
            result[k] = as_row(levels)
        return result

    def _crossed(self, left: Codes, right: Codes, levels: npt.NDArray[np.int8]) -> npt.NDArray:
        """Names written the wrong way round on one side, which compare scores swapped."""
        given, family = self.column["given"], self.column["family"]
        return (
            (given[left] != 0)
            & (given[left] == family[right])
            & (family[left] == given[right])
            & (given[left] != family[left])
            & ~((levels[:, 0] == 0) & (levels[:, 1] == 0))
        )

    def _similarity(self, a: Codes, b: Codes, least: float) -> npt.NDArray[np.float64]:
        """Jaro-Winkler, once for each distinct pair of names, where it can reach `least`:
        elsewhere 0 (the pair's level is then the same)."""
        pairs, _, inverse = distinct(a * self.size + b)
        first, second = pairs // self.size, pairs % self.size
        scores = np.zeros(len(pairs))
        need = self._letters.reach(first, second) >= least - 1e-9  # rounding's margin
        values = self.vocabulary.strings
        scores[need] = list(
            map(
                jellyfish.jaro_winkler_similarity,
                map(values.__getitem__, first[need].tolist()),
                map(values.__getitem__, second[need].tolist()),
            )
        )
        return scores[inverse]

    def _name(
        self, field: str, left: Codes, right: Codes, closer: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.int64]:
        """A name's levels: missing, exact, `closer` (a shared part, a nickname), then the
        Jaro-Winkler and phonetic levels the comparison's own function sets out."""
        a, b = self.column[field][left], self.column[field][right]
        level = np.full(len(left), 5, dtype=np.int64)
        rest = (a != b) & ~closer & (a != 0) & (b != 0)
        similarity = np.zeros(len(left))
        similarity[rest] = self._similarity(a[rest], b[rest], 0.8 if field == "family" else 0.92)
        same_key = self.column[f"{field}_key"][left] == self.column[f"{field}_key"][right]
        if field == "family":
            fourth = similarity >= 0.8  # family_level: Jaro-Winkler 0.8
        else:
            fourth = self.column["initial"][left] == self.column["initial"][right]
        return np.select(
            [(a == 0) | (b == 0), a == b, closer, similarity >= 0.92, same_key, fourth],
            [MISSING, 0, 1, 2, 3, 4],
            level,
        )

    def _family(self, left: Codes, right: Codes) -> npt.NDArray[np.int64]:
        a, b = self.parts[left], self.parts[right]
        shared = np.zeros(len(left), dtype=bool)
        for p in range(a.shape[1]):
            for q in range(b.shape[1]):
                shared |= (a[:, p] == b[:, q]) & (a[:, p] >= 0)
        return self._name("family", left, right, shared)

    def _given(self, left: Codes, right: Codes) -> npt.NDArray[np.int64]:
        a, b = self.column["given"][left], self.column["given"][right]
        nickname = np.isin(a * self.size + b, self.forms) | np.isin(b * self.size + a, self.forms)
        return self._name("given", left, right, nickname)

    def _dob(self, left: Codes, right: Codes) -> npt.NDArray[np.int64]:
        a, b = self.column["dob"][left], self.column["dob"][right]
        ya, ma, da = self.ymd[:, left]
        yb, mb, db = self.ymd[:, right]
        swapped = (ya == yb) & (ma == db) & (da == mb)
        # YYYYMMDD's digits, as compare's Hamming distance counts them
        differing = (self.digits[left] != self.digits[right]).sum(axis=1)
        apart = np.abs(a - b)
        return np.select(
            [(a < 0) | (b < 0), a == b, swapped, differing == 1, apart <= 366, apart <= 5 * 366],
            [MISSING, 0, 1, 2, 3, 4],
            5,
        )

    def _sex(self, left: Codes, right: Codes) -> npt.NDArray[np.int64]:
        a, b = self.column["sex"][left], self.column["sex"][right]
        return np.where((a < 0) | (b < 0), MISSING, (a != b).astype(np.int64))

    def _same_street(self, left: Codes, right: Codes) -> npt.NDArray[np.bool_]:
        a, b = self.words[left], self.words[right]
        shared = np.zeros(len(left), dtype=np.int64)
        for p in range(a.shape[1]):
            for q in range(b.shape[1]):
                shared += (a[:, p] == b[:, q]) & (a[:, p] >= 0)
        union = self.word_count[left] + self.word_count[right] - shared
        return shared / np.maximum(union, 1) >= 0.6

    def _location(self, left: Codes, right: Codes) -> npt.NDArray[np.int64]:
        """location_level, column by column."""
        words = (self.word_count[left] > 0) & (self.word_count[right] > 0)
        street = self._same_street(left, right) & words
        column = self.column
        pa, pb = column["postcode"][left], column["postcode"][right]
        both = (pa != 0) & (pb != 0)
        same_sector = column["sector"][left] == column["sector"][right]
        same_district = column["district"][left] == column["district"][right]
        return np.select(
            [
                both & (pa == pb) & (street | ~words),
                both & ((pa == pb) | street),
                both & same_sector,
                both & same_district,
                both,
                ~words,
                street,
            ],
            [0, 1, 2, 3, 4, MISSING, 1],
            4,
        )

    def _identifier(self, field: str, left: Codes, right: Codes) -> npt.NDArray[np.int64]:
        a, b = self.column[field][left], self.column[field][right]
        return np.where((a == 0) | (b == 0), MISSING, (a != b).astype(np.int64))

    def term_frequencies(self) -> dict[str, dict[str, float]]:
        """`estimate.term_frequencies` of these records: for each adjusted field, the chance
        that two records taken at random share a value."""
        result = {}
        for comparison in COMPARISONS:
            if not comparison.tf_field:
                continue
            codes = self.column[comparison.tf_field]
            counts = np.bincount(codes[codes != 0], minlength=self.size)
            total = int(counts.sum()) or 1
            values = self.vocabulary.strings
            result[comparison.tf_field] = {
                values[c]: int(counts[c]) / total for c in np.flatnonzero(counts).tolist()
            }
        return result

    def probabilities(
        self, model: MatchModel, levels: npt.NDArray[np.int8], right: Codes
    ) -> npt.NDArray[np.float64]:
        """`model.probability` for every pair: the same bits, added in the same order."""
        total = np.full(len(right), np.log2(model.prior / (1 - model.prior)))
        for index, comparison in enumerate(COMPARISONS):
            table = np.asarray([*model.level_table(index), 0.0])  # MISSING (-1) reads the 0.0
            bits = table[levels[:, index]]
            tf_field = comparison.tf_field
            if tf_field and model.term_frequencies.get(tf_field):
                exact = levels[:, index] == 0
                values = self.column[tf_field][right[exact]]
                bits[exact] = self._exact_bits(model, index, tf_field, values)
            total += bits
        with np.errstate(over="ignore"):
            return np.where(total > -1000, 1 / (1 + np.power(2.0, -total)), 0.0)

    def _exact_bits(self, model: MatchModel, index: int, field: str, codes: Codes) -> npt.NDArray:
        """An exact agreement's bits, worked out once for each distinct value."""
        found, _, inverse = distinct(codes)
        strings = self.vocabulary.strings
        bits = [model.level_bits(index, 0, strings[c]) for c in found.tolist()]
        return np.asarray(bits, dtype=np.float64)[inverse]


def level_counts(levels: npt.NDArray[np.int8]) -> Counter[tuple[Level, ...]]:
    """How often each vector of levels comes: few distinct vectors, each counted once."""
    base = 8 ** np.arange(levels.shape[1], dtype=np.int64)  # a level (or MISSING) a digit
    vectors, counts, _ = distinct(((levels.astype(np.int64) + 1) * base).sum(axis=1))
    rows = (vectors[:, None] // base % 8 - 1).tolist()
    return Counter({as_levels(row): n for row, n in zip(rows, counts.tolist(), strict=True)})


def as_row(levels: Sequence[Level]) -> list[int]:
    return [MISSING if level is None else level for level in levels]


def as_levels(row: Sequence[int]) -> tuple[Level, ...]:
    return tuple(None if level == MISSING else int(level) for level in row)
