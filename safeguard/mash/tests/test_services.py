import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.models import AccessLogEntry
from safeguard.mash.models import InformationRequest, Notification, NotificationEvent
from safeguard.mash.models.choices import Stage, Status
from safeguard.mash.services import decisions, requests, triage
from safeguard.mash.services.submit import ChildDetails, notification_submit
from safeguard.mash.tests.factories import PDF, PNG, draft
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(make_user, actor_for):
    return actor_for(make_user(Role.PARTNER_PRACTITIONER))


@pytest.fixture
def mash(make_user, actor_for, council):
    return actor_for(make_user(Role.MASH_PRACTITIONER, agency=council))


@pytest.fixture
def manager(make_user, actor_for, council):
    return actor_for(make_user(Role.MASH_MANAGER, agency=council))


@pytest.fixture
def health(actor_for):
    agency = AgencyFactory(name="Community health", kind="community_mental_health_trust")
    return actor_for(UserFactory(agency=agency, roles=[Role.PARTNER_INFORMATION_OFFICER]))


class TestSubmit:
    def test_a_notification_gets_a_reference_a_decision_clock_and_a_received_event(self, police):
        with time_machine.travel(dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.UTC), tick=False):
            notification = notification_submit(actor=police, draft=draft())
        assert notification.reference == "MASH-2026-000001"
        assert notification.source_agency == police.agency
        assert notification.decision_due_at == dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)
        assert list(notification.events.values_list("stage", flat=True)) == ["received"]
        assert AccessLogEntry.objects.get().action == "create"

    def test_references_count_up_within_a_year(self, police):
        first = notification_submit(actor=police, draft=draft())
        second = notification_submit(actor=police, draft=draft())
        assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"children": []}, "children"),
            ({"children": [ChildDetails(school="St Mary's")]}, "children"),
            ({"children": [ChildDetails(given_name="A", nhs_number="123")]}, "children"),
            ({"concerns": []}, "concerns"),
            ({"concerns": ["not-a-concern"]}, "concerns"),
            ({"what_happened": "  "}, "what_happened"),
            ({"consent_not_sought_reason": ""}, "consent_not_sought_reason"),
            ({"lawful_basis": "consent"}, "lawful_basis"),
            ({"sharing_decided_by": ""}, "sharing_decided_by"),
        ],
    )
    def test_bad_input_is_refused_against_its_field_and_nothing_is_written(
        self, police, overrides, field
    ):
        with pytest.raises(DomainError) as refused:
            notification_submit(actor=police, draft=draft(**overrides))
        assert refused.value.field == field
        assert not Notification.objects.exists()

    def test_a_partner_cannot_link_a_child_from_another_agencys_records(self, police, other_agency):
        stranger = PersonFactory(recorded_by_agency=other_agency)
        with pytest.raises(DomainError, match="search results"):
            notification_submit(
                actor=police,
                draft=draft(children=[ChildDetails(given_name="A", person_id=stranger.pk)]),
            )

    def test_a_role_that_cannot_submit_is_refused(self, make_user, actor_for):
        with pytest.raises(PermissionDenied):
            notification_submit(actor=actor_for(make_user(Role.ANALYST)), draft=draft())

    def test_the_mash_records_a_phone_call_for_the_referrer(self, mash, agency):
        notification = notification_submit(
            actor=mash,
            draft=draft(
                channel="phone",
                source_agency_id=agency.pk,
                referrer_name="PC Ali",
                referrer_contact="07700 900123",
            ),
        )
        assert (notification.channel, notification.source_agency) == ("phone", agency)
        assert notification.submitted_by is None and notification.recorded_by == mash.user


def _triaged(police, mash):
    notification = notification_submit(actor=police, draft=draft())
    person = PersonFactory(given_name="Ava", family_name="Patel")
    child = notification.children.get()
    triage.notification_link_child(
        actor=mash,
        notification_id=notification.pk,
        seen_version=1,
        child_id=child.pk,
        person_id=person.pk,
    )
    triage.notification_set_rag(
        actor=mash,
        notification_id=notification.pk,
        seen_version=2,
        rag="amber",
        rationale="Repeated neglect",
    )
    triage.notification_consider_consent(
        actor=mash,
        notification_id=notification.pk,
        seen_version=3,
        consideration="Sharing justified",
    )
    return Notification.objects.get(pk=notification.pk)


