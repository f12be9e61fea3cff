"""Reading a CIN census XML file into its flat tables, with typed, checked values.

Errors name the file, the XML path ("Child 3 / CINdetails 1 / Assessments 2") and the element.
The parser refuses entities and DTDs, so a hostile file cannot expand or reach outside itself.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from safeguard.people.identifiers import clean_upn
from safeguard.returns.cin.tables import CHILD, CIN_DETAILS, MODULES, TABLES, CinTable, Field
from safeguard.returns.codelists import year_label
from safeguard.returns.codelists.cin import LISTS
from safeguard.returns.errors import ReturnError

Row = dict[str, Any]
_BOOLS = {"true": True, "1": True, "false": False, "0": False}


@dataclass
class CinCensus:
    file: str
    year: int
    lea: str = ""  # the council's DfE code, from the header
    tables: dict[str, list[Row]] = field(default_factory=lambda: {n: [] for n in TABLES})
    errors: list[ReturnError] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(parent: Element, name: str) -> Element | None:
    for child in parent:
        if _local(child.tag) == name:
            return child
    return None


def _find_all(parent: Element, name: str) -> list[Element]:
    return [child for child in parent if _local(child.tag) == name]


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _typed(f: Field, raw: str, year: int) -> tuple[Any, str]:
    if not raw:
        return None, ("This is required" if f.required else "")
    if f.kind in ("date", "dates"):
        try:
            return dt.date.fromisoformat(raw), ""
        except ValueError:
            return None, "Enter a real date as YYYY-MM-DD"
    if f.kind in ("code", "codes"):
        codelist = LISTS[f.codelist]
        if codelist.get(raw, year=year) is None:
            return None, codelist.refusal(raw, year=year)
        return raw, ""
    if f.kind == "bool":
        if raw.lower() not in _BOOLS:
            return None, "Enter true or false"
        return _BOOLS[raw.lower()], ""
    if f.kind == "int":
        if not raw.isdigit() or int(raw) > 99:
            return None, "Enter a whole number from 0 to 99"
        return int(raw), ""
    if f.kind == "upn":
        try:
            return clean_upn(raw), ""
        except ValueError as exc:
            return None, str(exc)
    if len(raw) > 20 or not raw.isalnum():
        return None, "This must be up to 20 letters and digits"
    return raw, ""


class _Reader:
    def __init__(self, census: CinCensus) -> None:
        self.census = census

    def error(self, path: str, name: str, message: str) -> None:
        self.census.errors.append(ReturnError(self.census.file, 0, name, message, path=path))

    def values(self, f: Field, holders: list[Element]) -> list[str]:
        """The raw texts of a field, looked for in each of the holders in turn."""
        name = f.element_in(self.census.year)
        if f.kind in ("codes", "dates"):
            return [_text(e) for h in holders for e in h.iter() if _local(e.tag) == name]
        return [_text(e) for h in holders if (e := _find(h, name)) is not None][:1]

    def row(self, table: CinTable, holders: list[Element], path: str, base: Row) -> Row:
        row: Row = {"_path": path, **base}
        for f in table.fields:
            if f.name in base:
                continue
            raws = self.values(f, holders)
            typed = []
            for raw in raws or [""]:
                value, problem = _typed(f, raw, self.census.year)
                if problem:
                    self.error(path, f.element_in(self.census.year), problem)
                if value is not None:
                    typed.append(value)
            if f.kind in ("codes", "dates"):
                row[f.name] = tuple(typed)
            else:
                row[f.name] = typed[0] if typed else None
        self.census.tables[table.name].append(row)
        return row

    def child(self, element: Element, number: int) -> None:
        path = f"Child {number}"
        holders = [
            h
            for name in ("ChildIdentifiers", "ChildCharacteristics")
            if (h := _find(element, name)) is not None
        ]
        child = self.row(CHILD, holders, path, {})
        base = {"LAchildID": child["LAchildID"]}
        for i, details in enumerate(_find_all(element, "CINdetails"), start=1):
            at = f"{path} / CINdetails {i}"
            episode = self.row(CIN_DETAILS, [details], at, base)
            within = base | {"CINreferralDate": episode["CINreferralDate"]}
            for table, name in MODULES.items():
                for j, module in enumerate(_find_all(details, name), start=1):
                    self.row(TABLES[table], [module], f"{at} / {name} {j}", within)


def read_census(*, name: str, content: bytes, year: int) -> CinCensus:
    census = CinCensus(name, year)
    try:
        root = fromstring(content)
    except DefusedXmlException:
        census.errors.append(
            ReturnError(name, 0, "", "The file uses XML entities or a DTD, which are not allowed")
        )
        return census
    except ParseError as exc:
        line = exc.position[0] if exc.position else 0
        census.errors.append(
            ReturnError(name, 0, "", f"The file is not well-formed XML (line {line})")
        )
        return census
    details = _find_or_none(_find(root, "Header"), "CollectionDetails")
    if _local(root.tag) != "Message" or _text(_find_or_none(details, "Collection")) != "CIN":
        census.errors.append(ReturnError(name, 0, "", "This is not a CIN census XML file"))
        return census
    census_year = _text(_find_or_none(details, "Year"))
    if census_year != str(year + 1):
        census.errors.append(
            ReturnError(
                name,
                0,
                "Year",
                f"This file is for the census of {census_year or 'no year'}, "
                f"not {year_label(year)} (census year {year + 1})",
                path="Header / CollectionDetails",
            )
        )
        return census
    census.lea = _lea(root)
    children = _find(root, "Children")
    reader = _Reader(census)
    found = _find_all(children, "Child") if children is not None else []
    for number, element in enumerate(found, start=1):
        reader.child(element, number)
    return census


def _find_or_none(parent: Element | None, name: str) -> Element | None:
    return _find(parent, name) if parent is not None else None


def _lea(root: Element) -> str:
    source = _find_or_none(_find(root, "Header"), "Source")
    return _text(_find_or_none(source, "LEA"))
