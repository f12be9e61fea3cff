"""PostgreSQL for the test suite only: it can empty the append-only tables between tests.

Production has no way for a session to let TRUNCATE through the append-only triggers (issue
16). The test runner owns its database, so it switches the triggers off around its own
TRUNCATE, in the same transaction, with `ALTER TABLE ... DISABLE TRIGGER`: a statement only a
table's owner may run, and an owner could drop the triggers anyway.
"""

from typing import Any

from django.db.backends.postgresql import base, operations

from safeguard.core.append_only import APPEND_ONLY_TABLES


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style: Any, tables: Any, **options: Any) -> list[str]:
        statements = super().sql_flush(style, tables, **options)
        guarded = [table for table in APPEND_ONLY_TABLES if table in tables]
        if not statements or not guarded:
            return statements
        names = [self.quote_name(table) for table in guarded]
        return (
            [f"ALTER TABLE {name} DISABLE TRIGGER USER;" for name in names]
            + statements
            + [f"ALTER TABLE {name} ENABLE TRIGGER USER;" for name in names]
        )


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
