import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeguard.mash.services.submit import unsent_files_remove


class Command(BaseCommand):
    help = "Remove documents attached to notification drafts that were never sent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-hours", type=int, default=48)

    def handle(self, *args: Any, **options: Any) -> None:
        count = unsent_files_remove(older_than=dt.timedelta(hours=options["older_than_hours"]))
        self.stdout.write(f"Removed {count} unsent document{'s' if count != 1 else ''}")
