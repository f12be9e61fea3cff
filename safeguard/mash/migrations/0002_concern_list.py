"""The starting list of concerns, each with the CIN census assessment factor it maps to.

The list is configurable: these rows can be relabelled, reordered or retired. Concerns without
a CIN factor (radicalisation, honour-based abuse, forced marriage) map to none. Where the CIN list
splits by who misuses substances, the drug-misuse code is used; the assessment itself records
the exact factor later.
"""

from django.db import migrations

CONCERNS = [
    ("domestic_abuse", "Domestic abuse", "3B"),
    ("neglect", "Neglect", "16A"),
    ("physical_abuse", "Physical abuse", "18C"),
    ("sexual_abuse", "Sexual abuse", "19C"),
    ("emotional_abuse", "Emotional abuse", "17A"),
    ("child_sexual_exploitation", "Child sexual exploitation", "11A"),
    ("criminal_exploitation", "Criminal exploitation or county lines", "24A"),
    ("missing", "Going or being missing", "10A"),
    ("radicalisation", "Radicalisation", ""),
    ("fgm", "Female genital mutilation (FGM)", "22A"),
    ("honour_based_abuse", "Honour-based abuse", ""),
    ("forced_marriage", "Forced marriage", ""),
    ("trafficking", "Trafficking or modern slavery", "12A"),
    ("mental_health_child", "Mental health: the child", "4A"),
    ("mental_health_parent", "Mental health: a parent or carer", "4B"),
    ("substance_misuse_child", "Substance misuse: the child", "2A"),
    ("substance_misuse_parent", "Substance misuse: a parent or carer", "2B"),
    ("self_harm", "Self-harm", "15A"),
    ("private_fostering", "Private fostering", "8F"),
    ("uasc", "Unaccompanied asylum-seeking child", "9A"),
    ("other", "Other", "20"),
]


def add_concerns(apps, schema_editor):
    Concern = apps.get_model("mash", "Concern")
    for position, (code, label, factor) in enumerate(CONCERNS, start=1):
        Concern.objects.update_or_create(
            code=code, defaults={"label": label, "cin_factor": factor, "position": position}
        )


def remove_concerns(apps, schema_editor):
    apps.get_model("mash", "Concern").objects.filter(code__in=[c[0] for c in CONCERNS]).delete()


class Migration(migrations.Migration):
    dependencies = [("mash", "0001_initial")]

    operations = [migrations.RunPython(add_concerns, remove_concerns)]
