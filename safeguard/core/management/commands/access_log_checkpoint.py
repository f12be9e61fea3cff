from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core.access_log import Anchor, access_log_verify
from safeguard.core.access_log_checkpoints import (
    CheckpointError,
    checkpoint_append,
    checkpoint_check_against_log,
    checkpoints_read,
    signing_key_load,
)


class Command(BaseCommand):
    help = (
        "Check the access log since the last checkpoint in FILE, then append one signed "
        "checkpoint of its head. Needs SAFEGUARD_ACCESS_LOG_SIGNING_KEY. Run it from the "
        "scheduler; keep FILE where the database and app servers cannot rewrite it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="the checkpoint file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["out"]
        try:
            key = signing_key_load(settings.ACCESS_LOG_SIGNING_KEY)
            earlier = checkpoints_read(path, key.public_key()) if _has_lines(path) else []
            since = earlier[-1].seq if earlier else 0
            if earlier:
                checkpoint_check_against_log(earlier[-1])
        except CheckpointError as error:
            raise CommandError(f"FAILED: {error}. No checkpoint written.") from None
        skew = timedelta(seconds=settings.ACCESS_LOG_CLOCK_SKEW_SECONDS)
        anchor = (
            Anchor(sealed={}, last_seq=since, last_at=earlier[-1].head_time, clock_skew=skew)
            if earlier
            else None
        )
        report = access_log_verify(since_seq=since, anchor=anchor)
        if not report.ok:
            raise CommandError(
                f"FAILED at row {report.first_bad_seq}: {report.problem}. No checkpoint written."
            )
        checkpoint = checkpoint_append(path=path, signing_key=key, verified=report)
        self.stdout.write(
            f"Checkpoint of row {checkpoint.seq} (head {checkpoint.head[:16]}) added to {path}"
        )


def _has_lines(path: Path) -> bool:
    return path.exists() and bool(path.read_text().strip())
