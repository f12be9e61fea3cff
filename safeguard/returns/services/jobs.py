"""Imports started from the upload page: kept as a job, run in the background, shown as it goes.

The uploaded files are kept only until the job has run: they hold children's data.
"""

import logging
import uuid
from collections.abc import Sequence

from django.db import transaction

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


def import_job_run(*, job_id: uuid.UUID) -> None:
    """Runs a queued job once; whatever happens, its uploaded files are then deleted."""
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
    job.save()
    ReturnUpload.objects.filter(job=job).delete()
