import datetime as dt
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from safeguard.mash.models import (
    AnswerAttachment,
    Concern,
    Decision,
    InformationAnswer,
    InformationRequest,
    Notification,
    NotificationChild,
    NotificationConcern,
)
from safeguard.mash.services import decisions, triage
from safeguard.mash.services.submit import ChildDetails, NotificationDraft, notification_submit
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.people.models import Person
from safeguard.people.tests.factories import PersonFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 40


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    """A notification as the submit service would record it, with one child and one concern."""

    class Meta:
        model = Notification
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"MASH-2026-{n:06d}")
    source_agency = factory.SubFactory(AgencyFactory)
    submitted_by = factory.SubFactory(UserFactory)
    channel = "web"
    received_at = factory.LazyFunction(timezone.now)
    what_happened = "Bruising seen at school"
    risk_now = "Child is at school today"
    consent_sought = "not_sought"
    consent_not_sought_reason = "increase_risk"
    lawful_basis = "public_task"
    sharing_decided_by = "Jo Smith, DSL"
    decision_due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))

    @factory.post_generation
    def child(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            NotificationChild.objects.create(
                notification=self,
                given_name="Amelia",
                family_name="Hughes",
                date_of_birth=dt.date(2012, 3, 27),
                person=extracted,
            )
            NotificationConcern.objects.create(
                notification=self, concern=Concern.objects.get(code="physical_abuse")
            )


class RequestFactory(factory.django.DjangoModelFactory[InformationRequest]):
    class Meta:
        model = InformationRequest

    notification = factory.SubFactory(NotificationFactory)
    agency = factory.SubFactory(AgencyFactory)
    question = "Is the family known to you?"
    sent_by = factory.SubFactory(UserFactory)
    sent_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=4))


def answer_with_attachment(request: InformationRequest) -> AnswerAttachment:
    answer = InformationAnswer.objects.create(
        request=request,
        answered_by_label="someone",
        answered_at=timezone.now(),
        known_to_service="yes",
        current_involvement=False,
        text="Known since 2016",
    )
    request.status = "answered"
    request.save()
    return AnswerAttachment.objects.create(
        answer=answer,
        file=ContentFile(PDF, name="letter.pdf"),
        original_name="letter.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )


def draft(**overrides: Any) -> NotificationDraft:
    values: dict[str, Any] = {
        "children": [
            ChildDetails(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1))
        ],
        "concerns": ["neglect"],
        "what_happened": "Child came to school hungry and without a coat for a week",
        "risk_now": "At school until 3pm",
        "consent_sought": "not_sought",
        "consent_not_sought_reason": "increase_risk",
        "lawful_basis": "public_task",
        "sharing_decided_by": "Jo Smith, designated safeguarding lead",
    }
    values.update(overrides)
    return NotificationDraft(**values)


def triaged(police: Any, mash: Any) -> Notification:
    """A notification linked to a child and rated amber: ready for requests and a decision."""
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


def decided_notification(person: Person) -> Notification:
    """A notification whose one child is confirmed as `person`, decided (early help)."""
    notification = NotificationFactory(child=person, status="decided", decided_at=timezone.now())
    notification.children.update(link_confirmed_at=timezone.now())
    Decision.objects.create(
        notification=notification,
        outcome="early_help",
        threshold_level=2,
        rationale="Needs early help",
        lawful_basis_confirmed=True,
        decided_by=UserFactory(),
        decided_at=timezone.now(),
        next_steps="The early help team will call",
    )
    return notification


def decide(manager: Any, notification: Notification, **overrides: Any) -> Notification:
    """Record a decision (early help, level 2, unless overridden); the notification, fresh."""
    values: dict[str, Any] = {
        "outcome": "early_help",
        "onward_referrals": [],
        "threshold_level": 2,
        "rationale": "Needs support, no significant harm",
        "lawful_basis_confirmed": True,
        "next_steps": "The early help team will call the family this week",
    }
    decisions.notification_decide(
        actor=manager,
        notification_id=notification.pk,
        seen_version=notification.version,
        **(values | overrides),
    )
    return Notification.objects.get(pk=notification.pk)


def siblings_ready(police: Any, mash: Any) -> Notification:
    """Ava (6) and Sam (12) Patel, each recorded new in the index, rated amber and consent
    considered: ready for a decision per child."""
    children = [
        ChildDetails(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1)),
        ChildDetails(given_name="Sam", family_name="Patel", date_of_birth=dt.date(2009, 2, 9)),
    ]
    notification = notification_submit(actor=police, draft=draft(children=children))
    version = 1
    for child in notification.children.order_by("id"):
        decisions.notification_child_record(
            actor=mash, notification_id=notification.pk, seen_version=version, child_id=child.pk
        )
        version += 1
    triage.notification_set_rag(
        actor=mash,
        notification_id=notification.pk,
        seen_version=version,
        rag="amber",
        rationale="x",
    )
    triage.notification_consider_consent(
        actor=mash, notification_id=notification.pk, seen_version=version + 1, consideration="ok"
    )
    return Notification.objects.get(pk=notification.pk)
