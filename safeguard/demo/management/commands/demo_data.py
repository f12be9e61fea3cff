import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeguard.demo.generator import BoroughGenerator
from safeguard.people.models import Person


class Command(BaseCommand):
    help = "Load the demo borough: agencies, one user per role and synthetic families."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="1 makes about 80,000 children; 10 makes ten times as many",
        )
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the people index already has anyone in it",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Person.objects.exists():
            self.stdout.write("The demo borough is already loaded.")
            return
        started = time.perf_counter()
        summary = BoroughGenerator(
            scale=options["scale"], seed=options["seed"], progress=not options["quiet"]
        ).run()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Demo borough loaded in {seconds:.1f}s: {summary.agencies} agencies, "
            f"{summary.users} users, {summary.children:,} children, {summary.adults:,} adults."
        )
