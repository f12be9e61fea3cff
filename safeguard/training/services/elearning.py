"""Importing e-learning completions from the platform's CSV: all rows or none, idempotent."""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.hashing import sha256_hex
from safeguard.core.policy import Permission, require_permission
from safeguard.training.models import Course, CourseKind, ELearningCompletion, ELearningImport

COLUMNS = ("course", "person", "agency", "completed date")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    added: int = 0
    already: int = 0
    errors: list[RowError] = field(default_factory=list)


def completion_key(course_id: object, person: str, agency: str, completed: dt.date) -> str:
    """The same completion gives the same key, however often its file is imported."""
    return sha256_hex(f"{course_id}|{person.strip().lower()}|{agency.strip().lower()}|{completed}")


def _parse(content: bytes) -> tuple[list[dict[str, str]], list[RowError]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(1, "", "The file must be a CSV saved as UTF-8")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [RowError(1, c, "This column is missing from the first row") for c in missing]
    rows = [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    return rows, []


def _check(
    rows: list[dict[str, str]],
) -> tuple[list[tuple[Course, str, str, dt.date]], list[RowError]]:
    courses = {c.title.lower(): c for c in Course.objects.filter(kind=CourseKind.ELEARNING)}
    valid, errors = [], []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        course = courses.get(row["course"].lower())
        if course is None:
            errors.append(
                RowError(number, "course", f"No e-learning course is called {row['course']!r}")
            )
        for column in ("person", "agency"):
            if not row[column]:
                errors.append(RowError(number, column, f"Enter the {column}"))
        try:
            completed = dt.date.fromisoformat(row["completed date"])
        except ValueError:
            errors.append(
                RowError(number, "completed date", "Give the date as YYYY-MM-DD, like 2018-03-31")
            )
            continue
        if completed > timezone.localdate():
            errors.append(RowError(number, "completed date", "The date is in the future"))
        if course is not None and row["person"] and row["agency"]:
            valid.append((course, row["person"], row["agency"], completed))
    return valid, errors


@transaction.atomic
def elearning_import(*, actor: Actor, file_name: str, content: bytes) -> ImportResult:
    """Check every row; add nothing unless all are valid; never add a completion twice."""
    require_permission(actor, Permission.TRAINING_MANAGE)
    rows, errors = _parse(content)
    valid, row_errors = _check(rows) if rows else ([], [])
    result = ImportResult(rows=len(rows), errors=errors + row_errors)
    if not rows and not result.errors:
        result.errors.append(RowError(2, "", "The file has no rows of completions"))
    if result.errors:
        return result
    batch = ELearningImport.objects.create(
        file_name=file_name,
        file_hash=sha256_hex(content.decode("utf-8-sig")),
        rows=len(rows),
        added=0,
        imported_by=actor.user,
    )
    keys = {completion_key(c.pk, p, a, d): (c, p, a, d) for c, p, a, d in valid}
    existing = set(ELearningCompletion.objects.filter(key__in=keys).values_list("key", flat=True))
    new = [
        ELearningCompletion(
            course=c, full_name=p, agency_name=a, completed_on=d, key=k, source=batch
        )
        for k, (c, p, a, d) in keys.items()
        if k not in existing
    ]
    ELearningCompletion.objects.bulk_create(new)
    batch.added = len(new)
    batch.save(update_fields=["added", "updated_at"])
    result.added, result.already = len(new), len(rows) - len(new)
    access_log_record(
        actor=actor,
        action=Action.CREATE,
        object_type="training.elearningimport",
        object_id=batch.pk,
        why=f"Imported e-learning completions: {result.added} added",
    )
    return result
