from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.partners.models import User
from safeguard.returns.codelists import year_label
from safeguard.returns.codelists.years import parse_collection_year
from safeguard.returns.errors import ReturnInvalid
from safeguard.returns.models import ReturnKind
from safeguard.returns.services.imports import ImportOutcome, ReturnFile, return_import


class Command(BaseCommand):
    help = (
        "Import the council's return for a collection year, all or none: the SSDA903 CSV "
        "tables, or the CIN census XML file. The same return twice changes nothing; a "
        "corrected one replaces the earlier one."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="the SSDA903 CSV tables, one CIN XML file or one Annex A workbook",
        )
        parser.add_argument("--year", required=True, help="the collection year, like 2017-18")
        parser.add_argument(
            "--user", required=True, help="the email of the council analyst importing it"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, but write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = parse_collection_year(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        user = User.objects.filter(email__iexact=options["user"], is_active=True).first()
        if user is None:
            raise CommandError("No active user has that email")
        files = []
        for name in tqdm(options["files"], desc="Reading", unit=" file", disable=None):
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            files.append(ReturnFile(path.name, path.read_bytes()))
        try:
            outcome = return_import(
                actor=Actor.for_user(user),
                collection_year=year,
                files=files,
                dry_run=options["dry_run"],
                progress=lambda step: self.stderr.write(step),
            )
        except ReturnInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(str(invalid)) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(describe(outcome, dry_run=options["dry_run"]))


def describe(outcome: ImportOutcome, *, dry_run: bool) -> str:
    label = f"{ReturnKind(outcome.kind).label} {year_label(outcome.collection_year)}"
    if outcome.unchanged:
        return f"{label}: the same as the return already imported; nothing changed"
    counts = ", ".join(f"{table} {n}" for table, n in sorted(outcome.counts.items()))
    verb = "Would import" if dry_run else "Imported"
    lines = [f"{verb} {label}: {counts}"]
    if outcome.replaces is not None:
        lines.append("It replaces the return imported earlier. Changes:")
        for table, change in outcome.changes.items():
            lines.append(
                f"  {table}: {change['added']} added, {change['removed']} removed, "
                f"{change['changed']} changed"
            )
    return "\n".join(lines)
