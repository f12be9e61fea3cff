"""The MASH in the partner API: submit and follow notifications; answer requests."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from safeguard.api.auth import refuse_unknown_query, request_actor
from safeguard.api.mash_schemas import (
    AnswerIn,
    AnswerOut,
    InformationRequestOut,
    NotificationIn,
    NotificationStatusOut,
)
from safeguard.api.schemas import ErrorOut, ValidationErrorOut
from safeguard.mash import selectors
from safeguard.mash.selectors.rows import RequestRow, SubmittedRow
from safeguard.mash.services.requests import information_request_answer
from safeguard.mash.services.submit import (
    AdultDetails,
    ChildDetails,
    NotificationDraft,
    notification_submit,
)

router = Router(tags=["MASH"])

UNAUTHORISED = {401: ErrorOut}
INVALID = {422: ValidationErrorOut}
INVALID_BODY = {400: ErrorOut, **INVALID}


def _status_out(row: SubmittedRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "reference": row.reference,
        "received_at": row.received_at,
        "status": row.status,
        "outcome": row.outcome or None,
        "decided_at": row.decided_at,
    }


def _request_out(request: RequestRow) -> dict[str, Any]:
    return {
        "id": request.id,
        "reference": request.reference,
        "question": request.question,
        "sent_at": request.sent_at,
        "due_at": request.due_at,
        "status": request.status,
        "version": request.version,
        "children": [
            {
                "given_name": c.given_name,
                "family_name": c.family_name,
                "date_of_birth": c.date_of_birth,
                "nhs_number": c.nhs_number,
                "address": c.address,
                "postcode": c.postcode,
            }
            for c in request.children
        ],
    }


@router.post(
    "/notifications",
    url_name="notifications-create",
    response={201: NotificationStatusOut, 403: ErrorOut, **UNAUTHORISED, **INVALID_BODY},
    summary="Send the MASH a safeguarding notification",
)
def notifications_create(request: HttpRequest, payload: NotificationIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    draft = NotificationDraft(
        children=[ChildDetails(**child) for child in data.pop("children")],
        adults=[AdultDetails(**adult) for adult in data.pop("adults")],
        channel="api",
        **data,
    )
    actor = request_actor(request)
    notification = notification_submit(actor=actor, draft=draft)
    return Status(
        201, _status_out(selectors.submitted_get(actor=actor, notification_id=notification.pk))
    )


@router.get(
    "/notifications/{notification_id}",
    url_name="notifications-detail",
    response={200: NotificationStatusOut, 404: ErrorOut, **UNAUTHORISED, **INVALID},
    summary="The status and outcome of a notification your agency's system sent",
)
def notifications_detail(request: HttpRequest, notification_id: UUID) -> dict[str, Any]:
    notification = selectors.submitted_get(
        actor=request_actor(request), notification_id=notification_id
    )
    return _status_out(notification)


@router.get(
    "/information-requests",
    url_name="requests-list",
    response={200: list[InformationRequestOut], **UNAUTHORISED, **INVALID},
    summary="Open requests for information addressed to your agency",
)
def requests_list(
    request: HttpRequest,
    page: int = Query(1, ge=1, le=100_000),  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    refuse_unknown_query(request, {"page"})
    _found, rows = selectors.requests_for_agency(
        actor=request_actor(request), status="open", page_number=str(page)
    )
    return [_request_out(r) for r in rows]


@router.get(
    "/information-requests/{request_id}",
    url_name="requests-detail",
    response={200: InformationRequestOut, 404: ErrorOut, **UNAUTHORISED, **INVALID},
    summary="One request for information addressed to your agency",
)
def requests_detail(request: HttpRequest, request_id: UUID) -> dict[str, Any]:
    return _request_out(selectors.request_get(actor=request_actor(request), request_id=request_id))


@router.post(
    "/information-requests/{request_id}/answer",
    url_name="requests-answer",
    response={201: AnswerOut, 404: ErrorOut, 409: ErrorOut, **UNAUTHORISED, **INVALID_BODY},
    summary="Answer a request, with attachments (PDF, DOCX, PNG or JPEG)",
)
def requests_answer(
    request: HttpRequest,
    request_id: UUID,
    payload: Form[AnswerIn],
    attachments: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[dict[str, Any]]:
    answer = information_request_answer(
        actor=request_actor(request),
        request_id=request_id,
        seen_version=payload.version,
        known_to_service=payload.known_to_service,
        current_involvement=payload.current_involvement,
        text=payload.text,
        attachments=list(attachments or []),
    )
    return Status(
        201,
        {
            "request_id": request_id,
            "answered_at": answer.answered_at,
            # The names as the service stored them: each upload's own.
            "attachments": [a.name or "attachment" for a in attachments or []],
        },
    )
