import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safeguard.people.matching.batch import (
    Linker,
    LinkInputError,
    arrays_returned_when_freed,
    link,
    read_records,
)


class Command(BaseCommand):
    help = (
        "Match person records in CSV files: one file is deduplicated, two are linked. Columns "
        "(any may be missing or empty): record_id, given_name, family_name, date_of_birth "
        "(YYYY-MM-DD), sex, address, postcode, nhs_number. Writes left_id, right_id, "
        "probability for the pairs at or above the threshold."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("left", help="a CSV file of person records")
        parser.add_argument("right", nargs="?", help="a second file, to link with the first")
        parser.add_argument("--out", required=True, help="the CSV file of pairs to write")
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="the least probability written (default: the match band)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold = options["threshold"]
        if threshold is None:
            threshold = settings.PEOPLE_MATCH_THRESHOLD
        if not 0 < threshold <= 1:
            raise CommandError("The threshold is a probability, above 0 and at most 1")
        started = time.perf_counter()
        arrays_returned_when_freed()
        try:
            linker = Linker.of_records(
                read_records(Path(options["left"])),
                read_records(Path(options["right"])) if options["right"] else None,
            )
        except (LinkInputError, OSError) as error:
            raise CommandError(str(error)) from None
        with Path(options["out"]).open("w", newline="", encoding="utf-8") as out:
            stats = link(linker, out=out, threshold=threshold, progress=True)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{stats.records:,} records, {stats.comparisons:,} comparisons, {stats.pairs:,} "
            f"pairs written in {seconds:.1f} s "
            f"({stats.records / max(seconds, 1e-9):,.0f} records/s)"
        )
