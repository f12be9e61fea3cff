from typing import Any

from django.core.management.base import BaseCommand

from safeguard.core.access_log_checkpoints import keys_generate


class Command(BaseCommand):
    help = (
        "Print a new key pair for the access log's checkpoints, as two shell lines. Give the "
        "signing key to the checkpoint job only; the verify key to whoever checks the log."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        signing, verify = keys_generate()
        self.stdout.write(f"SAFEGUARD_ACCESS_LOG_SIGNING_KEY={signing}")
        self.stdout.write(f"SAFEGUARD_ACCESS_LOG_VERIFY_KEY={verify}")
