"""A return's content in a canonical form: its hash, and the difference between two returns.

Rows are keyed by their table's key, so the same return with its rows or files in another order
has the same hash, and a corrected return shows which rows it adds, removes or changes.
"""

import datetime as dt
import json
from typing import Any

from safeguard.core.hashing import sha256_hex

# table -> {key: values}, every value a string as the return writes it
Canonical = dict[str, dict[str, list[str]]]


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def canonical_rows(
    columns: tuple[str, ...], key: tuple[str, ...], rows: list[dict[str, Any]]
) -> dict[str, list[str]]:
    return {"|".join(as_text(r[k]) for k in key): [as_text(r[c]) for c in columns] for r in rows}


def content_hash(content: Canonical) -> str:
    return sha256_hex(json.dumps(content, sort_keys=True, separators=(",", ":")))


def difference(before: Canonical, after: Canonical) -> dict[str, dict[str, int]]:
    """Rows added, removed and changed, per table; tables with no change are left out."""
    changes = {}
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        counts = {
            "added": len(new.keys() - old.keys()),
            "removed": len(old.keys() - new.keys()),
            "changed": sum(1 for k in new.keys() & old.keys() if new[k] != old[k]),
        }
        if any(counts.values()):
            changes[table] = counts
    return changes
