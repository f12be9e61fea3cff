from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.training.services.retention import training_retention


class Command(BaseCommand):
    help = (
        "Anonymise training delegates and e-learners older than the retention period. "
        "Counts, agencies, fees and ratings stay, so every report keeps its figures."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="YEARS",
            help="Anonymise records of sessions and completions more than this many years ago",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            bookings, completions = training_retention(older_than_years=options["older_than"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Anonymised {bookings} booking{'s' if bookings != 1 else ''} and "
            f"{completions} e-learning completion{'s' if completions != 1 else ''}"
        )
