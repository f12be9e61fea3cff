import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from safeguard.api.api import api

DEFAULT_PATH = Path(settings.REPO_DIR) / "docs" / "openapi.json"


def openapi_document() -> str:
    return (
        json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), indent=2, sort_keys=True) + "\n"
    )


class Command(BaseCommand):
    help = "Write the partner API's OpenAPI document to docs/openapi.json (which is committed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=str(DEFAULT_PATH))

    def handle(self, *args: Any, **options: Any) -> None:
        Path(options["out"]).write_text(openapi_document())
        self.stdout.write(f"Wrote {options['out']}")
