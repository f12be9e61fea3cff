"""Bad input gets a clear answer, never a 500, and a double post creates one thing (issue 17,
finding 2).

An attachment named with over 200 characters gave a 500 and left its file on disk; a worker of
`zzz` posted to the assign form gave a 500; two "Send notification" posts at once created two
notifications.
"""

import threading
from html import unescape

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client

from safeguard.mash.models import AnswerAttachment, Notification
from safeguard.mash.services import requests as request_services
from safeguard.mash.services import triage
from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import PDF, draft
from safeguard.mash.tests.views.pages import walk_to_check as _walk_to_check
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def asked(make_user, actor_for, council):
    """A request for information to a health agency, and its information officer signed in."""
    officer = make_user(Role.PARTNER_PRACTITIONER)
    mash = actor_for(UserFactory(agency=council, roles=[Role.MASH_PRACTITIONER]))
    notification = notification_submit(actor=actor_for(officer), draft=draft())
    triage.notification_set_rag(
        actor=mash, notification_id=notification.pk, seen_version=1, rag="amber", rationale="x"
    )
    health = AgencyFactory(name="Community health")
    request = request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=2,
        agency_ids=[health.pk],
        question="Known to you?",
    )[0]
    return request, UserFactory(agency=health, roles=[Role.PARTNER_INFORMATION_OFFICER])


def _files() -> set[str]:
    root = settings.PRIVATE_FILES_ROOT
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_a_very_long_attachment_name_is_refused_and_leaves_no_file(
    asked, sign_in, settings, tmp_path
):
    settings.PRIVATE_FILES_ROOT = settings.MEDIA_ROOT = tmp_path  # this test's files only
    request, health = asked
    before = _files()
    response = sign_in(health).post(
        f"/mash/requests/{request.pk}/",
        {
            "version": "1",
            "known_to_service": "yes",
            "current_involvement": "no",
            "text": "Seen in clinic",
            "attachments": [SimpleUploadedFile("a" * 250 + ".pdf", PDF, "application/pdf")],
        },
    )
    assert response.status_code == 200
    assert "file name" in _page(response)
    assert not AnswerAttachment.objects.exists()
    assert _files() == before


@pytest.fixture
def manager_client(make_user, sign_in, council):
    return sign_in(make_user(Role.MASH_MANAGER, agency=council))


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("assign/", {"version": "1", "worker": "zzz"}),
        ("assign/", {"version": "one", "worker": ""}),
        ("children/{child}/link/", {"version": "1", "person": "zzz"}),
    ],
)
def test_a_malformed_field_is_an_error_not_a_500(make_user, actor_for, manager_client, path, data):
    notification = notification_submit(
        actor=actor_for(make_user(Role.PARTNER_PRACTITIONER)), draft=draft()
    )
    child = notification.children.get()
    manager_client.raise_request_exception = False
    response = manager_client.post(
        f"/mash/notifications/{notification.pk}/" + path.format(child=child.pk), data
    )
    assert response.status_code in (200, 302, 400)
    notification.refresh_from_db()
    assert notification.assigned_to_id is None and notification.version == 1


def test_a_double_post_of_send_creates_one_notification(police_client):
    _walk_to_check(police_client)
    page = _page(police_client.get("/mash/notify/check/"))
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    first = police_client.post("/mash/notify/check/", {"submission_token": token})
    second = police_client.post("/mash/notify/check/", {"submission_token": token})
    assert Notification.objects.count() == 1
    assert second.headers["Location"] == first.headers["Location"]


@pytest.fixture
def police_client(make_user, sign_in):
    return sign_in(make_user(Role.PARTNER_PRACTITIONER))


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_sends_at_the_same_moment_create_one_notification(make_user):
    import importlib

    from django.apps import apps

    from safeguard.partners.views.sign_in import MFA_VERIFIED

    # The list of concerns comes from a migration, and an earlier transactional test on this
    # worker may have emptied the database: put it back.
    concerns = importlib.import_module("safeguard.mash.migrations.0002_concern_list")
    concerns.add_concerns(apps, None)

    user = make_user(Role.PARTNER_PRACTITIONER)
    client = Client()
    client.force_login(user, backend="safeguard.partners.auth.EmailBackend")
    session = client.session
    session[MFA_VERIFIED] = True
    session.save()
    _walk_to_check(client)
    page = _page(client.get("/mash/notify/check/"))
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    start = threading.Barrier(2)
    answers = []

    def send():
        browser_tab = Client()  # a client each (test clients are not shared between threads)
        browser_tab.cookies = client.cookies
        start.wait()
        try:
            answers.append(browser_tab.post("/mash/notify/check/", {"submission_token": token}))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    said = [(a.status_code, a.headers.get("Location")) for a in answers]
    assert Notification.objects.count() == 1, said
    assert all(a.status_code in (200, 302) for a in answers), said


def test_a_very_long_return_file_name_is_refused(council, make_user, sign_in):
    from safeguard.returns.models import ReturnImportJob

    client = sign_in(make_user(Role.ANALYST, agency=council))
    upload = SimpleUploadedFile("r" * 250 + ".csv", b"CHILD,SEX\n")
    response = client.post(
        "/returns/upload/", {"collection_year": "2017-18", "upload": [upload], "dry_run": "no"}
    )
    assert response.status_code == 200 and "file name" in _page(response)
    assert not ReturnImportJob.objects.exists()
