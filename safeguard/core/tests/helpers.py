"""Writing access-log rows, and editing the append-only tables behind the application's back
as a table owner could."""

from typing import Any
from uuid import uuid4

from django.db import connection

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.append_only import APPEND_ONLY_TABLES
from safeguard.core.models import AccessLogEntry


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


def write_rows(actor: Actor, n: int = 3) -> list[AccessLogEntry]:
    """n views of one child, each a row of the chain."""
    child = uuid4()
    return [
        access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="people.person",
            object_id=child,
            subjects=[child],
            why=f"view {i}",
        )
        for i in range(n)
    ]