class TestTriage:
    def test_a_second_worker_on_an_old_version_gets_a_conflict_and_nothing_is_lost(
        self, police, mash
    ):
        notification = notification_submit(actor=police, draft=draft())
        triage.notification_set_rag(
            actor=mash,
            notification_id=notification.pk,
            seen_version=1,
            rag="red",
            rationale="Injury",
        )
        with pytest.raises(ConflictError, match="Someone else changed"):
            triage.notification_set_rag(
                actor=mash,
                notification_id=notification.pk,
                seen_version=1,
                rag="green",
                rationale="Fine",
            )
        notification.refresh_from_db()
        assert (notification.rag, notification.rag_rationale) == ("red", "Injury")

    def test_the_rag_rating_sets_its_clock(self, police, mash):
        with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC), tick=False):
            notification = notification_submit(actor=police, draft=draft())
            triage.notification_set_rag(
                actor=mash,
                notification_id=notification.pk,
                seen_version=1,
                rag="red",
                rationale="Injury",
            )
        notification.refresh_from_db()
        assert notification.rag_due_at == dt.datetime(2026, 11, 26, 14, 0, tzinfo=dt.UTC)
        assert notification.status == Status.TRIAGE

    def test_a_partner_cannot_triage(self, police):
        notification = notification_submit(actor=police, draft=draft())
        with pytest.raises(NotFound):
            triage.notification_set_rag(
                actor=police,
                notification_id=notification.pk,
                seen_version=1,
                rag="red",
                rationale="x",
            )


class TestRequestsAndAnswers:
    def test_requests_go_to_each_agency_with_a_rag_clock(self, police, mash, health):
        notification = _triaged(police, mash)
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
        notification = _triaged(police, mash)
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


class TestDecision:
    def _decide(self, manager, notification, **overrides):
        values = {
            "outcome": "early_help",
            "onward_referrals": [],
            "threshold_level": 2,
            "rationale": "Needs support, no significant harm",
            "lawful_basis_confirmed": True,
        }
        values.update(overrides)
        return decisions.notification_decide(
            actor=manager,
            notification_id=notification.pk,
            seen_version=notification.version,
            **values,
        )

    def test_consent_must_be_considered_before_a_decision(self, police, manager):
        notification = notification_submit(actor=police, draft=draft())
        triage.notification_set_rag(
            actor=manager,
            notification_id=notification.pk,
            seen_version=1,
            rag="green",
            rationale="Low",
        )
        notification.refresh_from_db()
        with pytest.raises(DomainError, match="consent"):
            self._decide(manager, notification)

    def test_a_decision_locks_the_notification(self, police, mash, manager):
        notification = _triaged(police, mash)
        self._decide(manager, notification, onward_referrals=["marac"])
        notification.refresh_from_db()
        assert notification.status == Status.DECIDED and notification.decided_at
        with pytest.raises(DomainError, match="Add an addendum"):
            triage.notification_set_rag(
                actor=mash,
                notification_id=notification.pk,
                seen_version=notification.version,
                rag="red",
                rationale="x",
            )
        decisions.addendum_add(
            actor=mash, notification_id=notification.pk, text="Family engaged with early help"
        )
        assert notification.addenda.count() == 1

    def test_a_practitioner_cannot_decide(self, police, mash):
        notification = _triaged(police, mash)
        with pytest.raises(NotFound):
            self._decide(mash, notification)

    def test_open_requests_must_be_answered_or_withdrawn_first(self, police, mash, manager, health):
        notification = _triaged(police, mash)
        requests.information_request_send(
            actor=mash,
            notification_id=notification.pk,
            seen_version=notification.version,
            agency_ids=[health.agency.pk],
            question="Known?",
        )
        notification.refresh_from_db()
        with pytest.raises(DomainError, match="open information requests"):
            self._decide(manager, notification)
