"""Identifiers another record holds become clashes to resolve, not refusals (issue 16)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_agency_is_partner"),
        ("people", "0005_match_common_key"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="agencyidentifier",
            name="agency_identifier_unique",
        ),
        migrations.AddField(
            model_name="personduplicate",
            name="found_by",
            field=models.CharField(
                choices=[
                    ("matcher", "Found by the matching engine"),
                    ("nhs_number", "Both have the same NHS number"),
                    ("upn", "Both have the same UPN"),
                    ("agency_identifier", "Both have the same agency identifier"),
                ],
                default="matcher",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="nhs_number",
            field=models.CharField(blank=True, db_index=True, max_length=10, null=True),
        ),
        migrations.AlterField(
            model_name="person",
            name="upn",
            field=models.CharField(blank=True, db_index=True, max_length=13, null=True),
        ),
        migrations.AddIndex(
            model_name="agencyidentifier",
            index=models.Index(fields=["agency", "scheme", "value"], name="agency_identifier"),
        ),
    ]
