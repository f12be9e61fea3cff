"""No session can switch the access log's protection off, and the audit trail gets it too.

Migration 0002 let TRUNCATE through when the session set `safeguard.allow_test_truncate`, and
any session can set a custom setting (issue 16, finding 1). The function now refuses every
UPDATE, DELETE and TRUNCATE. The test suite empties its own database as the tables' owner (see
`safeguard.core.testing.postgresql`). The audit trail of accounts and configuration is
append-only in the same way.
"""

from django.db import migrations

REFUSE_ALWAYS = """
CREATE OR REPLACE FUNCTION safeguard_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The % table is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
"""

WITH_ESCAPE_HATCH = """
CREATE OR REPLACE FUNCTION safeguard_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND current_setting('safeguard.allow_test_truncate', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'The access log is append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END $$;
"""

AUDIT = "core_auditevent"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(REFUSE_ALWAYS, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {AUDIT}_append_only BEFORE UPDATE OR DELETE ON {AUDIT} "
            "FOR EACH ROW EXECUTE FUNCTION safeguard_refuse_change()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {AUDIT}_no_truncate BEFORE TRUNCATE ON {AUDIT} "
            "FOR EACH STATEMENT EXECUTE FUNCTION safeguard_refuse_change()"
        )
    elif vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {AUDIT}_no_{op.lower()} BEFORE {op} ON {AUDIT} "
                f"BEGIN SELECT RAISE(ABORT, 'The {AUDIT} table is append-only: {op} refused'); END"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {AUDIT}_append_only ON {AUDIT}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {AUDIT}_no_truncate ON {AUDIT}")
        schema_editor.execute(WITH_ESCAPE_HATCH, params=None)
    elif vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {AUDIT}_no_{op}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_access_log_append_only")]

    operations = [migrations.RunPython(forwards, backwards)]
