"""The security event log (issue 16): refusals and clashes, append-only like the access log."""

import django.utils.timezone
from django.db import migrations, models

TABLE = "core_securityevent"


def append_only(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION safeguard_refuse_change()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION safeguard_refuse_change()"
        )
    elif vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {TABLE}_no_{op.lower()} BEFORE {op} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, 'The {TABLE} table is append-only: {op} refused'); END"
            )


def not_append_only(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}")
    elif vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_{op}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_append_only_without_escape_hatch"),
    ]

    operations = [
        migrations.CreateModel(
            name="SecurityEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("refused_not_found", "Refused: no relationship to the record"),
                            ("refused_forbidden", "Refused: the role may not do this"),
                            ("identifier_clash", "An identifier another record holds"),
                            ("sign_in_throttled", "Sign-in slowed down"),
                        ],
                        max_length=40,
                    ),
                ),
                ("actor_user_id", models.UUIDField(blank=True, null=True)),
                ("actor_label", models.CharField(max_length=254)),
                ("agency_id", models.UUIDField(blank=True, null=True)),
                ("client", models.CharField(blank=True, max_length=64)),
                ("method", models.CharField(blank=True, max_length=10)),
                ("route", models.CharField(blank=True, max_length=200)),
                ("object_id", models.CharField(blank=True, max_length=80)),
                ("detail", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["-at"],
                "indexes": [
                    models.Index(fields=["kind", "at"], name="security_event_kind"),
                    models.Index(fields=["actor_user_id", "at"], name="security_event_actor"),
                ],
            },
        ),
        migrations.RunPython(append_only, not_append_only),
    ]
