"""The MASH's reads: its queue and a whole notification, with each child's history."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.paginator import Page
from django.db import transaction
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from safeguard.core.access_log import Action
from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.pagination import counted_page, counted_slice, page_number_of
from safeguard.core.policy import (
    Permission,
    actor_can,
    notification_scope,
    person_scope,
    require_permission,
    submitted_scope,
)
from safeguard.core.prepared import PreparedRead, rows_together
from safeguard.mash.models import (
    Addendum,
    ChildCandidate,
    DecisionCorrection,
    Escalation,
    InformationRequest,
    Notification,
    NotificationAdult,
    NotificationAttachment,
    NotificationChild,
    NotificationConcern,
    NotificationEvent,
)
from safeguard.mash.models.choices import OPEN_STATUSES, RequestStatus
from safeguard.mash.selectors.children import (
    children_from,
    children_of,
    children_read,
    linked_people,
)
from safeguard.mash.selectors.common import NOTIFICATION, NOTIFICATION_FILE, log_read
from safeguard.mash.selectors.requests import requests_from, requests_read
from safeguard.mash.selectors.rows import (
    NOTIFICATION_FIELDS,
    AdultRow,
    CandidateRow,
    ChildRow,
    CorrectionRow,
    DecisionRow,
    EarlierRow,
    EscalationRow,
    FileRow,
    NoteRow,
    NotificationRow,
    QueueRow,
    RequestRow,
    row,
)
from safeguard.partners.models import User
from safeguard.partners.roles import Role
from safeguard.people.models import AddressKind, NameKind, Person, PersonAddress, PersonName

EARLIER_SHOWN = 20


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"
    rag: str = ""
    overdue: bool = False
    agency_id: UUID | None = None
    assigned_to: UUID | None = None
    search: str = ""


def _date_in(text: str) -> dt.date | None:
    """A date of birth as a duty worker types it: 27/3/2012, 27 3 2012, 2012-03-27."""
    parts = re.split(r"[\s/.-]+", text.strip())
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    day, month, year = (parts[2], parts[1], parts[0]) if len(parts[0]) == 4 else parts
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _search(text: str) -> Q:
    """Notifications a search names: by a child's NHS number or date of birth, by reference
    (all or part of it), or by names (each word part of a child's given or family name)."""
    compact = re.sub(r"\s", "", text)
    children = NotificationChild.objects.all()
    born = _date_in(text)
    if compact.isdigit() and len(compact) == 10:
        children = children.filter(nhs_number=compact)
    elif born is not None:
        children = children.filter(date_of_birth=born)
    elif re.fullmatch(r"(?i)(mash-?)?[\d-]+", compact):
        return Q(reference__icontains=compact)
    else:
        for word in text.split():
            children = children.filter(
                Q(given_name__icontains=word) | Q(family_name__icontains=word)
            )
    return Q(pk__in=children.values("notification_id"))


def _count_of(found: QuerySet[Notification]) -> QuerySet[Notification, dict[str, Any]]:
    """A subquery that counts `found`: one row, one number."""
    count = Func(F("pk"), function="COUNT", output_field=IntegerField())
    return found.order_by().annotate(n=count).values("n")


def past_due(now: Any) -> Q:
    """Due time (the earlier of the decision and RAG clocks) has passed."""
    return Q(decision_due_at__lt=now) | Q(rag_due_at__lt=now)


def _queue(filters: QueueFilters, now: dt.datetime) -> QuerySet[Notification]:
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
    if filters.assigned_to:
        notifications = notifications.filter(assigned_to_id=filters.assigned_to)
    if filters.search:
        notifications = notifications.filter(_search(filters.search))
    if filters.overdue:
        notifications = notifications.filter(
            past_due(now) & Q(status__in=OPEN_STATUSES) | Q(Exists(overdue_requests))
        )
    return notifications


@dataclass(frozen=True)
class Queue:
    page: Page[Any]
    rows: list[QueueRow]
    overdue: int


QUEUE_FIELDS = (
    "id",
    "reference",
    "received_at",
    "urgent",
    "rag",
    "status",
    "due_at",
    "has_overdue_requests",
    "source_agency__name",
    "assigned_to__full_name",
)


def _queue_values(filters: QueueFilters, now: dt.datetime) -> QuerySet[Notification, Any]:
    overdue = Notification.objects.filter(past_due(now), status__in=OPEN_STATUSES)
    return (
        _queue(filters, now)
        # Computed once for the whole query (it names no row), and read with the page.
        .annotate(overdue_total=Subquery(_count_of(overdue)))
        .order_by("due_at", "received_at")
        .values_list(*QUEUE_FIELDS, "overdue_total")
    )


# Compiled once for each filter and page number, then run with the time now.
_QUEUE_PAGE = PreparedRead(
    lambda filters, number, now: counted_slice(_queue_values(filters, now), number=number)
)


def notification_queue(*, actor: Actor, filters: QueueFilters, page_number: str | None) -> Queue:
    """The MASH's work, soonest due first, with how many open items are overdue."""
    require_permission(actor, Permission.MASH_TRIAGE)
    now = timezone.now()
    number = page_number_of(page_number)
    with transaction.atomic():
        if filters.search:  # never compiled into the cache: a search names a child
            found = list(counted_slice(_queue_values(filters, now), number=number))
        else:
            found = _QUEUE_PAGE.rows(shape={"filters": filters, "number": number}, now=now)
        page, values = counted_page(found, number=number, rows=lambda: _queue_values(filters, now))
        overdue_total = (
            values[0][-1]
            if values
            else Notification.objects.filter(past_due(now), status__in=OPEN_STATUSES).count()
        )
        children = children_of(v[0] for v in values)
        rows = [row(QueueRow, (*v[:-2], v[-2] or ""), children=children[v[0]]) for v in values]
        subjects = linked_people(c for r in rows for c in r.children)
        log_read(actor, NOTIFICATION, "", subjects, "Looked at the MASH queue")
    return Queue(page=page, rows=rows, overdue=overdue_total)


@dataclass(frozen=True)
class NotificationRecord:
    """Everything the MASH reads about one notification."""

    notification: NotificationRow
    children: list[ChildRow]
    earlier: dict[int, list[EarlierRow]]
    adults: list[AdultRow]
    concerns: list[str]
    requests: list[RequestRow]
    decision: DecisionRow | None
    addenda: list[NoteRow]
    events: list[NoteRow]
    candidates: dict[int, list[CandidateRow]]
    corrections: list[CorrectionRow]
    escalations: list[EscalationRow]
    files: list[FileRow]


DECISION_FIELDS = (
    "decision__outcome",
    "decision__onward_referrals",
    "decision__threshold_level",
    "decision__rationale",
    "decision__decided_at",
    "decision__decided_by__full_name",
    "decision__next_steps",
    "decision__allocated_team",
    "decision__contact",
)


def decision_corrections(notification_id: UUID) -> list[CorrectionRow]:
    """Each earlier version of the notification's decision, oldest first. Read only for a
    decided notification, inside its caller's logged read."""
    rows = DecisionCorrection.objects.filter(decision__notification_id=notification_id).values_list(
        "corrected_at", "corrected_by__full_name", "outcome", "threshold_level", "reason"
    )
    return [row(CorrectionRow, values) for values in rows]


def notification_files(notification_id: UUID) -> list[FileRow]:
    """The referrer's documents, in the order sent. Read only when the notification has any,
    inside its caller's logged read."""
    rows = (
        NotificationAttachment.objects.filter(notification_id=notification_id)
        .order_by("created_at", "original_name")
        .values_list("id", "original_name", "size")
    )
    return [row(FileRow, values) for values in rows]


def decision_escalations(notification_id: UUID) -> list[EscalationRow]:
    """The referrer's escalations of the decision and their answers, oldest first. Read only
    for a decided notification, inside its caller's logged read."""
    rows = Escalation.objects.filter(notification_id=notification_id).values_list(
        "id",
        "raised_at",
        "raised_by__full_name",
        "reason",
        "manager__full_name",
        "due_at",
        "response",
        "responded_by__full_name",
        "responded_at",
    )
    return [row(EscalationRow, values) for values in rows]


def _notification_values(scope: Q, notification_id: UUID) -> QuerySet[Notification, Any]:
    mine = {"notification_id": OuterRef("pk")}
    return (
        Notification.objects.filter(scope, pk=notification_id)
        .annotate(
            has_files=Exists(NotificationAttachment.objects.filter(**mine)),
            has_corrections=Exists(
                DecisionCorrection.objects.filter(decision__notification_id=OuterRef("pk"))
            ),
            has_escalations=Exists(Escalation.objects.filter(**mine)),
        )
        .values_list(*NOTIFICATION_FIELDS.values(), *DECISION_FIELDS)[:1]
    )


_NOTIFICATION = PreparedRead(_notification_values)


def _notification_row(
    actor: Actor, notification_id: UUID
) -> tuple[NotificationRow, DecisionRow | None]:
    """The notification and its decision, if it has one, in one query."""
    found = _NOTIFICATION.rows(
        shape={"scope": notification_scope(actor)}, notification_id=notification_id
    )
    if not found:
        raise NotFound
    values = found[0]
    split = len(NOTIFICATION_FIELDS)
    decided = values[split] is not None
    return (
        row(NotificationRow, values[:split]),
        row(DecisionRow, values[split:]) if decided else None,
    )


_EARLIER = PreparedRead(
    lambda people, before: (
        Notification.objects.filter(children__person_id__in=people, received_at__lt=before)
        .order_by("-received_at")
        .values_list(
            "children__person_id",
            "id",
            "reference",
            "received_at",
            "source_agency__name",
            Coalesce("decision__outcome", Value("")),
        )
    )
)


def _earlier(
    notification: NotificationRow, children: list[ChildRow]
) -> dict[int, list[EarlierRow]]:
    """Each linked child's earlier notifications, newest first: one query for every child."""
    by_person = {c.person_id: c.id for c in children if c.person_id}
    earlier: dict[int, list[EarlierRow]] = {c.id: [] for c in children}
    if not by_person:
        return earlier
    rows = _EARLIER.rows(people=list(by_person), before=notification.received_at)
    for person_id, *values in rows:
        shown = earlier[by_person[person_id]]
        if len(shown) < EARLIER_SHOWN:
            shown.append(EarlierRow(*values))
    return earlier


def _candidates(
    actor: Actor, children: list[ChildRow], also: int | None = None
) -> dict[int, list[CandidateRow]]:
    """The stored candidates of each child whose link is not yet confirmed (and of child
    `also`, whose link is being corrected), within the actor's scope: the people the MASH
    chooses between."""
    open_ids = [c.id for c in children if c.link_confirmed_at is None or c.id == also]
    found: dict[int, list[CandidateRow]] = {pk: [] for pk in open_ids}
    if not open_ids:
        return found
    name = PersonName.objects.filter(person=OuterRef("person_id"), kind=NameKind.PRIMARY)
    home = PersonAddress.objects.filter(
        person=OuterRef("person_id"), kind=AddressKind.HOME, end_date__isnull=True
    )
    rows = (
        ChildCandidate.objects.filter(
            child_id__in=open_ids,
            person__merged_into__isnull=True,
            person__in=Person.objects.filter(person_scope(actor)),
        )
        .annotate(
            given=Subquery(name.values("given_name")[:1]),
            family=Subquery(name.values("family_name")[:1]),
            postcode=Subquery(home.values("address__postcode")[:1]),
        )
        .order_by("child_id", "rank")
        .values_list(
            "child_id",
            "person_id",
            "probability",
            "contributions",
            "swapped_names",
            "given",
            "family",
            "person__date_of_birth",
            "person__sex",
            "postcode",
        )
    )
    for values in rows:
        found[values[0]].append(CandidateRow(*values))
    return found


_ADULTS = PreparedRead(
    lambda notification_id: (
        NotificationAdult.objects.filter(notification_id=notification_id)
        .order_by("id")
        .values_list("given_name", "family_name", "relationship", "lives_with_child", "address")
    )
)


def notification_adults(notification_id: UUID) -> list[AdultRow]:
    """The adults a notification names. Its caller has checked scope and logs the read."""
    return [AdultRow(*values) for values in _ADULTS.rows(notification_id=notification_id)]


_CONCERNS = PreparedRead(
    lambda notification_id: (
        NotificationConcern.objects.filter(notification_id=notification_id)
        .order_by("concern__position", "concern__label")
        .values_list("concern__label")
    )
)


def notification_concerns(notification_id: UUID) -> list[str]:
    """The concerns a notification names, in the list\'s order. Its caller checks and logs."""
    return [label for (label,) in _CONCERNS.rows(notification_id=notification_id)]


_ADDENDA = PreparedRead(
    lambda notification_id: Addendum.objects.filter(notification_id=notification_id).values_list(
        "at", "text", "author__full_name"
    )
)
_EVENTS = PreparedRead(
    lambda notification_id: NotificationEvent.objects.filter(
        notification_id=notification_id
    ).values_list("at", "detail", "actor_label", "stage")
)


def notification_get(
    *, actor: Actor, notification_id: UUID, candidates_for: int | None = None
) -> NotificationRecord:
    """The whole notification for the MASH (and IG): history, requests, answers, decision;
    with `candidates_for`, that child's candidates even though their link is confirmed."""
    with transaction.atomic():
        notification, decision = _notification_row(actor, notification_id)
        # In scope: its lists are read together, in one round trip on PostgreSQL.
        lists = rows_together(
            children_read([notification_id]),
            _ADULTS.bound(notification_id=notification_id),
            _CONCERNS.bound(notification_id=notification_id),
            requests_read(notification_id),
            _ADDENDA.bound(notification_id=notification_id),
            _EVENTS.bound(notification_id=notification_id),
        )
        children = children_from([notification_id], lists[0])[notification_id]
        earlier = _earlier(notification, children)
        record = NotificationRecord(
            notification=notification,
            children=children,
            earlier=earlier,
            adults=[AdultRow(*values) for values in lists[1]],
            concerns=[label for (label,) in lists[2]],
            requests=requests_from(lists[3]),
            decision=decision,
            addenda=[NoteRow(*values) for values in lists[4]],
            events=[NoteRow(*values) for values in lists[5]],
            candidates=_candidates(actor, children, candidates_for),
            corrections=decision_corrections(notification_id)
            if notification.has_corrections
            else [],
            escalations=decision_escalations(notification_id)
            if notification.has_escalations
            else [],
            files=notification_files(notification_id) if notification.has_files else [],
        )
        shown = [r.person_id for rows in record.candidates.values() for r in rows]
        log_read(
            actor,
            NOTIFICATION,
            notification_id,
            [*linked_people(children), *shown],
            "Opened a notification",
        )
    return record


def notification_for_triage(*, actor: Actor, notification_id: UUID) -> None:
    """Raise 404 unless the actor may work on this notification (nothing is shown or logged)."""
    if (
        not actor_can(actor, Permission.MASH_TRIAGE)
        or not Notification.objects.filter(notification_scope(actor), pk=notification_id).exists()
    ):
        raise NotFound


def mash_workers() -> list[tuple[str, str]]:
    """Who a notification can be assigned to: everyone active in the MASH, by name."""
    workers = (
        User.objects.filter(
            is_active=True, role_grants__role__in=[Role.MASH_PRACTITIONER, Role.MASH_MANAGER]
        )
        .distinct()
        .order_by("full_name")
        .values_list("pk", "full_name")
    )
    return [(str(pk), name) for pk, name in workers]


def notification_file_get(*, actor: Actor, file_id: UUID) -> NotificationAttachment:
    """A document the referrer sent, for those who may see the notification (the referrer
    included, for their own copy). Each download is logged as an export."""
    with transaction.atomic():
        found = NotificationAttachment.objects.filter(
            Q(notification__in=Notification.objects.filter(notification_scope(actor)))
            | Q(notification__in=Notification.objects.filter(submitted_scope(actor))),
            pk=file_id,
        ).first()
        if found is None:
            raise NotFound
        children = children_of([found.notification_id])[found.notification_id]
        log_read(
            actor,
            NOTIFICATION_FILE,
            found.pk,
            linked_people(children),
            "Downloaded a document sent with a notification",
            action=Action.EXPORT,
        )
    return found
