"""The access log: one append-only, hash-chained row for every touch of personal data.

Each row's hash covers its canonical content, the people it concerns and the previous row's
hash. Writers take a lock so that the chain has one order: an advisory transaction lock on
PostgreSQL, and IMMEDIATE transactions on SQLite (see settings).
"""

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from django.db import connection, transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.models import AccessLogEntry, AccessLogSubject

GENESIS_HASH = "0" * 64
_CHAIN_LOCK_KEY = 0x5AFE_0001


class Action(StrEnum):
    VIEW = "view"
    SEARCH = "search"
    EXPORT = "export"
    CREATE = "create"
    CHANGE = "change"
    MERGE = "merge"
    UNMERGE = "unmerge"
    BREAK_GLASS = "break_glass"


def _canonical(entry: AccessLogEntry, subjects: Iterable[UUID]) -> bytes:
    content = {
        "seq": entry.seq,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_user_id": str(entry.actor_user_id or ""),
        "actor_label": entry.actor_label,
        "agency_id": str(entry.agency_id or ""),
        "agency_name": entry.agency_name,
        "roles": entry.roles,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "why": entry.why,
        "break_glass": entry.break_glass,
        "subjects": sorted(str(s) for s in subjects),
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(entry: AccessLogEntry, subjects: Iterable[UUID]) -> str:
    return hashlib.sha256(_canonical(entry, subjects)).hexdigest()


def _chain_head() -> tuple[int, str] | None:
    """The last row's (seq, hash), read once the writer holds the chain.

    On PostgreSQL the lock and the read go to the server together, as two statements in one
    round trip: each statement takes its own snapshot (READ COMMITTED), so the read still sees
    every row committed before the lock was granted. Every page that shows personal data
    writes a row, so each round trip saved is saved on all of them."""
    if connection.vendor != "postgresql":
        return AccessLogEntry.objects.order_by("-seq").values_list("seq", "row_hash").first()
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    with connection.cursor() as cursor:
        # Our own table name and lock key: nothing here comes from a request.
        lock = f"SELECT pg_advisory_xact_lock({_CHAIN_LOCK_KEY:d}); "
        cursor.execute(lock + f"SELECT seq, row_hash FROM {table} ORDER BY seq DESC LIMIT 1")  # noqa: S608
        cursor.nextset()
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def _insert(entry: AccessLogEntry, subject_ids: list[UUID]) -> None:
    """Write the row and its subjects. On PostgreSQL both inserts are one statement."""
    if connection.vendor != "postgresql":
        entry.save()
        AccessLogSubject.objects.bulk_create(
            AccessLogSubject(entry=entry, person_id=pid) for pid in subject_ids
        )
        return
    fields = [f for f in AccessLogEntry._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    entries, subjects = AccessLogEntry._meta.db_table, AccessLogSubject._meta.db_table
    entry_column = AccessLogSubject._meta.get_field("entry").column
    sql = (
        f"WITH e AS (INSERT INTO {quote(entries)} ({columns}) VALUES ({placeholders}) "  # noqa: S608
        "RETURNING id), "
        f"s AS (INSERT INTO {quote(subjects)} ({quote(entry_column)}, person_id) "
        "SELECT e.id, p FROM e, unnest(%s::uuid[]) AS p) "
        "SELECT id FROM e"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, subject_ids])
        entry.pk = cursor.fetchone()[0]
    entry._state.adding = False


def access_log_record(
    *,
    actor: Actor,
    action: Action,
    object_type: str,
    object_id: object = "",
    subjects: Iterable[UUID] = (),
    why: str = "",
    break_glass: bool = False,
) -> AccessLogEntry:
    """Append one row. Call it inside the transaction that reads or changes the data."""
    subject_ids = sorted(set(subjects), key=str)
    # No savepoint: if the log cannot be written, the read or change it records must fail too.
    with transaction.atomic(savepoint=False):
        last = _chain_head()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        entry = AccessLogEntry(
            seq=seq,
            at=timezone.now(),
            actor_user_id=actor.user_id,
            actor_label=actor.label,
            agency_id=actor.agency_id,
            agency_name=actor.agency.name if actor.agency else "",
            roles=",".join(sorted(actor.roles)) or ("api" if actor.is_api else ""),
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            why=why,
            break_glass=break_glass,
            prev_hash=prev_hash,
        )
        entry.row_hash = entry_hash(entry, subject_ids)
        _insert(entry, subject_ids)
    return entry


@dataclass(frozen=True)
class ChainReport:
    rows: int
    first_bad_seq: int | None = None
    problem: str = ""
    # The last row that verified: what a checkpoint signs.
    head_hash: str = GENESIS_HASH
    head_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


@dataclass(frozen=True)
class Anchor:
    """What checkpoints outside the database say the chain held (access_log_checkpoints.py)."""

    sealed: Mapping[int, str]  # seq -> the row hash a checkpoint signed
    last_seq: int  # the latest checkpoint's row: the log must still reach it
    last_at: datetime | None  # its time: every later row was written after it
    clock_skew: timedelta = timedelta(0)  # between app servers' clocks


def _entries_in_chunks(
    chunk_size: int, after_pk: int = 0
) -> Iterator[tuple[AccessLogEntry, list[UUID]]]:
    last_id = after_pk
    while True:
        # Walk by the physical key, so that a row whose seq was rewritten is still visited.
        entries = list(AccessLogEntry.objects.filter(pk__gt=last_id).order_by("pk")[:chunk_size])
        if not entries:
            return
        subjects: dict[int, list[UUID]] = {e.pk: [] for e in entries}
        for entry_id, person_id in AccessLogSubject.objects.filter(
            entry_id__in=subjects
        ).values_list("entry_id", "person_id"):
            subjects[entry_id].append(person_id)
        for entry in entries:
            yield entry, subjects[entry.pk]
        last_id = entries[-1].pk


def _against_anchor(entry: AccessLogEntry, anchor: Anchor) -> str:
    signed = anchor.sealed.get(entry.seq)
    if signed is not None and signed != entry.row_hash:
        return "does not have the hash its checkpoint signed: the rows up to it were altered"
    if (
        entry.seq > anchor.last_seq
        and anchor.last_at is not None
        and entry.at < anchor.last_at - anchor.clock_skew
    ):
        return (
            f"dated before the checkpoint of row {anchor.last_seq}, which it follows: "
            "it was added afterwards"
        )
    return ""


def _start_from(seq: int) -> tuple[int, str, datetime] | None:
    """(pk, hash, time) of the row a walk resumes after, for a check since a checkpoint."""
    return AccessLogEntry.objects.filter(seq=seq).values_list("pk", "row_hash", "at").first()


def access_log_verify(
    *, anchor: Anchor | None = None, since_seq: int = 0, chunk_size: int = 5000
) -> ChainReport:
    """Recompute the chain from the first row (or from row `since_seq`, already trusted), and
    hold it to the anchor if there is one. Names the first row that does not fit."""
    expected_seq, prev_hash, after_pk, rows = 1, GENESIS_HASH, 0, 0
    head_at: datetime | None = None
    if since_seq:
        start = _start_from(since_seq)
        if start is None:
            return ChainReport(0, since_seq, f"row {since_seq} is gone")
        after_pk, prev_hash, head_at = start
        rows, expected_seq = since_seq, since_seq + 1
    for entry, subjects in _entries_in_chunks(chunk_size, after_pk):
        rows += 1
        if entry.seq != expected_seq:
            return ChainReport(
                rows, entry.seq, f"expected row {expected_seq} here: rows removed or reordered"
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(rows, entry.seq, "does not follow the previous row's hash")
        if entry_hash(entry, subjects) != entry.row_hash:
            return ChainReport(rows, entry.seq, "content does not match its hash: altered")
        problem = _against_anchor(entry, anchor) if anchor else ""
        if problem:
            return ChainReport(rows, entry.seq, problem)
        expected_seq, prev_hash, head_at = expected_seq + 1, entry.row_hash, entry.at
    if anchor is not None and rows < anchor.last_seq:
        return ChainReport(
            rows,
            rows + 1,
            f"the log is shorter than its last checkpoint, which signed row {anchor.last_seq}: "
            "rows were cut off the end",
        )
    return ChainReport(rows, head_hash=prev_hash, head_at=head_at)


def access_log_ever_written() -> bool:
    """Whether any row was ever written, judged by the key's sequence, which removing rows
    does not rewind (a rolled-back write also moves it on)."""
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_sequence_last_value(pg_get_serial_sequence(%s, 'id'))", [table]
            )
            return cursor.fetchone()[0] is not None
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        return bool(row and row[0])
