from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core.errors import DomainError
from safeguard.partners.models import Agency
from safeguard.partners.services import api_key_create, api_key_revoke, api_key_rotate


def _agency(name: str) -> Agency:
    agency = Agency.objects.filter(name__iexact=name).first()
    if agency is None:
        raise CommandError(f"No agency is called {name!r}")
    return agency


class Command(BaseCommand):
    help = "Create, rotate, revoke and list partner agencies' API keys."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Print a new key once; only its digest is kept")
        create.add_argument("--agency", required=True)
        create.add_argument("--label", default="")
        rotate = sub.add_parser("rotate", help="A new key; older keys expire after a grace period")
        rotate.add_argument("--agency", required=True)
        rotate.add_argument("--grace-hours", type=int, default=24)
        revoke = sub.add_parser("revoke", help="Stop a key working now")
        revoke.add_argument("prefix")
        listing = sub.add_parser("list", help="The agency's keys, by prefix")
        listing.add_argument("--agency", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            key, plain = api_key_create(agency=_agency(options["agency"]), label=options["label"])
            self._print_new(key.prefix, plain)
        elif action == "rotate":
            key, plain = api_key_rotate(
                agency=_agency(options["agency"]), grace_hours=options["grace_hours"]
            )
            self._print_new(key.prefix, plain)
        elif action == "revoke":
            try:
                api_key_revoke(prefix=options["prefix"])
            except DomainError as error:
                raise CommandError(error.message) from None
            self.stdout.write(f"Revoked key {options['prefix']}")
        else:
            for key in _agency(options["agency"]).api_keys.all():
                state = "revoked" if key.revoked_at else f"expires {key.expires_at or 'never'}"
                self.stdout.write(f"{key.prefix}  created {key.created_at:%Y-%m-%d}  {state}")

    def _print_new(self, prefix: str, plain: str) -> None:
        self.stdout.write(f"New key {prefix}. Copy it now: it is not shown again.")
        self.stdout.write(plain)
