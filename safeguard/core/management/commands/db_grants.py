from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from safeguard.core.append_only import APPEND_ONLY_TABLES

READ_ONLY_TABLES = ("django_migrations",)


def grant_statements(role: str) -> list[str]:
    """What the app's role may do: read and write its tables, only add to the append-only
    ones, and nothing else: no TRUNCATE, no triggers, no changes to the schema."""
    quote = connection.ops.quote_name
    who = quote(role)
    statements = [f"GRANT USAGE ON SCHEMA {quote(_schema())} TO {who}"]
    for table in sorted(connection.introspection.table_names()):
        if table in APPEND_ONLY_TABLES:
            allowed = "SELECT, INSERT"
        elif table in READ_ONLY_TABLES:
            allowed = "SELECT"
        else:
            allowed = "SELECT, INSERT, UPDATE, DELETE"
        statements += [
            f"REVOKE ALL ON {quote(table)} FROM {who}",
            f"GRANT {allowed} ON {quote(table)} TO {who}",
        ]
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote(_schema())} TO {who}")
    return statements


def _schema() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return str(cursor.fetchone()[0])


class Command(BaseCommand):
    help = (
        "Give the app's PostgreSQL role what it needs and no more (run as the tables' owner, "
        "after every migrate). The append-only tables get SELECT and INSERT only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the role the app servers and task worker log in as")
        parser.add_argument("--print", action="store_true", help="print the SQL, run nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("db-grants is for PostgreSQL; SQLite has no roles")
        statements = grant_statements(options["role"])
        if options["print"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        tables = (len(statements) - 2) // 2
        self.stdout.write(f"Granted {options['role']} its rights on {tables} tables")
