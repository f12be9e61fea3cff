"""Reading SSDA903 CSV files: which table each is, and its rows as checked, typed values.

Messages never quote a child's details (dates of birth, identifiers): they name the place.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from safeguard.people.identifiers import clean_upn
from safeguard.returns.codelists.ssda903 import LISTS
from safeguard.returns.errors import ReturnError
from safeguard.returns.ssda903.tables import TABLES, Column, Table

Row = dict[str, Any]
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")

# The codes a return gives in place of a UPN that the child does not have (reference 3.7).
UPN_REASONS_MISSING = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"})


@dataclass
class ParsedTable:
    table: Table
    file: str
    rows: list[Row] = field(default_factory=list)  # each with "_row", its row number


def _decode(name: str, content: bytes) -> str | ReturnError:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError:
            return ReturnError(name, 0, "", "The file is not a text CSV file")


def identify(name: str, header: list[str]) -> Table | ReturnError:
    """The table whose columns the header names; a missing column is named, not guessed."""
    columns = {h.strip().upper() for h in header if h.strip()}

    def fit(table: Table) -> tuple[int, int]:
        shared = len(columns & set(table.column_names))
        return shared - len(columns - set(table.column_names)), shared

    best = max(TABLES.values(), key=fit)
    if fit(best)[1] < min(3, len(best.columns)):
        known = ", ".join(t.file_name for t in TABLES.values())
        return ReturnError(
            name, 1, "", f"This is not an SSDA903 table this version reads ({known})"
        )
    missing = [c for c in best.column_names if c not in columns]
    if missing:
        return ReturnError(
            name,
            1,
            ", ".join(missing),
            f"The {best.name} table needs the column(s) {', '.join(missing)} in its first row",
        )
    return best


def _value(column: Column, raw: str, year: int) -> tuple[Any, str]:
    """The typed value, or an error message."""
    if not raw:
        return None, ("This field is required" if column.required else "")
    if column.kind == "date":
        found = _DATE.fullmatch(raw)
        try:
            day, month, year_ = (int(g) for g in found.groups()) if found else (0, 0, 0)
            return dt.date(year_, month, day), ""
        except ValueError:
            return None, "Enter a real date as DD/MM/YYYY"
    if column.kind == "code":
        codelist = LISTS[column.codelist]
        if codelist.get(raw, year=year) is None:
            return None, codelist.refusal(raw, year=year)
        return raw, ""
    if column.kind == "int":
        if not raw.isdigit() or not column.low <= int(raw) <= column.high:
            return None, f"Enter a whole number from {column.low} to {column.high}"
        return int(raw), ""
    if column.kind == "upn":
        if raw.upper() in UPN_REASONS_MISSING:
            return raw.upper(), ""
        try:
            return clean_upn(raw), ""
        except ValueError as exc:
            return None, str(exc)
    if column.max_length and len(raw) > column.max_length:
        return None, f"This must be {column.max_length} characters or fewer"
    return raw, ""


def read_table(
    *, name: str, content: bytes, year: int
) -> tuple[ParsedTable | None, list[ReturnError]]:
    text = _decode(name, content)
    if isinstance(text, ReturnError):
        return None, [text]
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return None, [ReturnError(name, 0, "", f"The file is not valid CSV ({exc})")]
    if not records:
        return None, [ReturnError(name, 0, "", "The file is empty")]
    table = identify(name, records[0])
    if isinstance(table, ReturnError):
        return None, [table]
    positions = {h.strip().upper(): i for i, h in enumerate(records[0])}
    parsed, errors = ParsedTable(table, name), []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        row: Row = {"_row": number}
        for column in table.columns:
            at = positions[column.name]
            raw = record[at].strip() if at < len(record) else ""
            value, problem = _value(column, raw, year)
            if problem:
                errors.append(ReturnError(name, number, column.name, problem))
            row[column.name] = value
        parsed.rows.append(row)
    return parsed, errors
