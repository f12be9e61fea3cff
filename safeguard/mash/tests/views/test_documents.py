"""Documents the referrer sends with a notification: checked by their bytes as partners'
answers are, listed on check your answers, and served only to the MASH and the referrer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safeguard.core.models import AccessLogEntry
from safeguard.mash.models import Notification, NotificationAttachment
from safeguard.mash.tests.factories import PDF, PNG
from safeguard.mash.tests.views.pages import page_text, walk_to_check
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db


def _attach(client, *files):
    return client.post("/mash/notify/documents/", {"attachments": list(files)})


def test_a_document_travels_with_the_notification_to_the_mash(police, make_user, sign_in, council):
    walk_to_check(police)
    response = _attach(police, SimpleUploadedFile("body map.pdf", PDF, "application/pdf"))
    assert response.headers["Location"] == "/mash/notify/sharing/"
    assert "body map.pdf" in page_text(police.get("/mash/notify/check/"))
    police.post("/mash/notify/check/")
    notification = Notification.objects.get()
    document = NotificationAttachment.objects.get(notification=notification)
    assert document.content_type == "application/pdf"
    mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
    page = page_text(mash.get(f"/mash/notifications/{notification.pk}/"))
    assert f'href="/mash/documents/{document.pk}/"' in page
    download = mash.get(f"/mash/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download.headers["Content-Disposition"]
    assert AccessLogEntry.objects.filter(action="export", object_id=str(document.pk)).exists()
    copy = page_text(police.get(f"/mash/sent/{notification.pk}/"))
    assert "body map.pdf" in copy


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_kept(police):
    walk_to_check(police)
    page = page_text(_attach(police, SimpleUploadedFile("photo.pdf", PNG, "application/pdf")))
    assert "There is a problem" in page
    assert "photo.pdf is named as one kind of file but is another" in page
    assert "photo.pdf" not in page_text(police.get("/mash/notify/check/")).split("Documents")[-1]


def test_anyone_else_never_gets_the_document(police, make_user, sign_in):
    walk_to_check(police)
    _attach(police, SimpleUploadedFile("letter.pdf", PDF, "application/pdf"))
    police.post("/mash/notify/check/")
    document = NotificationAttachment.objects.get()
    colleague = sign_in(make_user(Role.PARTNER_PRACTITIONER))  # same agency, did not send it
    assert colleague.get(f"/mash/documents/{document.pk}/").status_code == 404


def test_documents_of_a_draft_never_sent_are_removed_later_and_sent_ones_kept(
    police, settings, tmp_path
):
    import datetime as dt

    import time_machine
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path  # its own folder: the clean-up must not reach other tests'
    walk_to_check(police)
    _attach(police, SimpleUploadedFile("sent.pdf", PDF, "application/pdf"))
    police.post("/mash/notify/check/")
    walk_to_check(police)
    _attach(police, SimpleUploadedFile("abandoned.pdf", PDF, "application/pdf"))
    sent = NotificationAttachment.objects.get().file.name
    _folders, names = default_storage.listdir("mash/notifications/")
    [abandoned] = [f"mash/notifications/{n}" for n in names if f"mash/notifications/{n}" != sent]
    call_command("remove_unsent_documents")
    assert default_storage.exists(abandoned)  # a draft may still be being written
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=3)):
        call_command("remove_unsent_documents")
    assert not default_storage.exists(abandoned)
    assert default_storage.exists(sent)
