from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.core.access_log import access_log_verify
from safeguard.core.models import AccessLogEntry


class Command(BaseCommand):
    help = "Check the access log's hash chain. Exits non-zero and names the first bad row."

    def handle(self, *args: Any, **options: Any) -> None:
        report = access_log_verify()
        if not report.ok:
            raise CommandError(f"FAILED at row {report.first_bad_seq}: {report.problem}")
        head = AccessLogEntry.objects.order_by("-seq").values_list("row_hash", flat=True).first()
        suffix = f" (head {head[:16]})" if head else ""
        self.stdout.write(f"OK {report.rows} rows{suffix}")
