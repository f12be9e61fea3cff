"""A workbook that unpacks to far more than it weighs is refused before it is parsed (issue 17,
finding 1).

A 2 MB workbook whose shared strings expand to 1 GB took `import-return --dry-run` to over a
gigabyte of memory. Every archive member's declared and actual size, and its ratio, are now
checked first, and the import process stays under 400 MB whatever the workbook.
"""

import io
import os
import sys
import zipfile

import pytest
from openpyxl import Workbook

from safeguard.returns.annex_a.reader import read_annex_a
from safeguard.returns.testing import run_measuring_peak
from safeguard.returns.testing import workbook_bomb as bomb
from tests.servers import database_url

pytestmark = pytest.mark.django_db
MEMORY_LIMIT_MB = 400


@pytest.fixture(scope="module")
def gigabyte_bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "annex-a.xlsx"
    path.write_bytes(bomb(1000))
    return path


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_gigabyte_bomb_is_refused_and_the_import_stays_under_400_mb(analyst, gigabyte_bomb):
    assert gigabyte_bomb.stat().st_size < 3_000_000
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "safeguard.settings.test",
    }
    command = [sys.executable, "-m", "safeguard", "import-return", str(gigabyte_bomb)]
    command += ["--year", "2017-18", "--user", analyst.user.email, "--dry-run"]
    code, peak_mb, output = run_measuring_peak(command, env)
    assert code == 1
    assert "too large when unpacked" in output
    assert peak_mb < MEMORY_LIMIT_MB, f"peak {peak_mb:.0f} MB"


def test_a_small_bomb_is_refused_by_its_ratio_with_a_clear_message(settings):
    settings.ARCHIVE_MAX_MEMBER_BYTES = 1 << 30
    settings.ARCHIVE_MAX_WHOLE_PART_BYTES = 1 << 30
    settings.ARCHIVE_MAX_TOTAL_BYTES = 1 << 30
    workbook = read_annex_a(name="annex-a.xlsx", content=bomb(5), year=2018)
    [error] = workbook.errors
    assert error.file == "annex-a.xlsx" and error.path == "xl/sharedStrings.xml"
    assert "packed" in error.message and "times" in error.message


def test_a_member_whose_size_is_over_the_limit_is_refused(settings):
    settings.ARCHIVE_MAX_WHOLE_PART_BYTES = 2 * 1024 * 1024
    workbook = read_annex_a(name="annex-a.xlsx", content=bomb(3), year=2018)
    assert "too large when unpacked" in workbook.errors[0].message


def _lie_about(content: bytes, name: str, size: int) -> bytes:
    """The archive with `name`'s uncompressed size rewritten in both of its headers."""
    raw = bytearray(content)
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
    raw[info.header_offset + 22 : info.header_offset + 26] = size.to_bytes(4, "little")
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        length = int.from_bytes(raw[central + 28 : central + 30], "little")
        if raw[central + 46 : central + 46 + length] == name.encode():
            raw[central + 24 : central + 28] = size.to_bytes(4, "little")
            return bytes(raw)
        central = raw.find(b"PK\x01\x02", central + 4)
    raise AssertionError(f"{name} is not in the central directory")


def test_a_member_that_unpacks_to_more_than_it_declares_is_refused():
    content = _lie_about(bomb(2), "xl/sharedStrings.xml", 1024)
    assert zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/sharedStrings.xml").file_size == 1024
    workbook = read_annex_a(name="annex-a.xlsx", content=content, year=2018)
    assert "does not unpack to the size it declares" in workbook.errors[0].message
    assert not workbook.lists


def test_a_real_workbook_still_imports(analyst):
    book = Workbook()
    book.active.title = "List 1"
    book.active.append(["Child Unique ID"])
    content = io.BytesIO()
    book.save(content)
    workbook = read_annex_a(name="annex-a.xlsx", content=content.getvalue(), year=2018)
    assert all("unpacked" not in e.message for e in workbook.errors)


def test_a_large_part_of_any_other_name_is_held_to_the_smaller_limit(settings):
    """openpyxl reads the styles, the content types, and shared strings under any name, into
    memory whole: only the sheets are streamed."""
    settings.ARCHIVE_MAX_WHOLE_PART_BYTES = 1024 * 1024
    plain = io.BytesIO()
    book = Workbook()
    book.active.title = "List 1"
    book.save(plain)
    packed = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for item in source.infolist():
            archive.writestr(item, source.read(item.filename))
        archive.writestr("xl/s.xml", os.urandom(1024 * 1024).hex())  # 2 MB, hardly packable
    workbook = read_annex_a(name="annex-a.xlsx", content=packed.getvalue(), year=2018)
    assert workbook.errors[0].path == "xl/s.xml"
    assert "too large when unpacked" in workbook.errors[0].message
