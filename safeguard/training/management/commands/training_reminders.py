from typing import Any

from django.core.management.base import BaseCommand

from safeguard.training.services.reminders import booking_reminders_send


class Command(BaseCommand):
    help = "Email a reminder to everyone booked on a session that starts soon (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = booking_reminders_send()
        self.stdout.write(f"Queued {sent} reminder{'s' if sent != 1 else ''}")
