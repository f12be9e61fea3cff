"""An agency lists its staff's email domains: proof for partner pricing (issue 17)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_enrolment_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="email_domains",
            field=models.CharField(blank=True, max_length=500),
        ),
    ]
