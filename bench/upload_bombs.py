"""Issue 17's benchmark: the peak memory of `safeguard import-return --dry-run` on workbooks
that unpack to far more than they weigh, against the 400 MB the import must stay under.

Each import runs in its own process on a fresh SQLite database; its peak resident memory is
the kernel's count for that process (wait4's ru_maxrss). The baseline is the same command on a
workbook of one list with a header and nothing else.
"""

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook

REPO = Path(__file__).resolve().parent.parent
LIMIT_MB = 400

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from safeguard.partners.models import Agency, User, UserRole
council = Agency.objects.create(name="Council", kind="la_childrens_services")
user = User.objects.create(email="analyst@example.org", full_name="Analyst", agency=council)
UserRole.objects.create(user=user, role="analyst")
"""


def _env(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "safeguard.settings.development",
    }


def _import_peak(env: dict[str, str], workbook: Path) -> tuple[float, str]:
    from safeguard.returns.testing import run_measuring_peak

    command = [sys.executable, "-m", "safeguard", "import-return", str(workbook)]
    command += ["--year", "2017-18", "--user", "analyst@example.org", "--dry-run"]
    _, peak, printed = run_measuring_peak(command, env, cwd=str(REPO))
    lines = printed.strip().splitlines()
    said = next((line for line in lines if "unpack" in line), lines[-1] if lines else "")
    return peak, said


def _header_only() -> bytes:
    book = Workbook()
    book.active.title = "List 1"
    book.active.append(["Child Unique ID"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _list_1(rows: int, row: list[str | None] | None = None) -> bytes:
    """List 1 with every column and `rows` rows like `row` (by default, one cell filled: the
    most rows a part of a given size can hold)."""
    from safeguard.returns.annex_a.lists import LISTS

    book = Workbook(write_only=True)
    sheet = book.create_sheet(LISTS[1].sheet)
    columns = list(LISTS[1].columns)
    sheet.append(columns)
    for n in range(rows):
        sheet.append(row or [f"C{n}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _styles_of_tiny_elements(megabytes: float) -> bytes:
    """A styles part of empty elements, with a little noise so that it packs under the ratio
    limit: the most memory openpyxl spends on a part of that size."""
    book = Workbook()
    book.active.title = "List 1"
    book.active.append(["Child Unique ID"])
    plain = io.BytesIO()
    book.save(plain)
    packed = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/styles.xml":
                cut = data.index(b">", data.index(b"<styleSheet")) + 1
                filler = bytearray()
                while len(filler) < megabytes * 1024 * 1024:
                    filler += b"<a/>" * 200 + b"<!--" + os.urandom(6).hex().encode() + b"-->"
                data = data[:cut] + bytes(filler) + data[cut:]
            archive.writestr(item, data)
    return packed.getvalue()


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
    django.setup()
    from safeguard.returns.testing import workbook_bomb, workbook_of_many_strings

    print("\n== Upload bombs: peak memory of import-return --dry-run (issue 17) ==")
    with tempfile.TemporaryDirectory() as folder:
        env = _env(Path(folder) / "bench.sqlite3")
        subprocess.run([sys.executable, "-c", SETUP], env=env, cwd=REPO, check=True)
        cases = [
            ("a header only (baseline)", _header_only()),
            ("6 MB of distinct shared strings (the limit)", workbook_of_many_strings(5)),
            ("6 MB of tiny styles elements (the limit)", _styles_of_tiny_elements(5.9)),
            ("50,000 rows of wrong values", _list_1(50_000, ["not a code"] * 14)),
            ("150,000 rows of one cell (the row limit)", _list_1(149_999)),
            (
                "both limits: 6 MB of strings, 150,000 rows",
                workbook_of_many_strings(5, base=_list_1(149_999)),
            ),
            ("a bomb: 1,000 MB of one string", workbook_bomb(1000)),
        ]
        baseline = None
        for label, content in cases:
            path = Path(folder) / "annex-a.xlsx"
            path.write_bytes(content)
            peak, said = _import_peak(env, path)
            baseline = baseline or peak
            print(
                f"  {label:47} {len(content) / 1e6:6.2f} MB packed  peak {peak:6.0f} MB  "
                f"({peak / baseline:4.2f}x baseline; limit {LIMIT_MB} MB"
                f"{'' if peak < LIMIT_MB else ': OVER'})"
            )
            print(f"      {said[:110]}")


if __name__ == "__main__":
    main()
