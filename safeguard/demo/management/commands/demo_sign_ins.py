from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from safeguard.demo import calibration as cal
from safeguard.partners.roles import Role


class Command(BaseCommand):
    help = "Print where to go and the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        width = max(len(u.email) for u in cal.DEMO_USERS)
        lines = [
            "",
            f"Safeguard demo borough: open {options['url']}",
            f"Every demo sign-in uses the password: {cal.DEMO_PASSWORD}",
            "(make run lets these demo accounts skip the authenticator code; nothing else does)",
            "",
        ]
        lines += [f"  {u.email:<{width}}  {Role(u.role).label}" for u in cal.DEMO_USERS]
        lines.append("")
        if settings.DEBUG:
            lines.append("DEBUG is on.")
        self.stdout.write("\n".join(lines))
