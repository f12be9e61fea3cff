import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from safeguard.core.models import AccessLogEntry
from safeguard.mash.tests.factories import NotificationFactory
from safeguard.partners.roles import Role
from safeguard.people.models import AgencyIdentifier, Allocation, Person
from safeguard.people.tests.factories import PersonFactory
from safeguard.returns.models import (
    JobStatus,
    LinkStatus,
    ReturnChild,
    ReturnImportJob,
    ReturnUpload,
    StatutoryReturn,
)
from safeguard.returns.services.imports import return_import
from safeguard.returns.services.linking import CHILD_ID_SCHEME
from safeguard.returns.testing import sample_census, sample_files


def _upload(client, files, *, year="2017-18", dry_run="no"):
    """Posts the upload; the import task runs when the request's transaction commits."""
    uploads = [SimpleUploadedFile(f.name, f.content) for f in files]
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/returns/upload/", {"collection_year": year, "upload": uploads, "dry_run": dry_run}
        )


def test_an_analyst_uploads_a_return_and_sees_the_import_finish(council, make_user, sign_in):
    client = sign_in(make_user(Role.ANALYST, agency=council))
    response = _upload(client, sample_files())
    job = ReturnImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/returns/imports/{job.pk}/"
    assert job.status == JobStatus.DONE and job.statutory_return.is_current
    assert job.steps == ["Reading and checking the files", "Writing the return"]
    assert not ReturnUpload.objects.exists()  # the files held children's data
    page = client.get(response["Location"]).content.decode()
    assert "Return imported" in page and "episodes: 3 rows" in page
    assert 'http-equiv="refresh"' not in page


def test_a_bad_return_lists_its_problems_and_imports_nothing(council, make_user, sign_in):
    client = sign_in(make_user(Role.ANALYST, agency=council))
    census = sample_census(replace={"<ReferralSource>6<": "<ReferralSource>5D<"})
    response = _upload(client, [census])
    job = ReturnImportJob.objects.get()
    assert job.status == JobStatus.INVALID and not StatutoryReturn.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "1 problem(s): nothing was imported" in page
    assert "cin-2018.xml, Child 1 / CINdetails 1, ReferralSource" in page


def test_a_check_only_upload_reports_without_writing(council, make_user, sign_in):
    client = sign_in(make_user(Role.ANALYST, agency=council))
    response = _upload(client, sample_files(), dry_run="yes")
    assert not StatutoryReturn.objects.exists()
    assert "Checked: it would import" in client.get(response["Location"]).content.decode()


def test_the_upload_form_shows_its_errors(council, make_user, sign_in):
    client = sign_in(make_user(Role.ANALYST, agency=council))
    page = client.post("/returns/upload/", {"collection_year": "2017-19"}).content.decode()
    assert "There is a problem" in page
    assert "The second year must follow the first, like 2017-18" in page
    assert "Choose the return&#39;s files" in page
    assert not ReturnImportJob.objects.exists()


def test_an_analyst_outside_the_council_cannot_upload(make_user, sign_in):
    client = sign_in(make_user(Role.ANALYST))
    page = _upload(client, sample_files()).content.decode()
    assert "Only the council&#39;s children&#39;s services can import its returns" in page
    assert not ReturnImportJob.objects.exists()


def test_another_agencys_job_is_not_found(council, make_user, sign_in):
    mine = make_user(Role.ANALYST, agency=council)
    _upload(sign_in(mine), sample_files())
    elsewhere = sign_in(make_user(Role.ANALYST))
    assert elsewhere.get(f"/returns/imports/{ReturnImportJob.objects.get().pk}/").status_code == 404


def test_the_overview_shows_each_years_indicators(council, make_user, sign_in, actor_for):
    analyst = make_user(Role.ANALYST, agency=council)
    return_import(actor=actor_for(analyst), collection_year=2017, files=sample_files())
    page = sign_in(make_user(Role.BOARD_MEMBER)).get("/returns/").content.decode()
    assert "Indicators for 2017-18" in page
    assert "Children looked after at 31 March" in page
    assert "100.0% (1 of 1)" in page  # the health assessments


def test_a_childs_chronology_merges_the_mash_and_the_journey(
    council, make_user, sign_in, actor_for
):
    analyst = make_user(Role.ANALYST, agency=council)
    return_import(actor=actor_for(analyst), collection_year=2017, files=[sample_census()])
    child = ReturnChild.objects.get(child_ref="C2001")
    NotificationFactory(child=child.person, received_at=dt.datetime(2017, 4, 28, tzinfo=dt.UTC))
    worker = make_user(Role.SOCIAL_WORKER)
    Allocation.objects.create(person=child.person, worker=worker, started_on=dt.date(2017, 5, 2))
    page = sign_in(worker).get(f"/returns/chronology/{child.person_id}/").content.decode()
    order = [
        "Notification MASH-",
        "Referral to children&#39;s social care",
        "Section 47 enquiry started",
        "Child protection plan started",  # the same day as the conference
        "Initial child protection conference",
        "Assessment completed",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    logged = AccessLogEntry.objects.filter(object_id=str(child.person_id), why="Viewed chronology")
    assert logged.count() == 1


def _under_review(council, actor):
    """A child whose UPN belongs to someone in the index with another date of birth."""
    census = sample_census()
    upn = census.content.decode().split("<UPN>")[1].split("<")[0]
    PersonFactory(upn=upn, date_of_birth=dt.date(2001, 1, 1))
    return_import(actor=actor, collection_year=2017, files=[census])
    return ReturnChild.objects.get(link_status=LinkStatus.REVIEW)


def test_governance_links_an_uncertain_child_to_the_same_person(
    council, make_user, sign_in, actor_for
):
    child = _under_review(council, actor_for(make_user(Role.ANALYST, agency=council)))
    client = sign_in(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
    assert "C2002" in client.get("/returns/review/").content.decode()
    response = client.post(f"/returns/review/{child.pk}/", {"same_person": "yes"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.link_status == LinkStatus.LINKED and child.person.upn == child.upn
    assert AgencyIdentifier.objects.get(scheme=CHILD_ID_SCHEME, value="C2002").person == (
        child.person
    )
    assert "Nothing to review" in client.get("/returns/review/").content.decode()


def test_governance_records_an_uncertain_child_as_a_new_person(
    council, make_user, sign_in, actor_for
):
    child = _under_review(council, actor_for(make_user(Role.ANALYST, agency=council)))
    people = Person.objects.count()
    client = sign_in(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
    client.post(f"/returns/review/{child.pk}/", {"same_person": "no"})
    child.refresh_from_db()
    assert child.link_status == LinkStatus.CREATED and child.person.upn is None
    assert Person.objects.count() == people + 1
