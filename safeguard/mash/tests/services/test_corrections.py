"""Putting things right after a decision: a wrong child link moves, with everyone who saw the
wrong child told; a wrong decision is superseded and the referrer told; nothing is erased."""

import pytest

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.models import AccessLogEntry
from safeguard.mash.models import (
    ChildRelink,
    Decision,
    DecisionCorrection,
    NotificationChild,
    WorkItem,
    WorkKind,
)
from safeguard.mash.models.choices import Stage
from safeguard.mash.services import corrections
from safeguard.mash.services.decisions import DecisionAnswers
from safeguard.mash.tests.factories import decide, triaged
from safeguard.partners.roles import Role
from safeguard.people.models import Person
from safeguard.people.tests.factories import PersonFactory
from safeguard.returns.selectors import chronology_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(police, mash, manager):
    return decide(manager, triaged(police, mash))


def _events(person, actor):
    return [e.event for e in chronology_get(actor=actor, person_id=person.pk).entries]


class TestRelink:
    def _relink(self, manager, notification, person_id, reason="Wrong Ava: NHS number differs"):
        return corrections.notification_child_relink(
            actor=manager,
            notification_id=notification.pk,
            child_id=notification.children.get().pk,
            person_id=person_id,
            reason=reason,
        )

    def test_the_notification_moves_to_the_right_childs_chronology(self, decided, manager):
        wrong = decided.children.get().person
        right = PersonFactory(given_name="Ava", family_name="Patel")
        self._relink(manager, decided, right.pk)
        ref = decided.reference
        on_right = _events(right, manager)
        assert on_right[0].startswith(f"Notification {ref} received")
        assert on_right[1].startswith(f"Decision on {ref}: Early help")
        assert "here: the link to this child was corrected" in on_right[2]
        on_wrong = _events(wrong, manager)
        assert not any("received" in e or "Decision" in e for e in on_wrong)
        assert any("to another child" in e for e in on_wrong)

    def test_the_move_is_kept_with_its_reason_and_logged_against_both_children(
        self, decided, manager
    ):
        wrong = decided.children.get().person
        right = PersonFactory()
        self._relink(manager, decided, right.pk)
        move = ChildRelink.objects.get()
        assert (move.from_person, move.to_person, move.reason) == (
            wrong,
            right,
            "Wrong Ava: NHS number differs",
        )
        assert decided.events.filter(stage=Stage.CHILD_RELINKED).exists()
        entry = AccessLogEntry.objects.filter(why="Child's link corrected").get()
        assert {s.person_id for s in entry.subjects.all()} == {wrong.pk, right.pk}

    def test_everyone_who_viewed_the_wrong_child_is_told_and_no_one_else(
        self,
        decided,
        mash,
        manager,
        make_user,
        actor_for,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        wrong = decided.children.get().person
        viewer = make_user(Role.SOCIAL_WORKER)
        make_user(Role.SOCIAL_WORKER)  # a bystander, who never opened the record
        access_log_record(
            actor=actor_for(viewer),
            action=Action.VIEW,
            object_type="people.person",
            object_id=wrong.pk,
            subjects=[wrong.pk],
        )
        with django_capture_on_commit_callbacks(execute=True):
            self._relink(manager, decided, PersonFactory().pk)
        items = WorkItem.objects.filter(kind=WorkKind.RECORD_MOVED)
        # The social worker who read the record, and the practitioner who linked the child
        # (that change read it too); not the manager making the move, not the bystander.
        assert {i.user for i in items} == {viewer, mash.user}
        assert {(i.reference, i.path) for i in items} == {
            (decided.reference, f"/people/{wrong.pk}/")
        }
        assert sorted(m.to[0] for m in mailoutbox) == sorted([viewer.email, mash.user.email])
        assert all("Ava" not in m.body and "Patel" not in m.body for m in mailoutbox)

    def test_none_of_these_records_a_new_person(self, decided, manager):
        before = Person.objects.count()
        child = self._relink(manager, decided, None)
        assert Person.objects.count() == before + 1
        assert child.person.names.get().given_name == "Ava"

    @pytest.mark.parametrize(
        ("reason", "same", "message"),
        [
            ("", False, "Say why"),
            ("Typo", True, "Choose another person"),
        ],
    )
    def test_a_move_without_a_reason_or_to_the_same_person_is_refused(
        self, decided, manager, reason, same, message
    ):
        current = decided.children.get().person
        target = current.pk if same else PersonFactory().pk
        with pytest.raises(DomainError, match=message):
            self._relink(manager, decided, target, reason=reason)
        assert NotificationChild.objects.get().person == current
        assert not ChildRelink.objects.exists()

    def test_only_a_manager_may_move_a_link(self, decided, mash):
        with pytest.raises(NotFound):
            self._relink(mash, decided, PersonFactory().pk)

    def test_a_restricted_person_cannot_be_chosen(self, decided, manager):
        hidden = PersonFactory(is_restricted=True)
        with pytest.raises(DomainError, match="Choose a person from the list"):
            self._relink(manager, decided, hidden.pk)


class TestDecisionCorrection:
    def _correct(self, manager, notification, reason="Threshold misread", **changes):
        values = {
            "outcome": "assessment",
            "onward_referrals": ["marac"],
            "threshold_level": 3,
            "rationale": "Second look: needs a social work assessment",
            "next_steps": "A social worker will visit within 10 working days",
        }
        values.update(changes)
        return corrections.decision_correct(
            actor=manager,
            notification_id=notification.pk,
            seen_version=notification.version,
            answers=DecisionAnswers(**values),
            reason=reason,
        )

    def test_the_correction_supersedes_and_the_earlier_decision_is_kept(
        self, decided, manager, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            self._correct(manager, decided)
        decision = Decision.objects.get()
        assert (decision.outcome, decision.threshold_level) == ("assessment", 3)
        assert decision.onward_referrals == ["marac"]
        earlier = DecisionCorrection.objects.get()
        assert (earlier.outcome, earlier.threshold_level, earlier.reason) == (
            "early_help",
            2,
            "Threshold misread",
        )
        assert earlier.next_steps == "The early help team will call the family this week"
        [item] = WorkItem.objects.filter(kind=WorkKind.DECISION_CORRECTED)
        assert item.user == decided.submitted_by
        [message] = mailoutbox
        assert "corrected" in message.subject and message.to == [decided.submitted_by.email]

    def test_the_chronology_shows_the_decision_as_corrected_after_it(self, decided, manager):
        self._correct(manager, decided)
        person = decided.children.get().person
        events = _events(person, manager)
        ref = decided.reference
        assert events == [
            f"Notification {ref} received from {decided.source_agency.name}",
            f"Decision on {ref}: Referral to children's social care for assessment (section 17)",
            f"Decision on {ref} corrected. It was: Early help or key work",
        ]

    def test_an_inconsistent_correction_is_refused_and_nothing_changes(self, decided, manager):
        with pytest.raises(DomainError, match="Strategy discussion"):
            self._correct(manager, decided, outcome="strategy", threshold_level=1)
        assert Decision.objects.get().outcome == "early_help"
        assert not DecisionCorrection.objects.exists()

    def test_a_correction_that_changes_nothing_or_gives_no_reason_is_refused(
        self, decided, manager
    ):
        same = {
            "outcome": "early_help",
            "onward_referrals": [],
            "threshold_level": 2,
            "rationale": "Needs support, no significant harm",
            "next_steps": "The early help team will call the family this week",
        }
        with pytest.raises(DomainError, match="Change at least one answer"):
            self._correct(manager, decided, **same)
        with pytest.raises(DomainError, match="Say why"):
            self._correct(manager, decided, reason="  ")
        assert not DecisionCorrection.objects.exists()

    def test_a_correction_over_a_newer_version_is_a_conflict(self, decided, manager):
        decided.version -= 1
        with pytest.raises(ConflictError):
            self._correct(manager, decided)


class TestRedDecisionWithRequestsOpen:
    def _open_request(self, mash, health, notification, rag):
        from safeguard.mash.services import requests, triage

        triage.notification_set_rag(
            actor=mash,
            notification_id=notification.pk,
            seen_version=notification.version,
            rag=rag,
            rationale="Rated",
        )
        notification.refresh_from_db()
        [request] = requests.information_request_send(
            actor=mash,
            notification_id=notification.pk,
            seen_version=notification.version,
            agency_ids=[health.agency.pk],
            question="Known to you?",
        )
        notification.refresh_from_db()
        return request

    def test_red_closes_the_open_request_unanswered_and_tells_the_agency(
        self, police, mash, manager, health, django_capture_on_commit_callbacks, mailoutbox
    ):
        notification = triaged(police, mash)
        request = self._open_request(mash, health, notification, "red")
        with django_capture_on_commit_callbacks(execute=True):
            decide(
                manager,
                notification,
                outcome="strategy",
                threshold_level=4,
                open_requests_reason="Child at immediate risk tonight",
            )
        request.refresh_from_db()
        assert request.status == "unanswered"
        assert request.withdrawn_reason == "Child at immediate risk tonight"
        assert WorkItem.objects.filter(
            user=health.user, kind=WorkKind.REQUEST_CLOSED, reference=notification.reference
        ).exists()
        assert any("closed unanswered" in m.subject for m in mailoutbox)
        assert notification.events.filter(stage=Stage.REQUEST_CLOSED).count() == 1

    def test_red_without_a_reason_is_refused_and_nothing_is_closed(
        self, police, mash, manager, health
    ):
        notification = triaged(police, mash)
        request = self._open_request(mash, health, notification, "red")
        with pytest.raises(DomainError, match="cannot wait"):
            decide(manager, notification, outcome="strategy", threshold_level=4)
        request.refresh_from_db()
        assert request.status == "open" and not Decision.objects.exists()

    def test_amber_still_waits_for_the_answers(self, police, mash, manager, health):
        notification = triaged(police, mash)
        self._open_request(mash, health, notification, "amber")
        with pytest.raises(DomainError, match="Wait for the open information requests"):
            decide(manager, notification, open_requests_reason="In a hurry")
        assert not Decision.objects.exists()
