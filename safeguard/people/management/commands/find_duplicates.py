from typing import Any

from django.core.management.base import BaseCommand

from safeguard.people.services import person_duplicates_find


class Command(BaseCommand):
    help = (
        "Search the whole people index for records that are likely one person (the possible "
        "band and above), for the information governance officer's duplicates report. Pairs "
        "already judged to be two people are not offered again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        pairs = person_duplicates_find(progress=True)
        self.stdout.write(f"{pairs:,} pairs to review")
