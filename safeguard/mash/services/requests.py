"""Asking partner agencies for information, and their answers."""

from uuid import UUID

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.policy import Permission, information_request_scope, require_permission
from safeguard.mash.clocks import rag_due
from safeguard.mash.models import (
    AnswerAttachment,
    InformationAnswer,
    InformationRequest,
    Notification,
    NotificationEvent,
)
from safeguard.mash.models.choices import KnownToService, RequestStatus, Stage, Status
from safeguard.mash.services.attachments import attachment_check, attachment_store
from safeguard.mash.services.common import child_ids, record_change
from safeguard.mash.services.telling import (
    tell_agency_of_overdue_request,
    tell_agency_of_request,
    tell_mash_of_answer,
)
from safeguard.mash.services.triage import advance, open_for_triage
from safeguard.partners.models import Agency


@transaction.atomic
def information_request_send(
    *,
    actor: Actor,
    notification_id: UUID,
    seen_version: int,
    agency_ids: list[UUID],
    question: str,
) -> list[InformationRequest]:
    """One request per agency, each due by the notification's RAG clock from now."""
    notification = open_for_triage(actor, notification_id, seen_version)
    if not notification.rag:
        raise DomainError("Set the RAG rating first: it sets when answers are due", field="rag")
    agencies = list(Agency.objects.filter(pk__in=agency_ids, is_active=True))
    if not agencies or len(agencies) != len(set(agency_ids)):
        raise DomainError("Choose at least one agency to ask", field="agencies")
    if not question.strip():
        raise DomainError("Write the question", field="question")
    now = timezone.now()
    requests = [
        InformationRequest.objects.create(
            notification=notification,
            agency=agency,
            question=question.strip(),
            sent_by=actor.person_acting(),
            sent_at=now,
            due_at=rag_due(now, notification.rag),
        )
        for agency in agencies
    ]
    Notification.objects.filter(pk=notification.pk).update(information_needed=True)
    advance(notification, Status.AWAITING_INFORMATION)
    record_change(
        actor=actor,
        notification=notification,
        stage=Stage.REQUEST_SENT,
        detail=", ".join(a.name for a in agencies),
    )
    for request in requests:
        tell_agency_of_request(request, notification.reference)
    return requests


def _after_request_closed(notification: Notification) -> None:
    if not notification.requests.filter(status=RequestStatus.OPEN).exists():
        advance(notification, Status.AWAITING_DECISION)


@transaction.atomic
def information_request_withdraw(
    *, actor: Actor, request_id: UUID, seen_version: int, reason: str
) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise NotFound
    notification = open_for_triage(actor, request.notification_id, seen_version)
    if request.status != RequestStatus.OPEN:
        raise DomainError("Only a request still waiting for an answer can be withdrawn")
    if not reason.strip():
        raise DomainError("Say why you are withdrawing the request", field="reason")
    request.status = RequestStatus.WITHDRAWN
    request.withdrawn_at = timezone.now()
    request.withdrawn_reason = reason.strip()
    request.version += 1
    request.save(
        update_fields=["status", "withdrawn_at", "withdrawn_reason", "version", "updated_at"]
    )
    _after_request_closed(notification)
    record_change(
        actor=actor,
        notification=notification,
        stage=Stage.REQUEST_WITHDRAWN,
        detail=request.agency.name,
    )
    return request


ANSWER_FILES = "mash/answers/"


def _known_overall(request: InformationRequest, known_by_child: dict[int, str]) -> str:
    """Each named child answered for, with a known choice; overall, "yes" if any child is
    known, "not sure" if any is unsure, else "no"."""
    named = set(request.notification.children.values_list("pk", flat=True))
    if set(known_by_child) != named or not set(known_by_child.values()) <= set(
        KnownToService.values
    ):
        raise DomainError(
            "Say for each child whether they are known to your service", field="known_to_service"
        )
    for choice in (KnownToService.YES, KnownToService.NOT_SURE):
        if choice in known_by_child.values():
            return str(choice)
    return str(KnownToService.NO)


