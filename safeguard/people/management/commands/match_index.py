from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from safeguard.people.matching.index import match_index_rebuild, matcher_train


class Command(BaseCommand):
    help = (
        "Rebuild the matcher's blocking keys for every person in the index, then estimate its "
        "model from the index without labels (run after a bulk load, and now and then)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--keys-only", action="store_true", help="do not re-estimate")

    def handle(self, *args: Any, **options: Any) -> None:
        keys = match_index_rebuild(progress=True)
        self.stdout.write(f"{keys:,} match keys written")
        if not options["keys_only"]:
            self.stderr.write("Estimating the model from the index…")
            parameters = matcher_train()
            self.stdout.write(f"Model estimated on {parameters.records:,} records")
