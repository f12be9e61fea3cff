"""Public bookings wait for their email to be confirmed; partner pricing needs proof (issue 17)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="partner_claim_pending",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="booking",
            name="status",
            field=models.CharField(
                choices=[
                    ("unconfirmed", "Waiting for you to confirm your email address"),
                    ("booked", "Booked"),
                    ("waiting", "On the waiting list"),
                    ("cancelled", "Cancelled"),
                    ("attended", "Attended"),
                    ("no_show", "Did not attend"),
                ],
                max_length=12,
            ),
        ),
    ]
