from django.db import IntegrityError, transaction

from safeguard.mash.models import ReferenceCounter


def next_reference(year: int) -> str:
    """'MASH-2026-000123': numbered in the database, so that every app process agrees."""
    with transaction.atomic():
        counter = ReferenceCounter.objects.select_for_update().filter(year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = ReferenceCounter.objects.create(year=year, last=0)
            except IntegrityError:  # another process created it first
                counter = ReferenceCounter.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"MASH-{year}-{counter.last:06d}"
