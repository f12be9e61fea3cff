from typing import Any

from django.core.management.base import BaseCommand

from safeguard.returns.services.jobs import import_jobs_expire_stale


class Command(BaseCommand):
    help = (
        "Fail the return imports whose background worker has gone (killed, say), and delete "
        "their uploaded files. Run it from the scheduler, every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{import_jobs_expire_stale()} stuck imports failed")
