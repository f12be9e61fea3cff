"""An imported Annex A's rows: written as they came, read back, and in canonical form."""

import uuid
from typing import Any

from safeguard.core.hashing import sha256_hex
from safeguard.returns.annex_a.lists import LISTS
from safeguard.returns.canonical import Canonical, as_text
from safeguard.returns.models import AnnexARow, StatutoryReturn

Rows = dict[str, list[dict[str, Any]]]


def _stored(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def annex_write(*, statutory_return: StatutoryReturn, rows: Rows) -> list[uuid.UUID]:
    """Stores the lists' rows. Annex A names children by the council's identifiers only, which
    the people index may not hold, so no person is linked (the import is logged without)."""
    AnnexARow.objects.bulk_create(
        (
            AnnexARow(
                statutory_return=statutory_return,
                list_number=int(table.removeprefix("list_")),
                values={k: _stored(v) for k, v in row.items()},
            )
            for table, found in rows.items()
            for row in found
        ),
        batch_size=2000,
    )
    return []


def annex_rows(statutory_return: StatutoryReturn) -> Rows:
    rows: Rows = {}
    for r in AnnexARow.objects.filter(statutory_return=statutory_return).order_by("pk"):
        rows.setdefault(f"list_{r.list_number}", []).append(r.values)
    return rows


def annex_canonical(rows: Rows) -> Canonical:
    """Rows keyed by their own content: a row that changes shows as one removed, one added."""
    content: Canonical = {}
    for table, found in rows.items():
        columns = LISTS[int(table.removeprefix("list_"))].columns
        keyed: dict[str, list[str]] = {}
        for row in found:
            values = [as_text(_stored(row.get(c))) for c in columns]
            key = sha256_hex("\x1f".join(values))
            while key in keyed:  # the same row twice is two rows
                key = sha256_hex(key)
            keyed[key] = values
        content[table] = keyed
    return content
