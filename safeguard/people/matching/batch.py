"""Linking files of person records: one file is deduplicated, two are linked. Blocking keys
find the candidate pairs, the model is estimated on the data itself (no labels), and every
pair at or above the threshold is written. Memory holds the records' features and the keys'
index, never the set of pairs."""

import csv
import datetime as dt
import io
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from safeguard.core.csv_export import safe_cell
from safeguard.people.matching.blocking import blocking_keys
from safeguard.people.matching.comparisons import Level, compare
from safeguard.people.matching.estimate import estimate
from safeguard.people.matching.features import Features, MatchRecord, prepare
from safeguard.people.matching.model import MatchModel

COLUMNS = (
    "record_id", "given_name", "family_name", "date_of_birth", "sex", "address", "postcode",
    "nhs_number",
)  # fmt: skip
MAX_FIELD = 1000  # characters: no name or address is longer; a longer cell is refused
BLOCK_CAP = 400  # a key shared by more records than this is too common to block on
SMALL_BLOCK = 40  # a key shared by fewer is selective enough on its own
EM_SAMPLE = 10_000  # records whose candidates train the model (thousands of matches)


class LinkInputError(ValueError):
    """A file the linker cannot read, with the row and field to put right."""


def read_records(path: Path) -> list[MatchRecord]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LinkInputError(f"{path.name} is not UTF-8 text (byte {error.start})") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(rows, [])]
    if "record_id" not in header:
        raise LinkInputError(f"{path.name}: the first row must name the columns, with record_id")
    index = {name: header.index(name) for name in COLUMNS if name in header}
    records, seen = [], set()
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {name: (row[i].strip() if i < len(row) else "") for name, i in index.items()}
        for name, value in values.items():
            if len(value) > MAX_FIELD:
                raise LinkInputError(f"{path.name}, row {number}, {name}: longer than {MAX_FIELD}")
        record_id = values["record_id"]
        if not record_id:
            raise LinkInputError(f"{path.name}, row {number}, record_id: empty")
        if record_id in seen:
            raise LinkInputError(f"{path.name}, row {number}, record_id: {record_id!r} repeats")
        seen.add(record_id)
        born = None
        if values.get("date_of_birth"):
            try:
                born = dt.date.fromisoformat(values["date_of_birth"])
            except ValueError:
                raise LinkInputError(
                    f"{path.name}, row {number}, date_of_birth: not a date like 2017-04-01"
                ) from None
        records.append(
            MatchRecord(
                record_id=record_id,
                given_name=values.get("given_name", ""),
                family_name=values.get("family_name", ""),
                date_of_birth=born,
                sex=values.get("sex", ""),
                address=values.get("address", ""),
                postcode=values.get("postcode", ""),
                nhs_number=values.get("nhs_number", ""),
            )
        )
    return records


@dataclass(frozen=True)
class LinkStats:
    records: int
    comparisons: int
    pairs: int
    seconds: float


class Linker:
    def __init__(self, left: Sequence[Features], right: Sequence[Features] | None) -> None:
        self.dedupe = right is None
        self.left = list(left)
        self.right = self.left if right is None else list(right)
        self.index: dict[str, list[int]] = defaultdict(list)
        for position, features in enumerate(self.right):
            for key in blocking_keys(features):
                self.index[key].append(position)

    def candidates(self, position: int) -> set[int]:
        """Everyone in a small block; from a larger one, only those who share a second key
        (a namesake shares one key, a true match several)."""
        found: set[int] = set()
        shared: Counter[int] = Counter()
        for key in blocking_keys(self.left[position]):
            block = self.index.get(key, ())
            if len(block) <= SMALL_BLOCK:
                found.update(block)
            elif len(block) <= BLOCK_CAP:
                shared.update(block)
        found.update(j for j, count in shared.items() if count >= 2)
        if self.dedupe:
            found = {j for j in found if j > position}
        return found

    def pairs(self, positions: Sequence[int]) -> Iterator[tuple[Features, Features]]:
        for i in positions:
            for j in sorted(self.candidates(i)):
                yield self.left[i], self.right[j]

    def strong_pairs(self, positions: Sequence[int]) -> Iterator[tuple[Features, Features]]:
        """The candidates that share two keys or more: rich in matches, so that EM's match
        class is the matches, not the namesakes one common surname brings together."""
        for i in positions:
            shared: Counter[int] = Counter()
            for key in blocking_keys(self.left[i]):
                block = self.index.get(key, ())
                if len(block) <= BLOCK_CAP:
                    shared.update(block)
            for j, count in sorted(shared.items()):
                if count >= 2 and (not self.dedupe or j > i):
                    yield self.left[i], self.right[j]

    def train(self) -> MatchModel:
        sample = range(min(EM_SAMPLE, len(self.left)))
        vectors: Counter[tuple[Level, ...]] = Counter()
        for a, b in self.strong_pairs(sample):
            vectors[compare(a, b)[0]] += 1
        n, m, k = len(self.left), len(self.right), len(sample)
        if self.dedupe:  # the pairs (i, j > i) with i among the first k records
            total, sampled = n * (n - 1) // 2, k * (2 * n - k - 1) // 2
        else:
            total, sampled = n * m, k * m
        share = sampled / max(total, 1)
        return estimate(
            self.right if self.dedupe else self.left + self.right,
            vectors.elements(),
            total_pairs=max(1, round(total * share)),
        )


def link(
    left: Sequence[MatchRecord],
    right: Sequence[MatchRecord] | None,
    *,
    out: TextIO,
    threshold: float,
    progress: bool = False,
) -> LinkStats:
    started = time.perf_counter()
    linker = Linker(
        [prepare(r) for r in left], None if right is None else [prepare(r) for r in right]
    )
    model = linker.train()
    writer = csv.writer(out)
    writer.writerow(["left_id", "right_id", "probability"])
    comparisons = written = 0
    bar = tqdm(total=len(linker.left), unit=" records", disable=not progress, desc="Linking")
    for i, a in enumerate(linker.left):
        for j in sorted(linker.candidates(i)):
            b = linker.right[j]
            levels, _ = compare(a, b)
            probability = model.probability(levels, b)
            comparisons += 1
            if probability >= threshold:
                writer.writerow(
                    [safe_cell(a.record_id), safe_cell(b.record_id), f"{probability:.6f}"]
                )
                written += 1
        bar.update(1)
    bar.close()
    return LinkStats(len(linker.left), comparisons, written, time.perf_counter() - started)
