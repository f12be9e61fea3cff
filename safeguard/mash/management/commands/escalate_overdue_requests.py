from typing import Any

from django.core.management.base import BaseCommand

from safeguard.mash.services.requests import information_requests_escalate


class Command(BaseCommand):
    help = "Flag open information requests past their due time, and email their agencies."

    def handle(self, *args: Any, **options: Any) -> None:
        count = information_requests_escalate()
        self.stdout.write(f"Escalated {count} overdue request{'s' if count != 1 else ''}")
