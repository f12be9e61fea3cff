"""Every read of MASH records. Each applies the access policy and writes the access log."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db import transaction
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.pagination import paginate
from safeguard.core.policy import (
    Permission,
    actor_can,
    information_request_scope,
    notification_scope,
    require_permission,
    submitted_scope,
)
from safeguard.mash.models import (
    Addendum,
    AnswerAttachment,
    InformationRequest,
    Notification,
    NotificationChild,
    NotificationConcern,
)
from safeguard.mash.models.choices import OPEN_STATUSES, RequestStatus

NOTIFICATION = "mash.notification"


def _log(
    actor: Actor,
    object_type: str,
    object_id: Any,
    subjects: list[UUID],
    why: str,
    action: Action = Action.VIEW,
) -> None:
    access_log_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        subjects=[s for s in subjects if s],
        why=why,
    )


def _people(notifications: list[Notification]) -> list[UUID]:
    """The linked people whose notifications are shown: the access log's subjects."""
    return [c.person_id for n in notifications for c in n.children.all() if c.person_id]


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"
    rag: str = ""
    overdue: bool = False
    agency_id: UUID | None = None


def _queue(filters: QueueFilters) -> QuerySet[Notification]:
    now = timezone.now()
    overdue_requests = InformationRequest.objects.filter(
        notification=OuterRef("pk"), status=RequestStatus.OPEN, due_at__lt=now
    )
    notifications = Notification.objects.annotate(
        due_at=Least(F("decision_due_at"), Coalesce(F("rag_due_at"), F("decision_due_at"))),
        has_overdue_requests=Exists(overdue_requests),
    )
    if filters.status == "open":
        notifications = notifications.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        notifications = notifications.filter(status=filters.status)
    if filters.rag:
        notifications = notifications.filter(rag=filters.rag)
    if filters.agency_id:
        notifications = notifications.filter(source_agency_id=filters.agency_id)
    if filters.overdue:
        notifications = notifications.filter(
            _past_due(now) & Q(status__in=OPEN_STATUSES) | Q(Exists(overdue_requests))
        )
    return notifications


def _past_due(now: Any) -> Q:
    """Due time (the earlier of the decision and RAG clocks) has passed."""
    return Q(decision_due_at__lt=now) | Q(rag_due_at__lt=now)


@dataclass(frozen=True)
class Queue:
    page: Page
    overdue: int


def notification_queue(*, actor: Actor, filters: QueueFilters, page_number: str | None) -> Queue:
    """The MASH's work, soonest due first, with how many open items are overdue."""
    require_permission(actor, Permission.MASH_TRIAGE)
    now = timezone.now()
    with transaction.atomic():
        rows = (
            _queue(filters)
            .select_related("source_agency", "assigned_to")
            .prefetch_related("children")
            .order_by("due_at", "received_at")
        )
        page = paginate(rows, page_number=page_number)
        page.object_list = list(page.object_list)
        overdue = Notification.objects.filter(_past_due(now), status__in=OPEN_STATUSES).count()
        _log(actor, NOTIFICATION, "", _people(page.object_list), "Looked at the MASH queue")
    return Queue(page=page, overdue=overdue)


@dataclass(frozen=True)
class ChildHistory:
    child: NotificationChild
    earlier: list[Notification]


@dataclass(frozen=True)
class NotificationRecord:
    notification: Notification
    children: list[ChildHistory]
    requests: list[InformationRequest]


def _with_details(notifications: QuerySet[Notification]) -> QuerySet[Notification]:
    return notifications.select_related(
        "source_agency",
        "assigned_to",
        "submitted_by",
        "recorded_by",
        "decision",
        "decision__decided_by",
    ).prefetch_related(
        # Each with what it names in the same query, not a query more.
        Prefetch("children", NotificationChild.objects.select_related("person")),
        "adults",
        Prefetch(
            "concerns",
            NotificationConcern.objects.select_related("concern").order_by(
                "concern__position", "concern__label"
            ),
        ),
        "events",
        Prefetch("addenda", Addendum.objects.select_related("author")),
    )


def _history(notification: Notification) -> list[ChildHistory]:
    """Each child's earlier notifications and their decisions: the MASH's view of history."""
    result = []
    for child in notification.children.all():
        earlier: list[Notification] = []
        if child.person_id:
            earlier = list(
                Notification.objects.filter(
                    children__person_id=child.person_id, received_at__lt=notification.received_at
                )
                .select_related("decision", "source_agency")
                .prefetch_related("children")
                .order_by("-received_at")[:20]
            )
        result.append(ChildHistory(child, earlier))
    return result


