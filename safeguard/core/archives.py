"""Zip archives (XLSX workbooks) checked before anything parses them (issue 17).

A small archive can unpack to gigabytes. Before a workbook is opened, every member's declared
size, its ratio to its packed size, and the total are held to limits; then every member is
unpacked as a stream, counting, so that a member that unpacks to more than it declares (or
fails its checksum) is refused as well. Nothing is kept: the parse that follows reads the
members again, within limits now known to hold.
"""

import io
import re
import zipfile

from django.conf import settings

_CHUNK = 1 << 20


class ArchiveRefused(Exception):
    """Why the archive is refused, and the part (member) that made it so, if one did."""

    def __init__(self, message: str, member: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.member = member


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MB"


_STREAMED = re.compile(r"^xl/worksheets/sheet\d+\.xml$", re.IGNORECASE)


def _limit(name: str) -> int:
    """Only a workbook's sheets are read as a stream; every other part (the shared strings,
    the styles, the content types, whatever it is called) is read into memory whole, so it
    has the smaller limit."""
    if _STREAMED.match(name):
        return int(settings.ARCHIVE_MAX_MEMBER_BYTES)
    return int(settings.ARCHIVE_MAX_WHOLE_PART_BYTES)


def _check_declared(info: zipfile.ZipInfo) -> None:
    limit = _limit(info.filename)
    if info.file_size > limit:
        raise ArchiveRefused(
            f"The file is too large when unpacked: this part would be {_mb(info.file_size)}, "
            f"over the {_mb(limit)} it may be",
            info.filename,
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > settings.ARCHIVE_MAX_RATIO:
        raise ArchiveRefused(
            f"The file unpacks to {ratio:,.0f} times its packed size, more than any real "
            f"workbook (at most {settings.ARCHIVE_MAX_RATIO} times): it is refused as unsafe",
            info.filename,
        )


def _check_actual(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    unpacked = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > info.file_size:
                    break
    except (NotImplementedError, RuntimeError):  # a compression we cannot read, or encrypted
        raise ArchiveRefused(
            "The file is encrypted or packed in a way Safeguard cannot read: save it again "
            "as an ordinary Excel workbook",
            info.filename,
        ) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        unpacked = -1
    if unpacked != info.file_size:
        raise ArchiveRefused(
            "The file is damaged or altered: a part does not unpack to the size it declares",
            info.filename,
        )
    return unpacked


def archive_check(content: bytes) -> None:
    """Raises ArchiveRefused, naming the part, unless the archive is safe to open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not an archive at all: the parser says so in its own words
    members = archive.infolist()
    total = sum(info.file_size for info in members)
    if total > settings.ARCHIVE_MAX_TOTAL_BYTES:
        raise ArchiveRefused(
            f"The file is too large when unpacked: {_mb(total)} in all, over the "
            f"{_mb(settings.ARCHIVE_MAX_TOTAL_BYTES)} a workbook may be"
        )
    for info in members:
        _check_declared(info)
    for info in members:
        _check_actual(archive, info)
