import json
from pathlib import Path

from django.conf import settings

from safeguard.api.management.commands.export_openapi import openapi_document

COMMITTED = Path(settings.REPO_DIR) / "docs" / "openapi.json"


def test_the_committed_openapi_document_matches_the_code():
    assert COMMITTED.read_text() == openapi_document(), (
        "The API changed: run `safeguard export-openapi` and commit docs/openapi.json"
    )


def test_every_operation_declares_its_error_responses():
    document = json.loads(COMMITTED.read_text())
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "422"} <= codes or (path.endswith("whoami") and "401" in codes), (
                f"{method.upper()} {path} declares only {sorted(codes)}"
            )
            if "{" in path:
                assert "404" in codes, f"{method.upper()} {path} must declare 404"
