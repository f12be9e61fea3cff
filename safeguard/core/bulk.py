"""Fast bulk loading (the demo borough, the match index): plain rows, not model instances.

bulk_create spends most of its time compiling SQL for each object. Here each table's rows go
in with COPY on PostgreSQL and executemany on SQLite. Values still pass through each field's
own conversion for the connection, so the stored data is what the ORM would store.
"""

from collections.abc import Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models


class TableWriter:
    def __init__(self, model: type[models.Model]) -> None:
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
        ]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.table = model._meta.db_table
        self.columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)

    def _converters(self) -> list[Any]:
        """Text goes in as it is; other values through the field's own conversion."""
        real = connections[DEFAULT_DB_ALIAS]  # not the proxy: it is looked up per value

        def convert(field: models.Field) -> Any:
            if isinstance(field, models.CharField | models.TextField):
                return None
            return lambda value: field.get_db_prep_save(value, real)

        return [convert(f) for f in self.fields]

    def _prepared(self, rows: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
        plan = list(zip(self.fields, self._converters(), strict=True))
        defaults = self.defaults
        return [
            tuple(
                value if convert is None else convert(value)
                for f, convert in plan
                for value in (row.get(f.attname, defaults[f.attname]),)
            )
            for row in rows
        ]

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        prepared = self._prepared(rows)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_sql = (
                    f"COPY {connection.ops.quote_name(self.table)} ({self.columns}) FROM STDIN"
                )
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in prepared:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                table = connection.ops.quote_name(self.table)
                # Table and column names come from the model; values go as parameters.
                insert = f"INSERT INTO {table} ({self.columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(insert, prepared)
