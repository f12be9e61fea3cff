"""An import whose worker died is failed, its upload deleted, and the analyst can try again
(issue 17, finding 2).

kill -9 of `db_worker` mid-import left the job "running" for ever, holding the uploaded files,
which hold children's data. Now the worker holds a lease on the job while it runs (a session
lock on PostgreSQL, released by the database the moment the process dies), and a job whose
lease is gone is failed.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase

from safeguard.partners.roles import Role
from safeguard.returns.models import JobStatus, ReturnImportJob, ReturnUpload
from safeguard.returns.testing import sample_files
from tests.servers import database_url

pytestmark = pytest.mark.django_db


def _running_job(analyst) -> ReturnImportJob:
    job = ReturnImportJob.objects.create(
        agency=analyst.agency,
        requested_by=analyst.user,
        collection_year=2017,
        file_names=["header.csv"],
        status=JobStatus.RUNNING,
    )
    ReturnUpload.objects.create(job=job, name="header.csv", content=b"CHILD,SEX")
    return job


def test_a_job_no_worker_holds_is_failed_and_its_upload_deleted(analyst, settings):
    settings.RETURNS_JOB_STALE_MINUTES = 0  # SQLite has no lease: age decides there
    job = _running_job(analyst)
    call_command("expire_stale_imports")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "stopped before it finished" in job.errors[0]["message"]
    assert not ReturnUpload.objects.filter(job=job).exists()


def test_the_analyst_can_upload_again_after_a_stuck_job(analyst, sign_in, settings):
    settings.RETURNS_JOB_STALE_MINUTES = 0
    _running_job(analyst)
    client = sign_in(analyst.user)
    uploads = [SimpleUploadedFile(f.name, f.content) for f in sample_files()]
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/returns/upload/", {"collection_year": "2017-18", "upload": uploads, "dry_run": "no"}
        )
    assert response.status_code == 302
    assert ReturnImportJob.objects.filter(status=JobStatus.DONE).count() == 1
    assert not ReturnImportJob.objects.filter(status=JobStatus.RUNNING).exists()


WORKER = """
import sys, time, uuid
import django
django.setup()
from unittest import mock
from safeguard.returns.services import jobs
with mock.patch.object(jobs, "return_import", side_effect=lambda **kwargs: time.sleep(120)):
    jobs.import_job_run(job_id=uuid.UUID(sys.argv[1]))
"""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_kill_9_of_the_worker_mid_import_fails_the_job_at_once(council, make_user):
    analyst = make_user(Role.ANALYST, agency=council)
    job = ReturnImportJob.objects.create(
        agency=council, requested_by=analyst, collection_year=2017, file_names=["a.csv"]
    )
    ReturnUpload.objects.create(job=job, name="a.csv", content=b"CHILD,SEX")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "safeguard.settings.test",
    }
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(job.pk)], env=env)
    try:
        deadline = time.monotonic() + 30
        while ReturnImportJob.objects.get(pk=job.pk).status != JobStatus.RUNNING:
            assert time.monotonic() < deadline, "the worker did not start the job"
            time.sleep(0.2)
        call_command("expire_stale_imports")  # a live worker's job is left alone
        assert ReturnImportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    time.sleep(0.5)  # the database ends the dead process's session
    call_command("expire_stale_imports")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert not ReturnUpload.objects.filter(job=job).exists()


def test_a_job_no_worker_ever_took_is_failed_in_time(analyst, settings):
    settings.RETURNS_JOB_STALE_MINUTES = 0
    job = _running_job(analyst)
    ReturnImportJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    call_command("expire_stale_imports")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert not ReturnUpload.objects.filter(job=job).exists()