def notification_get(*, actor: Actor, notification_id: UUID) -> NotificationRecord:
    """The whole notification for the MASH (and IG): history, requests, answers, decision."""
    with transaction.atomic():
        notification = _with_details(
            Notification.objects.filter(notification_scope(actor), pk=notification_id)
        ).first()
        if notification is None:
            raise NotFound
        requests = list(
            notification.requests.select_related("agency", "answer", "sent_by")
            .prefetch_related("answer__attachments")
            .order_by("sent_at")
        )
        history = _history(notification)
        earlier_ids = [
            c.person_id for h in history for e in h.earlier for c in e.children.all() if c.person_id
        ]
        _log(
            actor,
            NOTIFICATION,
            notification.pk,
            _people([notification]) + earlier_ids,
            "Opened a notification",
        )
    return NotificationRecord(notification, history, requests)


def notification_for_triage(*, actor: Actor, notification_id: UUID) -> None:
    """Raise 404 unless the actor may work on this notification (nothing is shown or logged)."""
    if (
        not actor_can(actor, Permission.MASH_TRIAGE)
        or not Notification.objects.filter(notification_scope(actor), pk=notification_id).exists()
    ):
        raise NotFound


def submitted_list(*, actor: Actor, page_number: str | None) -> Page:
    """What the actor submitted, newest first, with status and outcome only."""
    with transaction.atomic():
        rows = (
            Notification.objects.filter(submitted_scope(actor))
            .select_related("decision")
            .prefetch_related("children")
            .order_by("-received_at")
        )
        page = paginate(rows, page_number=page_number)
        page.object_list = list(page.object_list)
        _log(
            actor,
            NOTIFICATION,
            "",
            _people(page.object_list),
            "Looked at notifications they submitted",
        )
    return page


def submitted_get(*, actor: Actor, notification_id: UUID) -> Notification:
    """One notification the actor submitted: its status and outcome, not the MASH's work."""
    with transaction.atomic():
        notification = (
            Notification.objects.filter(submitted_scope(actor), pk=notification_id)
            .select_related("decision", "source_agency")
            .prefetch_related("children", "concerns__concern")
            .first()
        )
        if notification is None:
            raise NotFound
        _log(
            actor,
            NOTIFICATION,
            notification.pk,
            _people([notification]),
            "Checked the outcome of their notification",
        )
    return notification


def requests_for_agency(*, actor: Actor, status: str, page_number: str | None) -> Page:
    """Requests addressed to the actor's agency (or, for the MASH, every request)."""
    if not (
        actor_can(actor, Permission.REQUEST_ANSWER) or actor_can(actor, Permission.MASH_TRIAGE)
    ):
        raise PermissionDenied
    with transaction.atomic():
        rows = InformationRequest.objects.filter(information_request_scope(actor))
        if status:
            rows = rows.filter(status=status)
        rows = (
            rows.select_related("agency", "notification")
            .prefetch_related(Prefetch("notification__children"))
            .order_by("status", "due_at")
        )
        page = paginate(rows, page_number=page_number)
        page.object_list = list(page.object_list)
        _log(
            actor,
            "mash.informationrequest",
            "",
            _people([r.notification for r in page.object_list]),
            "Looked at requests for information",
        )
    return page


def request_get(*, actor: Actor, request_id: UUID) -> InformationRequest:
    """A request shows the question and the children's identifying details, nothing more."""
    with transaction.atomic():
        request = (
            InformationRequest.objects.filter(information_request_scope(actor), pk=request_id)
            .select_related("agency", "notification", "answer")
            .prefetch_related("notification__children", "answer__attachments")
            .first()
        )
        if request is None:
            raise NotFound
        _log(
            actor,
            "mash.informationrequest",
            request.pk,
            _people([request.notification]),
            "Opened a request for information",
        )
    return request


def attachment_get(*, actor: Actor, attachment_id: UUID) -> AnswerAttachment:
    """A file from an answer, for those who may see the request. Each download is logged."""
    with transaction.atomic():
        attachment = (
            AnswerAttachment.objects.filter(
                pk=attachment_id,
                answer__request__in=InformationRequest.objects.filter(
                    information_request_scope(actor)
                ),
            )
            .select_related("answer__request__notification")
            .first()
        )
        if attachment is None:
            raise NotFound
        notification = attachment.answer.request.notification
        _log(
            actor,
            "mash.answerattachment",
            attachment.pk,
            _people([notification]),
            "Downloaded an attachment",
            action=Action.EXPORT,
        )
    return attachment


def open_request_count(*, actor: Actor) -> int:
    return InformationRequest.objects.filter(
        information_request_scope(actor), status=RequestStatus.OPEN
    ).count()
