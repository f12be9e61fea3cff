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
from safeguard.returns.canonical import content_hash, difference
from safeguard.returns.codelists.ssda903 import SEX
from safeguard.returns.errors import ReturnError, ReturnInvalid
from safeguard.returns.models import ReturnKind, StatutoryReturn
from safeguard.returns.services.journey import journey_write
from safeguard.returns.ssda903.checks import check_return
from safeguard.returns.ssda903.reader import ParsedTable, read_table
from safeguard.returns.ssda903.writer import canonical_of, table_rows

Progress = Callable[[str], None]


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


def _council(actor: Actor) -> Agency:
    require_permission(actor, Permission.RETURNS_IMPORT)
    agency = actor.agency
    if agency is None or agency.kind != AgencyKind.LA_CHILDRENS_SERVICES:
        raise DomainError("Only the council's children's services can import its returns")
    return agency


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


def _canonical(tables: dict[str, ParsedTable]) -> dict[str, dict[str, list[str]]]:
    return canonical_of({name: t.rows for name, t in tables.items()})


def return_import(
    *,
    actor: Actor,
    collection_year: int,
    files: Sequence[ReturnFile],
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import an SSDA903 return; raises ReturnInvalid, with every problem, if it has any."""
    step = progress or (lambda _: None)
    agency = _council(actor)
    step("Reading and checking the files")
    tables = _read(files, collection_year)
    content = _canonical(tables)
    counts = {name: len(t.rows) for name, t in tables.items()}
    outcome = ImportOutcome(ReturnKind.SSDA903, collection_year, counts)
    with transaction.atomic():
        current = (
            StatutoryReturn.objects.select_for_update()
            .filter(kind=ReturnKind.SSDA903, collection_year=collection_year, is_current=True)
            .first()
        )
        if current is not None:
            if current.content_hash == content_hash(content):
                outcome.unchanged = True
                return outcome
            outcome.replaces = current
            outcome.changes = difference(canonical_of(table_rows(current)), content)
        if dry_run:
            return outcome
        step("Writing the return")
        outcome.statutory_return = _write(actor, agency, collection_year, tables, content, outcome)
    return outcome


def _write(
    actor: Actor,
    agency: Agency,
    year: int,
    tables: dict[str, ParsedTable],
    content: dict[str, dict[str, list[str]]],
    outcome: ImportOutcome,
) -> StatutoryReturn:
    if outcome.replaces is not None:
        outcome.replaces.is_current = False
        outcome.replaces.save(update_fields=["is_current", "updated_at"])
    statutory_return = StatutoryReturn.objects.create(
        kind=ReturnKind.SSDA903,
        collection_year=year,
        agency=agency,
        imported_by=actor.user,
        content_hash=content_hash(content),
        files=[{"file": t.file, "table": name} for name, t in sorted(tables.items())],
        counts=outcome.counts,
        changes=outcome.changes,
        replaces=outcome.replaces,
    )
    for row in tables["header"].rows:
        row["_sex"] = SEX.to_internal(row["SEX"], year=year)
    rows: dict[str, list[dict[str, Any]]] = {name: t.rows for name, t in tables.items()}
    people = journey_write(statutory_return=statutory_return, agency=agency, rows=rows)
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
