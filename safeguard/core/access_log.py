"""The access log: one append-only, hash-chained row for every touch of personal data.

Each row's hash covers its canonical content, the people it concerns and the previous row's
hash. Writers take a lock so that the chain has one order: an advisory transaction lock on
PostgreSQL, and IMMEDIATE transactions on SQLite (see settings).
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
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


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


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
        _lock_chain()
        last = AccessLogEntry.objects.order_by("-seq").values_list("seq", "row_hash").first()
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
        entry.save()
        AccessLogSubject.objects.bulk_create(
            AccessLogSubject(entry=entry, person_id=pid) for pid in subject_ids
        )
    return entry


@dataclass(frozen=True)
class ChainReport:
    rows: int
    first_bad_seq: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def _entries_in_chunks(chunk_size: int) -> Iterator[tuple[AccessLogEntry, list[UUID]]]:
    last_id = 0
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


def access_log_verify(*, chunk_size: int = 5000) -> ChainReport:
    """Recompute the chain from the first row. Names the first row that does not fit."""
    expected_seq, prev_hash, rows = 1, GENESIS_HASH, 0
    for entry, subjects in _entries_in_chunks(chunk_size):
        rows += 1
        if entry.seq != expected_seq:
            return ChainReport(
                rows, entry.seq, f"expected row {expected_seq} here: rows removed or reordered"
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(rows, entry.seq, "does not follow the previous row's hash")
        if entry_hash(entry, subjects) != entry.row_hash:
            return ChainReport(rows, entry.seq, "content does not match its hash: altered")
        expected_seq, prev_hash = expected_seq + 1, entry.row_hash
    return ChainReport(rows)
