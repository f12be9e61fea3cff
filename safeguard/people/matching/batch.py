"""Linking files of person records: one file is deduplicated, two are linked. Blocking keys
find the candidate pairs, the model is estimated on the data itself (no labels), and every
pair at or above the threshold is written. Memory holds the records' columns, the keys and
one chunk's candidate pairs, never the set of pairs."""

import csv
import ctypes
import ctypes.util
import datetime as dt
import gc
import io
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

import numpy as np
import numpy.typing as npt
from tqdm import tqdm

from safeguard.core.csv_export import safe_cell
from safeguard.people.matching.columns import Columns, distinct, level_counts
from safeguard.people.matching.estimate import estimate
from safeguard.people.matching.features import Features, MatchRecord
from safeguard.people.matching.model import MatchModel

COLUMNS = (
    "record_id", "given_name", "family_name", "date_of_birth", "sex", "address", "postcode",
    "nhs_number",
)  # fmt: skip
MAX_FIELD = 1000  # characters: no name or address is longer; a longer cell is refused
BLOCK_CAP = 400  # a key shared by more records than this is too common to block on
SMALL_BLOCK = 40  # a key shared by fewer is selective enough on its own
EM_SAMPLE = 10_000  # records whose candidates train the model (thousands of matches)
CHUNK = 5_000  # records whose candidate pairs are held at once: memory stays bounded
WORKERS = 4  # threads scoring chunks at once, at most (and no more than the cores)


class LinkInputError(ValueError):
    """A file the linker cannot read, with the row and field to put right."""


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector rescans every object again and again while hundreds of
    thousands are made; records, names and sets of words form no cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters


def arrays_returned_when_freed() -> None:
    """For a batch process: glibc keeps freed memory for reuse, and lifts its threshold for
    mapping an allocation of its own to the largest one freed so far (up to 32 MiB), so each
    chunk's arrays would stay resident after it. Fixed thresholds give arrays over 4 MiB back
    as soon as they are freed; the heap is trimmed past 128 MiB (trimming sooner costs time).
    Elsewhere than glibc, nothing changes."""
    with suppress(OSError, AttributeError, TypeError):
        mallopt = ctypes.CDLL(ctypes.util.find_library("c")).mallopt
        mallopt(M_MMAP_THRESHOLD, 4 << 20)
        mallopt(M_TRIM_THRESHOLD, 128 << 20)


def read_records(path: Path) -> list[MatchRecord]:
    with _collector_paused():
        return _read(path)


def _read(path: Path) -> list[MatchRecord]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LinkInputError(f"{path.name} is not UTF-8 text (byte {error.start})") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(rows, [])]
    if "record_id" not in header:
        raise LinkInputError(f"{path.name}: the first row must name the columns, with record_id")
    index = {name: header.index(name) for name in COLUMNS if name in header}
    fields = [(name, index.get(name)) for name in COLUMNS]
    width = max(index.values()) + 1
    records, seen = [], set()
    # One string for each name, sex, postcode and NHS number however often it comes: a file
    # of a million records holds far fewer of them than cells.
    shared: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {"": None}
    for number, row in enumerate(rows, start=2):
        if not "".join(row).strip():
            continue  # a blank line
        if len(row) < width:
            row = row + [""] * (width - len(row))
        values = [row[i].strip() if i is not None else "" for _, i in fields]
        if max(map(len, values)) > MAX_FIELD:
            name = next(n for (n, _), v in zip(fields, values, strict=True) if len(v) > MAX_FIELD)
            raise LinkInputError(f"{path.name}, row {number}, {name}: longer than {MAX_FIELD}")
        record_id, given, family, born, sex, address, postcode, nhs_number = values
        if not record_id:
            raise LinkInputError(f"{path.name}, row {number}, record_id: empty")
        if record_id in seen:
            raise LinkInputError(f"{path.name}, row {number}, record_id: {record_id!r} repeats")
        seen.add(record_id)
        if born not in dates:
            try:
                dates[born] = dt.date.fromisoformat(born)
            except ValueError:
                raise LinkInputError(
                    f"{path.name}, row {number}, date_of_birth: not a date like 2017-04-01"
                ) from None
        date_of_birth = dates[born]
        share = shared.setdefault
        given, family, sex = share(given, given), share(family, family), share(sex, sex)
        postcode, nhs_number = share(postcode, postcode), share(nhs_number, nhs_number)
        records.append(
            MatchRecord(record_id, given, family, date_of_birth, sex, address, postcode, nhs_number)
        )
    return records


@dataclass(frozen=True)
class LinkStats:
    records: int
    comparisons: int
    pairs: int


