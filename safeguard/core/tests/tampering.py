"""Editing the append-only tables behind the application's back, as a table owner could."""

from typing import Any

from django.db import connection

from safeguard.core.append_only import APPEND_ONLY_TABLES


def tamper(sql: str, params: list[Any] | None = None) -> None:
    """Run SQL with the append-only triggers off, inside the test's transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks
            for table in APPEND_ONLY_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            for table in APPEND_ONLY_TABLES:
                for op in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")
        cursor.execute(sql, params or [])
