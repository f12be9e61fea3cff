"""Reading an Annex A workbook: each list's sheet, its headers, and its values checked.

Errors name the file, the sheet, the row and the column. Coded columns must hold Ofsted's
lettered labels; date columns real dates; counts whole numbers.
"""

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from openpyxl import load_workbook

from safeguard.core.archives import ArchiveRefused, archive_check
from safeguard.returns.annex_a.lists import DISABILITY, LISTS
from safeguard.returns.codelists import annex_a as labels
from safeguard.returns.codelists.cin import CATEGORY_OF_ABUSE, REFERRAL_SOURCE
from safeguard.returns.errors import ReturnError

Row = dict[str, Any]
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# Past so many problems the rest are not collected: the file needs fixing whole, and a crafted
# workbook of nothing but bad cells must not fill the memory with them.
MAX_PROBLEMS = 1000


def _coded(year: int) -> dict[str, set[str]]:
    sources = {c.annex_a for c in REFERRAL_SOURCE.for_year(year).values() if c.annex_a}
    categories = {c.annex_a for c in CATEGORY_OF_ABUSE.codes}
    coded = {
        "Gender": {*labels.GENDER.values(), "d) Neither"},
        "Ethnicity": set(labels.ETHNICITY.values()),
        "Contact Source": sources,
        "Referral Source": sources,
        "Initial Category of Abuse": categories,
        "Latest Category of Abuse": categories,
        "Child's Legal Status": set(labels.LEGAL_STATUS.values()),
        "Placement Type": set(labels.PLACEMENT.values()),
        "Placement Provider": set(labels.PLACEMENT_PROVIDER.values()),
        "Reason Ceased to be Looked After": set(labels.REASON_CEASED_LABELS.values()),
        "Case Status": set(labels.CASE_STATUS.values()),
    }
    yes_no = {v for v in labels.YES_NO.values()}
    for spec in LISTS.values():
        for column in spec.columns:
            question = column.endswith("?") or column.startswith("Did ") or "(Y/N)" in column
            if column == DISABILITY or question:
                coded.setdefault(column, yes_no)
    return coded


def _kind(column: str) -> str:
    if column.startswith(("Date", "Start date")) or " Date" in column or "Start Date" in column:
        return "date"
    if column.startswith(("Number of", "No. of")) or column == "Age of Child (Years)":
        return "int"
    return "text"


@dataclass
class AnnexWorkbook:
    file: str
    lists: dict[int, list[Row]] = field(default_factory=dict)
    errors: list[ReturnError] = field(default_factory=list)
    row_count: int = 0


def _date(value: Any) -> tuple[str | None, str]:
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), ""
    if isinstance(value, dt.date):
        return value.isoformat(), ""
    found = _DATE.fullmatch(str(value).strip())
    try:
        day, month, year = (int(g) for g in found.groups()) if found else (0, 0, 0)
        return dt.date(year, month, day).isoformat(), ""
    except ValueError:
        return None, "Enter a real date"


def _value(column: str, value: Any, coded: dict[str, set[str]]) -> tuple[Any, str]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    kind = _kind(column)
    if kind == "date":
        return _date(value)
    if kind == "int":
        if isinstance(value, bool) or not str(value).strip().isdigit():
            return None, "Enter a whole number"
        return int(str(value).strip()), ""
    text = str(value).strip()
    if column in coded and text not in coded[column]:
        return None, f"'{text[:40]}' is not one of Ofsted's labels for this column"
    return text, ""


def read_annex_a(*, name: str, content: bytes, year: int) -> AnnexWorkbook:
    workbook = AnnexWorkbook(name)
    try:
        archive_check(content)
    except ArchiveRefused as refused:
        workbook.errors.append(ReturnError(name, 0, "", refused.message, path=refused.member))
        return workbook
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        workbook.errors.append(ReturnError(name, 0, "", "The file is not an Excel workbook"))
        return workbook
    by_sheet = {spec.sheet: spec for spec in LISTS.values()}
    unknown = [s for s in book.sheetnames if s not in by_sheet]
    if not set(book.sheetnames) & set(by_sheet):
        workbook.errors.append(
            ReturnError(name, 0, "", "This is not an Annex A workbook: no sheet is named List 1")
        )
        return workbook
    coded = _coded(year)
    for sheet_name in unknown:
        workbook.errors.append(
            ReturnError(name, 0, "", "Annex A has sheets List 1 to List 11 only", path=sheet_name)
        )
    for sheet_name in book.sheetnames:
        spec = by_sheet.get(sheet_name)
        if spec is not None and len(workbook.errors) < MAX_PROBLEMS:
            workbook.lists[spec.number] = _sheet(workbook, book[sheet_name], spec, coded)
    return workbook


def _sheet(workbook: AnnexWorkbook, sheet: Any, spec: Any, coded: dict[str, set[str]]) -> list[Row]:
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    missing = [c for c in spec.columns if c not in header]
    if missing:
        workbook.errors.append(
            ReturnError(
                workbook.file,
                1,
                ", ".join(missing),
                "This list needs the column(s) in its first row",
                path=spec.sheet,
            )
        )
        return []
    at = {c: header.index(c) for c in spec.columns}
    found = []
    for number, cells in enumerate(rows, start=2):
        if not any(c is not None and str(c).strip() for c in cells):
            continue
        if workbook.row_count >= settings.ANNEX_A_MAX_ROWS:
            workbook.errors.append(
                ReturnError(
                    workbook.file,
                    number,
                    "",
                    f"An Annex A workbook has at most {settings.ANNEX_A_MAX_ROWS:,} rows in all: "
                    "this one has more",
                    path=spec.sheet,
                )
            )
            return []
        workbook.row_count += 1
        row: Row = {}
        for column in spec.columns:
            raw = cells[at[column]] if at[column] < len(cells) else None
            value, problem = _value(column, raw, coded)
            if problem:
                workbook.errors.append(
                    ReturnError(workbook.file, number, column, problem, path=spec.sheet)
                )
            row[column] = value
        found.append(row)
        if len(workbook.errors) >= MAX_PROBLEMS:
            workbook.errors.append(
                ReturnError(
                    workbook.file,
                    number,
                    "",
                    f"More than {MAX_PROBLEMS} problems: fix these and check the file again",
                    path=spec.sheet,
                )
            )
            return []
    return found
