"""Signed checkpoints: the access log's chain anchored outside the database (ADR 20).

A checkpoint is one JSON line naming the chain's head (its `seq`, its hash and its time),
signed with an Ed25519 key that only the checkpoint job holds. Each line also carries the hash
of the line before it, so that a line removed from the middle of the file is noticed. Checking
needs only the public key: whoever can verify cannot forge.
"""

import base64
import binascii
import fcntl
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from django.utils import timezone

from safeguard.core.access_log import Anchor, ChainReport
from safeguard.core.models import AccessLogEntry

# Signed with the checkpoint, so that a signature made for anything else never verifies here.
_CONTEXT = b"safeguard access-log checkpoint v1\n"
FIRST_PREVIOUS = "0" * 64


class CheckpointError(Exception):
    """The checkpoints cannot be trusted, or the log no longer holds what they recorded."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head: str
    head_at: str  # the head row's time; "" for a checkpoint of an empty log
    signed_at: str
    previous: str  # the SHA-256 of the line before, or FIRST_PREVIOUS
    signature: str = ""

    def payload(self) -> bytes:
        content = {k: v for k, v in asdict(self).items() if k != "signature"}
        return _CONTEXT + json.dumps(content, sort_keys=True, separators=(",", ":")).encode()

    def line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    @property
    def head_time(self) -> datetime | None:
        return datetime.fromisoformat(self.head_at) if self.head_at else None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def keys_generate() -> tuple[str, str]:
    """A new pair, base64: (signing key, verify key)."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    raw_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return _b64(raw_private), _b64(raw_public)


def _decode(key: str, name: str) -> bytes:
    try:
        raw = base64.b64decode(key.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise CheckpointError(f"{name} is not a key that `safeguard access-log-keygen` made")
    return raw


def signing_key_load(key: str) -> Ed25519PrivateKey:
    if not key:
        raise CheckpointError("Set SAFEGUARD_ACCESS_LOG_SIGNING_KEY for the checkpoint job")
    raw = _decode(key, "SAFEGUARD_ACCESS_LOG_SIGNING_KEY")
    return Ed25519PrivateKey.from_private_bytes(raw)


def verify_key_load(key: str) -> Ed25519PublicKey:
    if not key:
        raise CheckpointError("Set SAFEGUARD_ACCESS_LOG_VERIFY_KEY to check the checkpoints")
    return Ed25519PublicKey.from_public_bytes(_decode(key, "SAFEGUARD_ACCESS_LOG_VERIFY_KEY"))


def _line_hash(line: str) -> str:
    return hashlib.sha256(line.encode()).hexdigest()


def checkpoints_read(path: Path, verify_key: Ed25519PublicKey) -> list[Checkpoint]:
    """Every checkpoint in the file, each signature and link to the line before checked."""
    if not path.exists():
        raise CheckpointError(f"No checkpoint file at {path}")
    checkpoints: list[Checkpoint] = []
    previous_line = ""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            checkpoint = Checkpoint(**json.loads(line))
            signature = base64.b64decode(checkpoint.signature, validate=True)
            verify_key.verify(signature, checkpoint.payload())
        except (ValueError, TypeError, binascii.Error, InvalidSignature):
            raise CheckpointError(
                f"Checkpoint on line {number}: the signature does not verify with this key"
            ) from None
        expected = _line_hash(previous_line) if previous_line else FIRST_PREVIOUS
        if checkpoint.previous != expected:
            raise CheckpointError(
                f"Checkpoint on line {number} does not follow the previous checkpoint: "
                "lines were removed or reordered"
            )
        if checkpoints and checkpoint.seq < checkpoints[-1].seq:
            raise CheckpointError(f"Checkpoint on line {number} goes back in the log")
        checkpoints.append(checkpoint)
        previous_line = line
    return checkpoints


def checkpoint_check_against_log(checkpoint: Checkpoint) -> None:
    """Raises if the log no longer holds this checkpoint's row with its hash."""
    if checkpoint.seq == 0:
        return
    row_hash = (
        AccessLogEntry.objects.filter(seq=checkpoint.seq).values_list("row_hash", flat=True).first()
    )
    if row_hash is None:
        raise CheckpointError(
            f"The log is shorter than its last checkpoint: row {checkpoint.seq} is gone"
        )
    if row_hash != checkpoint.head:
        raise CheckpointError(
            f"Row {checkpoint.seq} no longer has the hash its checkpoint signed: "
            "the rows up to it were altered"
        )


def checkpoint_append(
    *, path: Path, signing_key: Ed25519PrivateKey, verified: ChainReport
) -> Checkpoint:
    """Sign the head the caller verified (not a newer one) and append it to the file, read
    again under a lock so that two jobs cannot interleave their lines."""
    with path.open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        lines = [line for line in handle.read().splitlines() if line.strip()]
        previous = _line_hash(lines[-1]) if lines else FIRST_PREVIOUS
        head_at = verified.head_at
        unsigned = Checkpoint(
            seq=verified.rows,
            head=verified.head_hash,
            head_at=head_at.astimezone(UTC).isoformat(timespec="microseconds") if head_at else "",
            signed_at=timezone.now().astimezone(UTC).isoformat(timespec="seconds"),
            previous=previous,
        )
        signature = _b64(signing_key.sign(unsigned.payload()))
        checkpoint = Checkpoint(**{**asdict(unsigned), "signature": signature})
        handle.write(checkpoint.line() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return checkpoint


def anchor_from(checkpoints: Sequence[Checkpoint], clock_skew: timedelta) -> Anchor | None:
    if not checkpoints:
        return None
    last = checkpoints[-1]
    return Anchor(
        sealed={c.seq: c.head for c in checkpoints if c.seq},
        last_seq=last.seq,
        last_at=last.head_time,
        clock_skew=clock_skew,
    )
