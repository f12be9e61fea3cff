"""Enrolling an authenticator needs a set-up code the administrator gives out of band (issue 16)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_sign_in_throttle"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="enrolment_code_expires_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="enrolment_code_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="user",
            name="enrolment_opened_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
