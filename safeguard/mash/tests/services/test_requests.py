import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from safeguard.core.errors import DomainError, NotFound
from safeguard.mash.models import InformationRequest, Notification, NotificationEvent
from safeguard.mash.models.choices import Stage, Status
from safeguard.mash.services import requests
from safeguard.mash.tests.factories import PDF, PNG, triaged
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestRequestsAndAnswers:
    def test_requests_go_to_each_agency_with_a_rag_clock(self, police, mash, health):
        notification = triaged(police, mash)
        sent = requests.information_request_send(
            actor=mash,
            notification_id=notification.pk,
            seen_version=notification.version,
            agency_ids=[health.agency.pk],
            question="Known to health visiting?",
        )
        assert [r.agency for r in sent] == [health.agency]
        notification.refresh_from_db()
        assert notification.status == Status.AWAITING_INFORMATION

    def _sent(self, police, mash, health):
        notification = triaged(police, mash)
        return requests.information_request_send(
            actor=mash,
            notification_id=notification.pk,
            seen_version=notification.version,
            agency_ids=[health.agency.pk],
            question="Known to health visiting?",
        )[0]

    def test_an_answer_with_a_pdf_closes_the_request(self, police, mash, health):
        request = self._sent(police, mash, health)
        answer = requests.information_request_answer(
            actor=health,
            request_id=request.pk,
            seen_version=1,
            known_to_service="yes",
            current_involvement=True,
            text="Seen by the health visitor last week",
            attachments=[SimpleUploadedFile("visit.pdf", PDF, "application/pdf")],
        )
        assert answer.attachments.get().content_type == "application/pdf"
        request.refresh_from_db()
        assert request.status == "answered"
        assert request.notification.status == Status.AWAITING_DECISION

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("notes.exe", b"MZ\x90\x00" + b"\0" * 60, "must be a PDF"),
            ("photo.pdf", PNG, "named as one kind of file but is another"),
            ("letter.docx", b"just some text", "must be a PDF"),
        ],
    )
    def test_a_wrong_or_renamed_file_is_refused(self, police, mash, health, name, content, message):
        request = self._sent(police, mash, health)
        with pytest.raises(DomainError, match=message):
            requests.information_request_answer(
                actor=health,
                request_id=request.pk,
                seen_version=1,
                known_to_service="no",
                current_involvement=False,
                text="Not known",
                attachments=[SimpleUploadedFile(name, content)],
            )
        request.refresh_from_db()
        assert request.status == "open"

    def test_an_oversized_file_is_refused(self, police, mash, health, settings):
        settings.ATTACHMENT_MAX_BYTES = 10
        request = self._sent(police, mash, health)
        with pytest.raises(DomainError, match="larger than"):
            requests.information_request_answer(
                actor=health,
                request_id=request.pk,
                seen_version=1,
                known_to_service="no",
                current_involvement=False,
                text="Not known",
                attachments=[SimpleUploadedFile("visit.pdf", PDF)],
            )

    def test_an_answer_to_a_withdrawn_request_is_refused_with_the_reason(
        self, police, mash, health
    ):
        request = self._sent(police, mash, health)
        requests.information_request_withdraw(
            actor=mash,
            request_id=request.pk,
            seen_version=Notification.objects.get(pk=request.notification_id).version,
            reason="The family moved out of the area",
        )
        with pytest.raises(DomainError, match=r"withdrew this request \(The family moved"):
            requests.information_request_answer(
                actor=health,
                request_id=request.pk,
                seen_version=2,
                known_to_service="no",
                current_involvement=False,
                text="Not known",
            )

    def test_another_agency_cannot_answer(self, police, mash, health, make_user, actor_for):
        request = self._sent(police, mash, health)
        school = actor_for(
            UserFactory(
                agency=AgencyFactory(kind="school"), roles=[Role.PARTNER_INFORMATION_OFFICER]
            )
        )
        with pytest.raises(NotFound):
            requests.information_request_answer(
                actor=school,
                request_id=request.pk,
                seen_version=1,
                known_to_service="no",
                current_involvement=False,
                text="x",
            )

    def test_overdue_requests_escalate_once_and_remind_the_agency(
        self, police, mash, health, django_capture_on_commit_callbacks, mailoutbox
    ):
        request = self._sent(police, mash, health)
        InformationRequest.objects.filter(pk=request.pk).update(
            due_at=timezone.now() - dt.timedelta(hours=1)
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert requests.information_requests_escalate() == 1
        assert requests.information_requests_escalate() == 0
        assert [m.to for m in mailoutbox] == [[health.user.email]]
        assert "Patel" not in mailoutbox[0].body
        assert NotificationEvent.objects.filter(stage=Stage.REQUEST_ESCALATED).count() == 1
