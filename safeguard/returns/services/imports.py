"""Importing a statutory return: all of it, or none of it.

A return identical to the current one for its year changes nothing. A different one replaces
it, and the difference is kept. A dry run reports what would happen and writes nothing.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError
from safeguard.core.policy import Permission, require_permission
from safeguard.partners.models import Agency, AgencyKind
from safeguard.returns.annex_a.reader import read_annex_a
from safeguard.returns.annex_a.records import annex_canonical, annex_rows, annex_write
from safeguard.returns.canonical import Canonical, content_hash, difference
from safeguard.returns.cin import writer as cin_writer
from safeguard.returns.cin.checks import check_census
from safeguard.returns.cin.reader import read_census
from safeguard.returns.codelists.ssda903 import SEX
from safeguard.returns.errors import ReturnError, ReturnInvalid
from safeguard.returns.models import ReturnKind, StatutoryReturn
from safeguard.returns.services.cin_journey import cin_journey_write
from safeguard.returns.services.journey import journey_write
from safeguard.returns.ssda903 import writer as ssda903_writer
from safeguard.returns.ssda903.checks import check_return
from safeguard.returns.ssda903.reader import ParsedTable, read_table

Progress = Callable[[str], None]
ZIP = b"PK\x03\x04"  # an XLSX workbook is a zip file


@dataclass(frozen=True)
class ReturnFile:
    name: str
    content: bytes


@dataclass
class ImportOutcome:
    kind: str
    collection_year: int
    counts: dict[str, int]
    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    unchanged: bool = False  # the same as the current return: nothing written
    replaces: StatutoryReturn | None = None
    statutory_return: StatutoryReturn | None = None  # None on a dry run


def returns_council(actor: Actor) -> Agency:
    """The council whose returns the actor imports; only its analysts import them."""
    require_permission(actor, Permission.RETURNS_IMPORT)
    agency = actor.agency
    if agency is None or agency.kind != AgencyKind.LA_CHILDRENS_SERVICES:
        raise DomainError("Only the council's children's services can import its returns")
    return agency


Rows = dict[str, list[dict[str, Any]]]


@dataclass
class ParsedReturn:
    kind: str
    rows: Rows
    files: list[dict[str, str]]
    content: Canonical = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items() if rows}


# Returns that come as one file, and how to name them in a refusal.
SINGLE_FILE: dict[str, str] = {
    ReturnKind.CIN: "a CIN census (one XML file)",
    ReturnKind.ANNEX_A: "Annex A (one workbook)",
}


def _format(f: ReturnFile) -> str:
    if f.content.lstrip()[:1] == b"<":
        return ReturnKind.CIN
    if f.content[:4] == ZIP:
        return ReturnKind.ANNEX_A
    return ReturnKind.SSDA903


def _kind(files: Sequence[ReturnFile]) -> str:
    """A CIN census is one XML file, Annex A one workbook; SSDA903 tables are CSV files."""
    if not files:
        raise ReturnInvalid([ReturnError("", 0, "", "Choose the return's files")])
    for f in files:
        kind = _format(f)
        if kind in SINGLE_FILE and len(files) > 1:
            message = f"Import {SINGLE_FILE[kind]} on its own, not with other files"
            raise ReturnInvalid([ReturnError(f.name, 0, "", message)])
        if kind in SINGLE_FILE:
            return kind
    return ReturnKind.SSDA903


def _read_annex(files: Sequence[ReturnFile], year: int) -> ParsedReturn:
    workbook = read_annex_a(name=files[0].name, content=files[0].content, year=year)
    if workbook.errors:
        raise ReturnInvalid(workbook.errors)
    rows = {f"list_{n}": found for n, found in sorted(workbook.lists.items())}
    parsed = ParsedReturn(ReturnKind.ANNEX_A, rows, [{"file": workbook.file, "table": "annex_a"}])
    parsed.content = annex_canonical(rows)
    return parsed


def _read_census(files: Sequence[ReturnFile], year: int) -> ParsedReturn:
    census = read_census(name=files[0].name, content=files[0].content, year=year)
    errors = census.errors or check_census(census)
    if errors:
        raise ReturnInvalid(errors)
    parsed = ParsedReturn(
        ReturnKind.CIN, census.tables, [{"file": census.file, "table": "cin", "lea": census.lea}]
    )
    parsed.content = cin_writer.canonical_of(parsed.rows)
    return parsed


def _read_tables(files: Sequence[ReturnFile], year: int) -> ParsedReturn:
    tables = _read(files, year)
    parsed = ParsedReturn(
        ReturnKind.SSDA903,
        {name: t.rows for name, t in tables.items()},
        [{"file": t.file, "table": name} for name, t in sorted(tables.items())],
    )
    parsed.content = ssda903_writer.canonical_of(parsed.rows)
    return parsed


def _current_content(current: StatutoryReturn) -> Canonical:
    if current.kind == ReturnKind.ANNEX_A:
        return annex_canonical(annex_rows(current))
    if current.kind == ReturnKind.CIN:
        return cin_writer.canonical_of(cin_writer.table_rows(current))
    return ssda903_writer.canonical_of(ssda903_writer.table_rows(current))


def _read(files: Sequence[ReturnFile], year: int) -> dict[str, ParsedTable]:
    tables: dict[str, ParsedTable] = {}
    errors: list[ReturnError] = []
    for f in files:
        parsed, problems = read_table(name=f.name, content=f.content, year=year)
        errors += problems
        if parsed is None:
            continue
        if parsed.table.name in tables:
            errors.append(
                ReturnError(
                    f.name, 0, "", f"{tables[parsed.table.name].file} already holds this table"
                )
            )
        tables[parsed.table.name] = parsed
    if not errors:
        errors = check_return(tables, year)
    if errors:
        raise ReturnInvalid(errors)
    return tables


def return_import(
    *,
    actor: Actor,
    collection_year: int,
    files: Sequence[ReturnFile],
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import a CIN census or SSDA903 return; raises ReturnInvalid with every problem it has."""
    step = progress or (lambda _: None)
    agency = returns_council(actor)
    step("Reading and checking the files")
    kind = _kind(files)
    reader = {
        ReturnKind.CIN: _read_census,
        ReturnKind.ANNEX_A: _read_annex,
        ReturnKind.SSDA903: _read_tables,
    }[ReturnKind(kind)]
    parsed = reader(files, collection_year)
    outcome = ImportOutcome(kind, collection_year, parsed.counts)
    with transaction.atomic():
        current = (
            StatutoryReturn.objects.select_for_update()
            .filter(kind=kind, collection_year=collection_year, is_current=True)
            .first()
        )
        if current is not None:
            if current.content_hash == content_hash(parsed.content):
                outcome.unchanged = True
                return outcome
            outcome.replaces = current
            outcome.changes = difference(_current_content(current), parsed.content)
        if dry_run:
            return outcome
        step("Writing the return")
        outcome.statutory_return = _write(actor, agency, collection_year, parsed, outcome)
    return outcome


