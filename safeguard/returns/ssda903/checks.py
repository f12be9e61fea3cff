"""Checks across the rows and tables of one SSDA903 return: keys, children and dates."""

from collections import Counter

from safeguard.returns.codelists import year_label
from safeguard.returns.codelists.years import year_end
from safeguard.returns.errors import ReturnError
from safeguard.returns.ssda903.reader import ParsedTable, Row


def _duplicates(parsed: ParsedTable) -> list[ReturnError]:
    key = parsed.table.key
    seen = Counter(tuple(r[k] for k in key) for r in parsed.rows)
    return [
        ReturnError(
            parsed.file,
            r["_row"],
            ", ".join(key),
            f"Another row has the same {' and '.join(key)}; each may appear only once",
        )
        for r in parsed.rows
        if None not in (k := tuple(r[c] for c in key)) and seen[k] > 1
    ]


def _shared_upns(parsed: ParsedTable) -> list[ReturnError]:
    """Two children cannot share a UPN (the codes for a missing one aside)."""
    upns = Counter(r["UPN"] for r in parsed.rows if r["UPN"] and not r["UPN"].startswith("UN"))
    return [
        ReturnError(parsed.file, r["_row"], "UPN", "Another child in the header has this UPN")
        for r in parsed.rows
        if r["UPN"] and upns[r["UPN"]] > 1
    ]


def _known_child(parsed: ParsedTable, header: dict[str, Row]) -> list[ReturnError]:
    errors = []
    for r in parsed.rows:
        child = header.get(r["CHILD"])
        if r["CHILD"] is not None and child is None:
            errors.append(
                ReturnError(parsed.file, r["_row"], "CHILD", "This child is not in the header")
            )
        elif child and r.get("DOB") and child["DOB"] and r["DOB"] != child["DOB"]:
            errors.append(
                ReturnError(
                    parsed.file, r["_row"], "DOB", "The date of birth differs from the header's"
                )
            )
    return errors


def _order(
    parsed: ParsedTable, row: Row, first: str, then: str, message: str
) -> ReturnError | None:
    if None not in (row.get(first), row.get(then)) and row[then] < row[first]:
        return ReturnError(parsed.file, row["_row"], then, message)
    return None


def _dates(parsed: ParsedTable, header: dict[str, Row], year: int) -> list[ReturnError]:
    end = year_end(year)
    after = f"is after the end of the {year_label(year)} collection year"
    found: list[ReturnError | None] = []
    for r in parsed.rows:
        born = header.get(r["CHILD"], {}).get("DOB")
        if parsed.table.name == "episodes":
            found.append(_order(parsed, r, "DECOM", "DEC", "The episode ends before it starts"))
            if born and r["DECOM"] and r["DECOM"] < born:
                found.append(
                    ReturnError(
                        parsed.file,
                        r["_row"],
                        "DECOM",
                        "The episode starts before the child's birth",
                    )
                )
            for column in ("DECOM", "DEC"):
                if r[column] and r[column] > end:
                    found.append(ReturnError(parsed.file, r["_row"], column, f"This date {after}"))
        elif parsed.table.name == "missing":
            found.append(
                _order(parsed, r, "MIS_START", "MIS_END", "The child returned before going missing")
            )
            if born and r["MIS_START"] and r["MIS_START"] < born:
                found.append(
                    ReturnError(
                        parsed.file, r["_row"], "MIS_START", "This is before the child's birth"
                    )
                )
        elif parsed.table.name == "header" and r["DOB"] and r["DOB"] > end:
            found.append(ReturnError(parsed.file, r["_row"], "DOB", f"The date of birth {after}"))
    return [e for e in found if e]


def check_return(tables: dict[str, ParsedTable], year: int) -> list[ReturnError]:
    header_table = tables.get("header")
    if header_table is None:
        return [ReturnError("header.csv", 0, "", "The return needs its header table")]
    header = {r["CHILD"]: r for r in header_table.rows if r["CHILD"] is not None}
    errors = _shared_upns(header_table)
    for parsed in tables.values():
        errors += _duplicates(parsed)
        errors += _dates(parsed, header, year)
        if parsed is not header_table:
            errors += _known_child(parsed, header)
    return errors
