"""Optimistic concurrency: a change applies only to the version the user saw."""

from typing import Any, TypeVar

from django.utils import timezone

from safeguard.core.errors import ConflictError
from safeguard.core.models import VersionedModel

M = TypeVar("M", bound=VersionedModel)

CONFLICT_MESSAGE = (
    "Someone else changed this record while you were editing it. "
    "Your changes have not been saved. Check the record as it is now, then make them again."
)


def versioned_update(instance: M, *, seen_version: int, **changes: Any) -> M:
    """Apply `changes` if the stored version is still `seen_version`, bumping it; else refuse."""
    model = type(instance)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        changes.setdefault("updated_at", timezone.now())
    updated = model._default_manager.filter(pk=instance.pk, version=seen_version).update(
        version=seen_version + 1, **changes
    )
    if updated != 1:
        raise ConflictError(CONFLICT_MESSAGE)
    instance.refresh_from_db()
    return instance
