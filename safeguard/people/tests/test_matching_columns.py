"""The batch's columns against the one-pair-at-a-time engine: the same levels, keys, term
frequencies and probabilities, pair for pair, on generated records and on records made to be
awkward (other scripts, long names and addresses, early years, swapped names, nicknames)."""

import datetime as dt
import random
from collections import defaultdict

import numpy as np
import pytest

from safeguard.people.matching.batch import Linker
from safeguard.people.matching.blocking import blocking_keys
from safeguard.people.matching.columns import Columns, as_levels
from safeguard.people.matching.comparisons import compare
from safeguard.people.matching.estimate import term_frequencies
from safeguard.people.matching.features import MatchRecord, prepare
from safeguard.people.testing.generator import labelled_records

LONG = " ".join(f"word{chr(97 + i)}x" for i in range(20))  # more words than a column holds
AWKWARD = [
    MatchRecord("a1", "Amelia", "Hughes", dt.date(2012, 3, 4), "F", "12 High Road", "UB8 1UW"),
    MatchRecord("a2", "Hughes", "Amelia", dt.date(2012, 4, 3), "F", "12 High Rd", "UB8 1UW"),
    MatchRecord("a3", "Amy", "Hughes-Ward", dt.date(2012, 3, 14), "f", "", "UB8 1UX"),
    MatchRecord("a4", "Анна", "Иванова", dt.date(999, 1, 2), "F", "Улица Ленина 5"),
    MatchRecord("a5", "Анна", "Иванова", dt.date(999, 2, 1)),
    MatchRecord("a6", "美咲", "佐藤", None, "X", "東京都 新宿区"),
    MatchRecord("a7", "Baby", "Smith", dt.date(2020, 1, 1), "M", postcode="not a postcode"),
    MatchRecord("a8", "Bill", "Smith", dt.date(2020, 1, 1), "M", nhs_number="485 777 3456"),
    MatchRecord("a9", "William", "Smith", dt.date(2021, 1, 1), "M", nhs_number="4857773456"),
    MatchRecord("b1", "Zoë", "O'Brien", dt.date(2015, 6, 7), "F", upn="A123456789012"),
    MatchRecord("b2", "Zoe", "Obrien", dt.date(2015, 7, 6), "F"),
    MatchRecord("b3", "Jo", "Van Der Berg Smith Jones Lee", dt.date(2011, 1, 1), "F", LONG),
    MatchRecord("b4", "Jo", "Van Der Berg", dt.date(2011, 1, 11), "F", "wordax wordbx"),
    MatchRecord("b5", "", "", None),
]


@pytest.fixture(scope="module")
def records():
    generated = [r.record for r in labelled_records(people=600, seed=5, mix="messy")]
    return AWKWARD + generated


def _pairs(count: int, extra: int = 3000) -> tuple[np.ndarray, np.ndarray]:
    """Every pair among the awkward records, and pairs taken at random."""
    rng = random.Random(3)
    pairs = [(i, j) for i in range(len(AWKWARD)) for j in range(len(AWKWARD))]
    pairs += [(rng.randrange(count), rng.randrange(count)) for _ in range(extra)]
    left, right = np.asarray(pairs).T
    return left, right


def test_the_columns_levels_are_compares_pair_for_pair(records):
    columns = Columns.of_records(records)
    features = [prepare(r) for r in records]
    linker = Linker(columns)
    candidates = linker.candidates(0, len(records))
    for left, right in (_pairs(len(records)), candidates):
        levels = columns.levels(left, right)
        expected = [compare(features[i], features[j])[0] for i, j in zip(left, right, strict=True)]
        assert [as_levels(row) for row in levels] == expected


def test_columns_of_records_and_of_their_features_are_the_same(records):
    of_records = Columns.of_records(records)
    of_features = Columns.of_features([prepare(r) for r in records])
    left, right = _pairs(len(records))
    assert np.array_equal(of_records.levels(left, right), of_features.levels(left, right))
    for name, column in of_records.column.items():
        words = (of_records.vocabulary.strings, of_features.vocabulary.strings)
        if name in ("sex", "dob"):
            assert np.array_equal(column, of_features.column[name]), name
        else:
            assert [words[0][c] for c in column] == [
                words[1][c] for c in of_features.column[name]
            ], name


def test_the_columns_blocking_keys_group_the_records_as_blocking_keys_does(records):
    holders, keys = Columns.of_records(records).blocking_keys()
    ours = defaultdict(set)
    for record, key in zip(holders.tolist(), keys.tolist(), strict=True):
        ours[key].add(record)
    theirs = defaultdict(set)
    for i, record in enumerate(records):
        for key in blocking_keys(prepare(record)):
            theirs[key].add(i)
    assert sorted(map(sorted, ours.values())) == sorted(map(sorted, theirs.values()))


def test_the_columns_term_frequencies_and_probabilities_are_the_models(records):
    columns = Columns.of_records(records)
    features = [prepare(r) for r in records]
    assert columns.term_frequencies() == term_frequencies(features)
    model = Linker(columns).train()
    left, right = _pairs(len(records))
    levels = columns.levels(left, right)
    probabilities = columns.probabilities(model, levels, right)
    for k, (row, j) in enumerate(zip(levels, right, strict=True)):
        expected = model.probability(as_levels(row), features[j])
        assert probabilities[k] == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_linking_two_files_pairs_only_across_them(records):
    left, right = records[:300], records[300:]
    linker = Linker.of_records(left, right)
    lefts, rights = linker.candidates(0, linker.left_count)
    assert len(lefts) > 0
    assert (lefts < 300).all() and (rights >= 300).all()