def _write(
    actor: Actor,
    agency: Agency,
    year: int,
    parsed: ParsedReturn,
    outcome: ImportOutcome,
) -> StatutoryReturn:
    if outcome.replaces is not None:
        outcome.replaces.is_current = False
        outcome.replaces.save(update_fields=["is_current", "updated_at"])
    statutory_return = StatutoryReturn.objects.create(
        kind=parsed.kind,
        collection_year=year,
        agency=agency,
        imported_by=actor.user,
        content_hash=content_hash(parsed.content),
        files=parsed.files,
        counts=outcome.counts,
        changes=outcome.changes,
        replaces=outcome.replaces,
    )
    if parsed.kind == ReturnKind.ANNEX_A:
        people = annex_write(statutory_return=statutory_return, rows=parsed.rows)
    elif parsed.kind == ReturnKind.CIN:
        people = cin_journey_write(
            statutory_return=statutory_return, agency=agency, rows=parsed.rows
        )
    else:
        for row in parsed.rows["header"]:
            row["_sex"] = SEX.to_internal(row["SEX"], year=year)
        people = journey_write(statutory_return=statutory_return, agency=agency, rows=parsed.rows)
    access_log_record(
        actor=actor,
        action=Action.CHANGE,
        object_type="returns.statutoryreturn",
        object_id=statutory_return.pk,
        subjects=people,
        why=f"Imported the {statutory_return}",
    )
    audit_record(
        actor=actor,
        action="return_import",
        obj=statutory_return,
        changes={"counts": outcome.counts, "changes": outcome.changes},
    )
    return statutory_return
