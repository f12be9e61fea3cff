from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core.access_log import access_log_ever_written, access_log_verify
from safeguard.core.access_log_checkpoints import (
    Checkpoint,
    CheckpointError,
    anchor_from,
    checkpoints_read,
    verify_key_load,
)


class Command(BaseCommand):
    help = (
        "Check the access log's hash chain, and with --checkpoints FILE hold it to the signed "
        "checkpoints (needs SAFEGUARD_ACCESS_LOG_VERIFY_KEY). Exits non-zero and names the "
        "first bad row."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints", type=Path, help="the file `safeguard access-log-checkpoint` writes"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoints: list[Checkpoint] = []
        if options["checkpoints"]:
            try:
                key = verify_key_load(settings.ACCESS_LOG_VERIFY_KEY)
                checkpoints = checkpoints_read(options["checkpoints"], key)
            except CheckpointError as error:
                raise CommandError(f"FAILED: {error}") from None
        skew = timedelta(seconds=settings.ACCESS_LOG_CLOCK_SKEW_SECONDS)
        report = access_log_verify(anchor=anchor_from(checkpoints, skew))
        if not report.ok:
            raise CommandError(f"FAILED at row {report.first_bad_seq}: {report.problem}")
        if report.rows == 0:
            self._empty(checkpoints)
            return
        self.stdout.write(
            f"OK {report.rows} rows (head {report.head_hash[:16]}). {_anchored(checkpoints)}"
        )

    def _empty(self, checkpoints: list[Checkpoint]) -> None:
        if access_log_ever_written():
            raise CommandError(
                "FAILED: the log is empty, but rows were written to it before: it was wiped"
            )
        self.stdout.write(f"EMPTY: no rows have been written yet. {_anchored(checkpoints)}")


def _anchored(checkpoints: list[Checkpoint]) -> str:
    if not checkpoints:
        return "No checkpoints given: rows cut off the end cannot be ruled out."
    last = checkpoints[-1]
    return (
        f"It holds all {len(checkpoints)} checkpoints; the latest, of row {last.seq}, "
        f"was signed at {last.signed_at}."
    )