def _lock_request(actor: Actor, request_id: UUID, seen_version: int) -> InformationRequest:
    request = (
        InformationRequest.objects.select_for_update()
        .filter(information_request_scope(actor), pk=request_id)
        .first()
    )
    if request is None:
        raise NotFound
    if request.status == RequestStatus.WITHDRAWN:
        raise DomainError(
            f"The MASH withdrew this request ({request.withdrawn_reason}), so it needs no answer."
        )
    if request.status == RequestStatus.ANSWERED:
        raise DomainError("This request has already been answered")
    if request.status == RequestStatus.UNANSWERED:
        raise DomainError(
            "The MASH had to decide before your answer came, so it closed this request: it "
            "needs no answer now. If what you know could change the decision, send a new "
            "notification and mention this reference."
        )
    if request.version != seen_version:
        raise ConflictError("This request changed while you were answering it. Check it again.")
    return request


def information_request_answer(
    *,
    actor: Actor,
    request_id: UUID,
    seen_version: int,
    known_to_service: str,
    current_involvement: bool,
    text: str,
    attachments: list[UploadedFile] | None = None,
    known_by_child: dict[int, str] | None = None,
) -> InformationAnswer:
    """A partner's answer, with its files checked by content, stored outside the web root.
    A file written for an answer that then fails is removed: nothing is half-written."""
    written: list[str] = []
    try:
        with transaction.atomic():
            return _answer(
                actor=actor,
                request_id=request_id,
                seen_version=seen_version,
                known_to_service=known_to_service,
                current_involvement=current_involvement,
                text=text,
                attachments=attachments or [],
                written=written,
                known_by_child=known_by_child or {},
            )
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _answer(
    *,
    actor: Actor,
    request_id: UUID,
    seen_version: int,
    known_to_service: str,
    current_involvement: bool,
    text: str,
    attachments: list[UploadedFile],
    written: list[str],
    known_by_child: dict[int, str],
) -> InformationAnswer:
    require_permission(actor, Permission.REQUEST_ANSWER)
    request = _lock_request(actor, request_id, seen_version)
    if known_by_child:
        known_to_service = _known_overall(request, known_by_child)
    if known_to_service not in KnownToService.values:
        raise DomainError(
            "Say whether the child or family is known to your service", field="known_to_service"
        )
    if not text.strip():
        raise DomainError("Write your answer", field="text")
    checked = [(upload, attachment_check(upload)) for upload in attachments]
    now = timezone.now()
    answer = InformationAnswer.objects.create(
        request=request,
        answered_by=actor.user,
        answered_by_label=actor.label,
        answered_at=now,
        known_to_service=known_to_service,
        known_by_child={str(k): v for k, v in sorted(known_by_child.items())},
        current_involvement=current_involvement,
        text=text.strip(),
    )
    for upload, content_type in checked:
        original = upload.name or "attachment"
        # Stored under a name of ours (the partner's is kept, not trusted as a path), and
        # noted before its row is written, so that a failure anywhere after removes it.
        stored = attachment_store(upload, folder=ANSWER_FILES)
        written.append(stored)
        AnswerAttachment.objects.create(
            answer=answer,
            file=stored,
            original_name=original,
            content_type=content_type,
            size=upload.size or 0,
        )
    InformationRequest.objects.filter(pk=request.pk).update(
        status=RequestStatus.ANSWERED, version=request.version + 1, updated_at=now
    )
    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("assigned_to")
        .get(pk=request.notification_id)
    )
    _after_request_closed(notification)
    tell_mash_of_answer(request, notification)
    NotificationEvent.objects.create(
        notification=notification,
        stage=Stage.ANSWERED,
        at=now,
        actor_label=actor.label,
        detail=request.agency.name,
    )
    access_log_record(
        actor=actor,
        action=Action.CREATE,
        object_type="mash.informationanswer",
        object_id=answer.pk,
        subjects=child_ids(notification),
        why="Answered a request for information",
    )
    return answer


@transaction.atomic
def information_requests_escalate() -> int:
    """Flag every open request past its due time, once. A scheduler runs this."""
    now = timezone.now()
    overdue = (
        InformationRequest.objects.select_for_update(of=("self",))
        .filter(status=RequestStatus.OPEN, due_at__lt=now, escalated_at__isnull=True)
        .select_related("agency", "notification")
    )
    count = 0
    for request in overdue:
        InformationRequest.objects.filter(pk=request.pk).update(escalated_at=now)
        tell_agency_of_overdue_request(request, request.notification.reference)
        NotificationEvent.objects.create(
            notification_id=request.notification_id,
            stage=Stage.REQUEST_ESCALATED,
            at=now,
            actor_label="system",
            detail=request.agency.name,
        )
        count += 1
    return count
