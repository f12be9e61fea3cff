"""Imports started from the upload page: kept as a job, run in the background, shown as it goes.

The uploaded files are kept only until the job has run: they hold children's data.
"""

import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError
from safeguard.returns.errors import ReturnInvalid
from safeguard.returns.models import JobStatus, ReturnImportJob, ReturnUpload
from safeguard.returns.services.imports import (
    ImportOutcome,
    ReturnFile,
    return_import,
    returns_council,
)

logger = logging.getLogger(__name__)
MAX_NAME = 200  # ReturnUpload.name
UNEXPECTED = "Something went wrong, so nothing was imported. Try again, or tell the service desk."


def import_job_start(
    *, actor: Actor, collection_year: int, files: Sequence[ReturnFile], dry_run: bool
) -> ReturnImportJob:
    from safeguard.returns.tasks import import_return

    agency = returns_council(actor)
    if actor.user is None:
        raise DomainError("Returns are uploaded by a signed-in analyst")
    if any(len(f.name) > MAX_NAME for f in files):
        raise DomainError(
            f"A file name can be at most {MAX_NAME} characters: rename the file and upload it "
            "again",
            field="upload",
        )
    with transaction.atomic():
        job = ReturnImportJob.objects.create(
            agency=agency,
            requested_by=actor.user,
            collection_year=collection_year,
            dry_run=dry_run,
            file_names=[f.name for f in files],
        )
        ReturnUpload.objects.bulk_create(
            ReturnUpload(job=job, name=f.name, content=f.content) for f in files
        )
        audit_record(actor=actor, action="return_import_requested", obj=job)
        transaction.on_commit(lambda: import_return.enqueue(job_id=str(job.pk)))
    return job


def _outcome(outcome: ImportOutcome) -> dict[str, object]:
    return {
        "kind": outcome.kind,
        "counts": outcome.counts,
        "changes": outcome.changes,
        "unchanged": outcome.unchanged,
        "replaces": outcome.replaces is not None,
    }


STOPPED = (
    "The import stopped before it finished: the background worker was interrupted. Nothing was "
    "imported, and the uploaded files have been deleted. Upload them again."
)


def _lease_key(job_id: uuid.UUID) -> int:
    return int.from_bytes(job_id.bytes[:8], "big", signed=True)


@contextmanager
def _lease(job_id: uuid.UUID) -> Iterator[None]:
    """On PostgreSQL, a session lock on the job for as long as this worker runs it: if the
    process dies, the database ends its session and the lock with it, at once."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_lease_key(job_id)])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_lease_key(job_id)])


def _abandoned(job: ReturnImportJob) -> bool:
    """No worker runs this job: its lease is free (PostgreSQL), or it is older than any
    import takes (SQLite, which has no leases)."""
    if connection.vendor != "postgresql":
        stale = timezone.now() - timedelta(minutes=settings.RETURNS_JOB_STALE_MINUTES)
        return job.updated_at <= stale
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_lease_key(job.pk)])
        free = bool(cursor.fetchone()[0])
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_lease_key(job.pk)])
    return free


def _never_started(job: ReturnImportJob) -> bool:
    """Queued for longer than any import takes: the task was lost, or its worker died first."""
    stale = timezone.now() - timedelta(minutes=settings.RETURNS_JOB_STALE_MINUTES)
    return job.status == JobStatus.QUEUED and job.updated_at <= stale


def import_jobs_expire_stale() -> int:
    """Fails every job whose worker has gone (or that no worker ever took), and deletes its
    uploaded files, which hold children's data, so that the analyst can upload again. Returns
    how many."""
    expired = 0
    waiting = [JobStatus.RUNNING, JobStatus.QUEUED]
    for job_id in ReturnImportJob.objects.filter(status__in=waiting).values_list("pk", flat=True):
        with transaction.atomic():
            job = ReturnImportJob.objects.select_for_update().get(pk=job_id)
            running = job.status == JobStatus.RUNNING and _abandoned(job)
            if not (running or _never_started(job)):
                continue
            job.status = JobStatus.FAILED
            job.errors = [{"place": "", "message": STOPPED}]
            job.save(update_fields=["status", "errors", "updated_at"])
            ReturnUpload.objects.filter(job=job).delete()
            expired += 1
    return expired


def import_job_run(*, job_id: uuid.UUID) -> None:
    """Runs a queued job once, under its lease; whatever happens, its uploaded files are then
    deleted."""
    with _lease(job_id):
        _run(job_id)


def _run(job_id: uuid.UUID) -> None:
    with transaction.atomic():
        job = ReturnImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != JobStatus.QUEUED:
            return
        job.status = JobStatus.RUNNING
        job.save(update_fields=["status", "updated_at"])
    files = [ReturnFile(u.name, bytes(u.content)) for u in job.uploads.order_by("id")]

    def progress(step: str) -> None:
        job.steps = [*job.steps, step]
        job.save(update_fields=["steps", "updated_at"])

    try:
        outcome = return_import(
            actor=Actor.for_user(job.requested_by),
            collection_year=job.collection_year,
            files=files,
            dry_run=job.dry_run,
            progress=progress,
        )
    except ReturnInvalid as invalid:
        job.status = JobStatus.INVALID
        job.errors = [{"place": e.place, "message": e.message} for e in invalid.errors]
    except DomainError as error:
        job.status = JobStatus.FAILED
        job.errors = [{"place": "", "message": error.message}]
    except Exception:
        # The job's id only: a traceback's values could hold a child's details.
        logger.error("Return import job %s failed unexpectedly", job.pk)
        job.status = JobStatus.FAILED
        job.errors = [{"place": "", "message": UNEXPECTED}]
    else:
        job.status = JobStatus.DONE
        job.outcome = _outcome(outcome)
        job.statutory_return = outcome.statutory_return
    # Only over a job still running: one failed meanwhile as abandoned stays failed.
    ReturnImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=job.status,
        errors=job.errors,
        outcome=job.outcome,
        statutory_return=job.statutory_return,
        updated_at=timezone.now(),
    )
    ReturnUpload.objects.filter(job=job).delete()