class Linker:
    """The records as columns, and the blocking keys as arrays of (key, record): candidate
    pairs and their scores are worked out a chunk of records at a time, array by array."""

    def __init__(self, columns: Columns, *, right_start: int | None = None) -> None:
        """Deduplicates the columns' records, or links those before `right_start` with
        those from it on."""
        self.columns = columns
        self.dedupe = right_start is None
        self.right_start = right_start or 0
        self.left_count = columns.count if right_start is None else right_start
        records, keys = columns.blocking_keys()
        on_right = records >= self.right_start
        by_key = np.argsort(keys[on_right], kind="stable")
        self.holders = records[on_right][by_key]  # the right's records, grouped by key
        self.block_size = np.bincount(keys[on_right], minlength=keys.max(initial=-1) + 1)
        self.block_start = np.cumsum(self.block_size) - self.block_size
        on_left = records < self.left_count  # the records are in order already
        self.left_keys, self.left_records = keys[on_left], records[on_left]

    @classmethod
    def of_records(
        cls, left: Sequence[MatchRecord], right: Sequence[MatchRecord] | None
    ) -> "Linker":
        """One set of columns for both files, so that codes compare across them: the right
        file's records follow the left's."""
        with _collector_paused():
            columns = Columns.of_records(list(left) if right is None else [*left, *right])
        return cls(columns, right_start=None if right is None else len(left))

    @classmethod
    def of_features(cls, features: Sequence[Features]) -> "Linker":
        return cls(Columns.of_features(features))

    def _shared(self, first: int, last: int, smallest: int, largest: int) -> npt.NDArray:
        """Pairs (as left * N + right) of the left records first..last-1 with the records
        they share a key with, a pair once for each key it shares, among keys held by
        smallest..largest records."""
        low, high = np.searchsorted(self.left_records, [first, last])
        keys, lefts = self.left_keys[low:high], self.left_records[low:high]
        sizes = self.block_size[keys]
        wanted = (sizes >= smallest) & (sizes <= largest)
        keys, lefts, sizes = keys[wanted], lefts[wanted], sizes[wanted]
        ends = np.cumsum(sizes)
        within = np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - sizes, sizes)
        rights = self.holders[np.repeat(self.block_start[keys], sizes) + within]
        lefts = np.repeat(lefts, sizes)
        if self.dedupe:
            later = rights > lefts
            lefts, rights = lefts[later], rights[later]
        return lefts * self.columns.count + rights

    def candidates(self, first: int, last: int) -> tuple[npt.NDArray, npt.NDArray]:
        """Everyone in a small block; from a larger one, only those who share a second key
        (a namesake shares one key, a true match several). In order, each pair once."""
        small = self._shared(first, last, 1, SMALL_BLOCK)
        larger, counts, _ = distinct(self._shared(first, last, SMALL_BLOCK + 1, BLOCK_CAP))
        pairs, _, _ = distinct(np.concatenate([small, larger[counts >= 2]]))
        return self._split(pairs)

    def strong_pairs(self, first: int, last: int) -> tuple[npt.NDArray, npt.NDArray]:
        """The candidates that share two keys or more: rich in matches, so that EM's match
        class is the matches, not the namesakes one common surname brings together."""
        pairs, counts, _ = distinct(self._shared(first, last, 1, BLOCK_CAP))
        return self._split(pairs[counts >= 2])

    def _split(self, pairs: npt.NDArray) -> tuple[npt.NDArray, npt.NDArray]:
        return pairs // self.columns.count, pairs % self.columns.count

    def train(self) -> MatchModel:
        sample = min(EM_SAMPLE, self.left_count)
        left, right = self.strong_pairs(0, sample)
        vectors = level_counts(self.columns.levels(left, right))
        n, m, k = self.left_count, self.columns.count - self.right_start, sample
        if self.dedupe:  # the pairs (i, j > i) with i among the first k records
            total, sampled = n * (n - 1) // 2, k * (2 * n - k - 1) // 2
        else:
            total, sampled = n * m, k * m
        share = sampled / max(total, 1)
        return estimate(
            self.columns,
            vectors,
            total_pairs=max(1, round(total * share)),
        )


@dataclass(frozen=True)
class Scores:
    """A chunk's pairs at or above a threshold, and how many pairs were compared."""

    lefts: npt.NDArray[np.int64]
    rights: npt.NDArray[np.int64]
    probabilities: npt.NDArray[np.float64]
    compared: int


def chunk_scores(linker: Linker, model: MatchModel, threshold: float, first: int) -> Scores:
    """The pairs of the left records first..first+CHUNK-1 scoring `threshold` or more."""
    lefts, rights = linker.candidates(first, min(first + CHUNK, linker.left_count))
    probabilities = linker.columns.probabilities(
        model, linker.columns.levels(lefts, rights), rights
    )
    kept = probabilities >= threshold
    return Scores(lefts[kept], rights[kept], probabilities[kept], len(lefts))


def scores_in_order(linker: Linker, model: MatchModel, threshold: float) -> Iterator[Scores]:
    """Every chunk's scores, in order, worked out on several threads: the chunks are
    independent, and numpy lets go of the interpreter while it works through an array, so
    the threads share the cores without copying the columns (processes would each hold their
    own copy of every page they touch)."""
    firsts = range(0, linker.left_count, CHUNK)
    workers = min(os.cpu_count() or 1, WORKERS, len(firsts))
    if workers < 2:
        yield from (chunk_scores(linker, model, threshold, first) for first in firsts)
        return
    with ThreadPoolExecutor(workers) as pool:
        yield from pool.map(partial(chunk_scores, linker, model, threshold), firsts)


def link(linker: Linker, *, out: TextIO, threshold: float, progress: bool = False) -> LinkStats:
    """Trains the model on the linker's records, and writes every pair scoring `threshold`
    or more. The linker is made by the caller (`Linker.of_records(read_records(path), ...)`)
    so that the records, once in columns, are let go: the columns are far smaller."""
    model = linker.train()
    writer = csv.writer(out)
    writer.writerow(["left_id", "right_id", "probability"])
    comparisons = written = 0
    ids = linker.columns.record_ids
    bar = tqdm(total=linker.left_count, unit=" records", disable=not progress, desc="Linking")
    for scores in scores_in_order(linker, model, threshold):
        writer.writerows(
            [safe_cell(ids[i]), safe_cell(ids[j]), f"{p:.6f}"]
            for i, j, p in zip(
                scores.lefts.tolist(),
                scores.rights.tolist(),
                scores.probabilities.tolist(),
                strict=True,
            )
        )
        comparisons += scores.compared
        written += len(scores.lefts)
        bar.update(min(CHUNK, linker.left_count - bar.n))
    bar.close()
    return LinkStats(linker.left_count, comparisons, written)
