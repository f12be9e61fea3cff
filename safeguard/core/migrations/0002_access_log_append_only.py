"""The database refuses to change or remove access-log rows, as the application does.

PostgreSQL: row triggers refuse UPDATE and DELETE, and a statement trigger refuses TRUNCATE,
unless the session set `safeguard.allow_test_truncate` (only the test settings do, so that the
test runner can empty its own database between tests). SQLite: triggers refuse UPDATE and
DELETE; SQLite has no TRUNCATE. Anyone who owns the tables can still drop a trigger: the hash
chain, checked by `safeguard verify-access-log`, is what detects that.
"""

from django.db import migrations

TABLES = ("core_accesslogentry", "core_accesslogsubject")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION safeguard_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND current_setting('safeguard.allow_test_truncate', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'The access log is append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END $$;
"""


def _postgres(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION safeguard_refuse_change()",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION safeguard_refuse_change()",
    ]


def _sqlite(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'The access log is append-only: {op} refused'); END"
        for op in ("UPDATE", "DELETE")
    ]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = []
    if vendor == "postgresql":
        statements.append(POSTGRES_FUNCTION)
        for table in TABLES:
            statements += _postgres(table)
    elif vendor == "sqlite":
        for table in TABLES:
            statements += _sqlite(table)
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        elif vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
