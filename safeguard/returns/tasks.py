"""Background work of the returns app."""

import uuid

from django_tasks import task

from safeguard.returns.services.jobs import import_job_run


@task()
def import_return(*, job_id: str) -> None:
    import_job_run(job_id=uuid.UUID(job_id))
