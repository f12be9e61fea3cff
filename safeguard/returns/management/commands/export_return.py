from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.partners.models import User
from safeguard.returns.codelists.years import parse_collection_year
from safeguard.returns.models import ReturnKind
from safeguard.returns.services.exports import annex_a_export, return_export


class Command(BaseCommand):
    help = (
        "Write a collection year's return from Safeguard's records: the SSDA903 tables as CSV "
        "files, the CIN census as XML, or Ofsted's Annex A as at 31 March as an XLSX."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", required=True, help="the collection year, like 2017-18")
        parser.add_argument("--user", required=True, help="the email of the council analyst")
        parser.add_argument("--out", required=True, help="the folder to write the files in")
        parser.add_argument(
            "--kind",
            choices=[ReturnKind.SSDA903, ReturnKind.CIN, ReturnKind.ANNEX_A],
            default=ReturnKind.SSDA903,
            help="which return (default: ssda903)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = parse_collection_year(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        user = User.objects.filter(email__iexact=options["user"], is_active=True).first()
        if user is None:
            raise CommandError("No active user has that email")
        actor = Actor.for_user(user)
        try:
            if options["kind"] == ReturnKind.ANNEX_A:
                name, workbook = annex_a_export(actor=actor, collection_year=year)
                files: dict[str, str | bytes] = {name: workbook}
            else:
                files = dict(return_export(actor=actor, collection_year=year, kind=options["kind"]))
        except DomainError as error:
            raise CommandError(error.message) from None
        folder = Path(options["out"])
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            if isinstance(content, bytes):
                (folder / name).write_bytes(content)
            else:
                (folder / name).write_text(content, newline="")
        self.stdout.write(f"Wrote {len(files)} files to {folder}")
