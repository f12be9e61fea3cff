"""The DfE's rule validators, run on a return's files in their own virtual environment."""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings


class ValidatorsMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class ValidatorReport:
    ruleset: str
    errors: dict[str, dict[str, Any]]  # rule code -> count and message
    failed_to_run: list[str]
    seconds: float  # the validator's own time, without starting Python and pandas


def dfe_validate(*, kind: str, path: Path, year: int, la: str = "") -> ValidatorReport:
    """Run csc-validator-be-903 ("903", on a folder of CSVs) or -cin ("cin", on an XML file)."""
    python = Path(settings.DFE_VALIDATORS_DIR) / "bin" / "python"
    if not python.exists():
        raise ValidatorsMissing(f"No DfE validators at {python}: run `make validators`")
    command = [str(python), str(settings.DFE_VALIDATORS_SCRIPT), kind, str(path)]
    command += ["--year", str(year)] + (["--la", la] if la else [])
    # Our own interpreter, script and files: nothing in the command comes from a user.
    done = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=False, timeout=3600
    )
    if done.returncode != 0:
        raise RuntimeError(f"The {kind} validator failed: {done.stderr[-2000:]}")
    found = json.loads(done.stdout)
    return ValidatorReport(
        found["ruleset"], found["errors"], found["failed_to_run"], found["seconds"]
    )
