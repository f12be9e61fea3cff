"""Writing a collection year's return from Safeguard's records: SSDA903 CSVs or the CIN XML."""

from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.csv_export import csv_text
from safeguard.core.errors import DomainError
from safeguard.core.policy import Permission, require_permission
from safeguard.people.models import Person
from safeguard.returns.annex_a.writer import annex_a_rows, annex_a_workbook, people_in
from safeguard.returns.canonical import as_text
from safeguard.returns.cin import writer as cin_writer
from safeguard.returns.codelists import year_label
from safeguard.returns.models import ReturnChild, ReturnKind, StatutoryReturn
from safeguard.returns.ssda903 import writer as ssda903_writer
from safeguard.returns.ssda903.tables import TABLES


def _files(current: StatutoryReturn) -> dict[str, str]:
    year = current.collection_year
    if current.kind == ReturnKind.CIN:
        lea = next((f.get("lea", "") for f in current.files), "")
        xml = cin_writer.census_xml(
            cin_writer.table_rows(current), year=year, lea=lea, made=timezone.localtime()
        )
        return {f"cin-census-{year + 1}.xml": xml.decode("utf-8")}
    # The tables that hold rows, and always the header: an empty table would tell the DfE's
    # checks that, say, no child in care had a review.
    return {
        TABLES[name].file_name: csv_text(
            TABLES[name].column_names,
            ([as_text(r[c]) for c in TABLES[name].column_names] for r in rows),
        )
        for name, rows in ssda903_writer.table_rows(current).items()
        if rows or name == "header"
    }


def return_export(
    *, actor: Actor, collection_year: int, kind: str = ReturnKind.SSDA903
) -> dict[str, str]:
    """The return's files as text by name; CSV cells that look like formulas are escaped."""
    require_permission(actor, Permission.RETURNS_IMPORT)
    with transaction.atomic():
        current = StatutoryReturn.objects.filter(
            kind=kind, collection_year=collection_year, is_current=True
        ).first()
        if current is None:
            raise DomainError(
                f"No {ReturnKind(kind).label} return has been imported for "
                f"{year_label(collection_year)}"
            )
        files = _files(current)
        access_log_record(
            actor=actor,
            action=Action.EXPORT,
            object_type="returns.statutoryreturn",
            object_id=current.pk,
            subjects=ReturnChild.objects.filter(
                statutory_return=current, person__isnull=False
            ).values_list("person_id", flat=True),
            why=f"Exported the {current}",
        )
    return files


def annex_a_export(*, actor: Actor, collection_year: int) -> tuple[str, bytes]:
    """Ofsted's Annex A as at 31 March of the year: list 1 from the MASH, lists 3 to 8 from
    the year's returns. It names children, so only the council's analysts export it."""
    require_permission(actor, Permission.RETURNS_IMPORT)
    with transaction.atomic():
        rows = annex_a_rows(collection_year=collection_year)
        access_log_record(
            actor=actor,
            action=Action.EXPORT,
            object_type="returns.annex_a",
            object_id=collection_year,
            subjects=Person.objects.filter(people_in(collection_year=collection_year)).values_list(
                "pk", flat=True
            ),
            why=f"Exported Annex A for {year_label(collection_year)}",
        )
    return f"annex-a-{collection_year + 1}-03-31.xlsx", annex_a_workbook(rows)
