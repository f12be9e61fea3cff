"""Writing a collection year's SSDA903 return from Safeguard's records, as CSV files."""

from django.db import transaction

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.csv_export import csv_text
from safeguard.core.errors import DomainError
from safeguard.core.policy import Permission, require_permission
from safeguard.returns.canonical import as_text
from safeguard.returns.codelists import year_label
from safeguard.returns.models import ReturnChild, ReturnKind, StatutoryReturn
from safeguard.returns.ssda903.tables import TABLES
from safeguard.returns.ssda903.writer import table_rows


def return_export(*, actor: Actor, collection_year: int) -> dict[str, str]:
    """The return's tables as CSV text by file name; cells that look like formulas are escaped."""
    require_permission(actor, Permission.RETURNS_IMPORT)
    with transaction.atomic():
        current = StatutoryReturn.objects.filter(
            kind=ReturnKind.SSDA903, collection_year=collection_year, is_current=True
        ).first()
        if current is None:
            raise DomainError(
                f"No SSDA903 return has been imported for {year_label(collection_year)}"
            )
        rows = table_rows(current)
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
    return {
        TABLES[name].file_name: csv_text(
            TABLES[name].column_names,
            ([as_text(r[c]) for c in TABLES[name].column_names] for r in table_rows_),
        )
        for name, table_rows_ in rows.items()
    }
