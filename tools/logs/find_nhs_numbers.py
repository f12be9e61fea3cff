"""Grep a test run's logs for NHS numbers: any at all means personal data reached a log.

`make test` runs it over var/test-logs after the suite. It looks for every ten-digit number
(with or without the spaces the NHS prints) whose check digit is right, as the demo's and the
tests' numbers all are, and prints where it found them, never the numbers themselves.
Exit status 1 if it found any.
"""

import re
import sys
from pathlib import Path

from safeguard.people.identifiers import nhs_check_digit

_CANDIDATE = re.compile(r"(?<!\d)(\d{3}) ?(\d{3}) ?(\d{4})(?!\d)")


def nhs_numbers_in(text: str) -> int:
    found = 0
    for match in _CANDIDATE.finditer(text):
        digits = "".join(match.groups())
        if nhs_check_digit(digits[:9]) == int(digits[9]):
            found += 1
    return found


def main(folder: str) -> int:
    files = sorted(Path(folder).glob("*.log"))
    leaks = {path: nhs_numbers_in(path.read_text(errors="replace")) for path in files}
    for path, count in leaks.items():
        if count:
            print(f"{path}: {count} NHS numbers in the log")
    total = sum(leaks.values())
    lines = sum(len(path.read_text(errors="replace").splitlines()) for path in files)
    print(f"Logs of this test run: {len(files)} files, {lines} lines, {total} NHS numbers")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/test-logs"))
