"""Requests for information: what the asked agency, and the MASH, may read of them."""

from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, NullIf

from safeguard.core.access_log import Action
from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.pagination import paginate
from safeguard.core.policy import Permission, actor_can, information_request_scope
from safeguard.core.prepared import Bound, PreparedRead
from safeguard.mash.models import AnswerAttachment, InformationRequest
from safeguard.mash.models.choices import RequestStatus
from safeguard.mash.selectors.children import children_of, confirmed_identities, linked_people
from safeguard.mash.selectors.common import ATTACHMENT, REQUEST, log_read
from safeguard.mash.selectors.rows import AnswerRow, AttachmentRow, RequestRow, row

REQUEST_FIELDS = (
    "id",
    "notification_id",
    "notification__reference",
    "notification__version",
    "agency_id",
    "agency__name",
    "question",
    "sent_at",
    "sent_by__full_name",
    "due_at",
    "status",
    "withdrawn_reason",
    "version",
)
# Read with the request it answers (a request has at most one answer).
ANSWER_FIELDS = (
    "answer__id",
    "answer__known_to_service",
    "answer__known_by_child",
    "answer__current_involvement",
    "answer__text",
    # Who answered, by name: the label kept on the answer is their sign-in address.
    Coalesce(NullIf("answer__answered_by__full_name", Value("")), "answer__answered_by_label"),
    "answer__answered_at",
)


_ATTACHMENTS = PreparedRead(
    lambda answers: (
        AnswerAttachment.objects.filter(answer_id__in=answers)
        .order_by("original_name")
        .values_list("answer_id", "id", "original_name")
    )
)
_REQUESTS_OF = PreparedRead(
    lambda notification_id: (
        InformationRequest.objects.filter(notification_id=notification_id)
        .order_by("sent_at")
        .values_list(*REQUEST_FIELDS, *ANSWER_FIELDS)
    )
)


def _attachments(answer_ids: list[UUID]) -> dict[UUID, list[AttachmentRow]]:
    files: dict[UUID, list[AttachmentRow]] = {pk: [] for pk in answer_ids}
    if files:
        for answer_id, pk, name in _ATTACHMENTS.rows(answers=answer_ids):
            files[answer_id].append(AttachmentRow(pk, name))
    return files


def _rows(requests: Iterable[tuple[Any, ...]], *, with_children: bool) -> list[RequestRow]:
    """Requests with their answers (one query), the answers' files (one more, if any were
    answered) and, for a partner's pages, the children named."""
    split = len(REQUEST_FIELDS)
    values = list(requests)
    files = _attachments([v[split] for v in values if v[split] is not None])
    children = children_of(v[1] for v in values) if with_children else {}

    def answer(v: tuple[Any, ...]) -> AnswerRow | None:
        if v[split] is None:
            return None
        return row(AnswerRow, v[split + 1 :], attachments=files[v[split]])

    return [
        row(RequestRow, v[:split], answer=answer(v), children=children.get(v[1], []))
        for v in values
    ]


def requests_read(notification_id: UUID) -> Bound:
    """Every request the MASH sent about one notification, in the order sent, to send with
    its other reads (`rows_together`). Its caller has checked the notification's scope and
    logs the read."""
    return _REQUESTS_OF.bound(notification_id=notification_id)


def requests_from(rows: list[tuple[Any, ...]]) -> list[RequestRow]:
    """`requests_read`'s rows as requests with their answers and the answers' files."""
    return _rows(rows, with_children=False)


def requests_for_agency(
    *, actor: Actor, status: str, page_number: str | None
) -> tuple[Page[Any], list[RequestRow]]:
    """Requests addressed to the actor's agency (or, for the MASH, every request)."""
    if not (
        actor_can(actor, Permission.REQUEST_ANSWER) or actor_can(actor, Permission.MASH_TRIAGE)
    ):
        raise PermissionDenied
    with transaction.atomic():
        found = InformationRequest.objects.filter(information_request_scope(actor))
        if status:
            found = found.filter(status=status)
        page = paginate(
            found.order_by("status", "due_at").values_list(*REQUEST_FIELDS, *ANSWER_FIELDS),
            page_number=page_number,
        )
        rows = _rows(page.object_list, with_children=True)
        log_read(
            actor,
            REQUEST,
            "",
            linked_people(c for r in rows for c in r.children),
            "Looked at requests for information",
        )
    return page, rows


def request_get(*, actor: Actor, request_id: UUID) -> RequestRow:
    """A request shows the question and the children's identifying details, nothing more."""
    with transaction.atomic():
        found = InformationRequest.objects.filter(
            information_request_scope(actor), pk=request_id
        ).values_list(*REQUEST_FIELDS, *ANSWER_FIELDS)
        rows = _rows(found, with_children=True)
        if not rows:
            raise NotFound
        rows = [replace(rows[0], identities=confirmed_identities(rows[0].children))]
        log_read(
            actor,
            REQUEST,
            request_id,
            linked_people(rows[0].children),
            "Opened a request for information",
        )
    return rows[0]


def attachment_get(*, actor: Actor, attachment_id: UUID) -> AnswerAttachment:
    """A file from an answer, for those who may see the request. Each download is logged."""
    with transaction.atomic():
        attachment = AnswerAttachment.objects.filter(
            pk=attachment_id,
            answer__request__in=InformationRequest.objects.filter(information_request_scope(actor)),
        ).first()
        if attachment is None:
            raise NotFound
        notification_id = (
            InformationRequest.objects.filter(answer__attachments=attachment)
            .values_list("notification_id", flat=True)
            .get()
        )
        log_read(
            actor,
            ATTACHMENT,
            attachment.pk,
            linked_people(children_of([notification_id])[notification_id]),
            "Downloaded an attachment",
            action=Action.EXPORT,
        )
    return attachment


def open_request_count(*, actor: Actor) -> int:
    return InformationRequest.objects.filter(
        Q(information_request_scope(actor)), status=RequestStatus.OPEN
    ).count()
