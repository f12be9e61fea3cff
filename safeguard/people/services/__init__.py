"""Every change to the people index."""

from safeguard.people.services.duplicates import person_duplicate_dismiss, person_duplicates_find
from safeguard.people.services.merging import person_merge, person_unmerge
from safeguard.people.services.records import (
    person_add_address,
    person_add_identifier,
    person_add_name,
    person_create,
    person_update,
    relationship_add,
)

__all__ = [
    "person_add_address",
    "person_add_identifier",
    "person_add_name",
    "person_create",
    "person_duplicate_dismiss",
    "person_duplicates_find",
    "person_merge",
    "person_unmerge",
    "person_update",
    "relationship_add",
]
