"""The partner API, /api/v1/. Each agency's key acts for that agency, and only sees its reach."""

import logging
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Status
from ninja.security import HttpBearer

from safeguard.api.auth import request_actor
from safeguard.api.schemas import (
    CandidateOut,
    ErrorOut,
    PersonIn,
    PersonOut,
    PersonSearchIn,
    ValidationErrorOut,
    WhoamiOut,
)
from safeguard.core.actors import Actor
from safeguard.core.errors import ConflictError, DomainError, DuplicateError
from safeguard.core.security_log import refusal_record
from safeguard.partners.services import api_key_authenticate
from safeguard.people import selectors, services
from safeguard.people.models import Person
from safeguard.people.search import PersonQuery

logger = logging.getLogger("django.request")


class AgencyKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        key = api_key_authenticate(token=token)
        return Actor.for_api_key(key) if key else None


api = NinjaAPI(
    title="Safeguard partner API",
    version="1",
    description="For partner agencies' systems. Each key belongs to one agency.",
    urls_namespace="api-v1",
    auth=AgencyKeyAuth(),
    docs_url=None,
)

UNAUTHORISED = {401: ErrorOut}
INVALID = {422: ValidationErrorOut}
# A body that is not JSON at all is refused before validation, with 400.
INVALID_BODY = {400: ErrorOut, **INVALID}


def _record_refusal(request: HttpRequest, error: Exception) -> None:
    actor = getattr(request, "auth", None)
    if isinstance(actor, Actor):
        refusal_record(request=request, actor=actor, exception=error)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    _record_refusal(request, error)
    return api.create_response(request, {"detail": "This key may not do that"}, status=403)


@api.exception_handler(SuspiciousOperation)
def suspicious(request: HttpRequest, error: SuspiciousOperation) -> HttpResponse:
    """Too large, too many fields, unreadable: the request's fault, as Django would say."""
    return api.create_response(request, {"detail": "Bad request"}, status=400)


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
    """Anything else is our fault: logged (through the filter that keeps values out of logs)
    and answered in the API's JSON, never as an HTML page."""
    logger.error("Internal Server Error: %s", request.path, exc_info=error)
    return api.create_response(
        request, {"detail": "Something went wrong on our side; nothing was changed"}, status=500
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    """No such record, or none the key's agency may reach: the same answer, and a trace."""
    _record_refusal(request, error)
    return api.create_response(request, {"detail": "Not Found"}, status=404)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    """Invalid input is 422 against its field; a clash with what is stored is 409."""
    if error.field and not isinstance(error, DuplicateError | ConflictError):
        detail = [
            {"type": "value_error", "loc": ["body", "payload", error.field], "msg": error.message}
        ]
        return api.create_response(request, {"detail": detail}, status=422)
    return api.create_response(request, {"detail": error.message}, status=409)


def _person_out(person: Person) -> dict[str, Any]:
    name = next((n for n in person.names.all() if n.kind == "primary"), None)
    return {
        "id": person.pk,
        "kind": person.kind,
        "given_name": name.given_name if name else "",
        "family_name": name.family_name if name else "",
        "date_of_birth": person.date_of_birth,
        "sex": person.sex,
        "nhs_number": person.nhs_number,
        "upn": person.upn,
        "recorded_by": person.recorded_by_agency.name,
    }


@api.get(
    "/whoami",
    response={200: WhoamiOut, **UNAUTHORISED},
    url_name="whoami",
    summary="The agency this key belongs to",
)
def whoami(request: HttpRequest) -> dict[str, Any]:
    actor = request_actor(request)
    assert actor.agency is not None and actor.api_key is not None
    return {
        "agency_id": actor.agency.pk,
        "agency_name": actor.agency.name,
        "agency_kind": actor.agency.kind,
        "is_statutory_partner": actor.agency.is_statutory_partner,
        "key_prefix": actor.api_key.prefix,
    }


@api.post(
    "/people/search",
    response={200: list[CandidateOut], **UNAUTHORISED, **INVALID_BODY},
    url_name="people-search",
    summary="Search before create, within your agency's reach",
)
def people_search(request: HttpRequest, payload: PersonSearchIn) -> list[dict[str, Any]]:
    query = PersonQuery(**{k: v for k, v in payload.dict().items() if v})
    candidates = selectors.person_search(actor=request_actor(request), query=query)
    return [
        {
            "person": _person_out(c.person),
            "score": int(c.probability * 100),
            "probability": round(c.probability, 6),
            "band": c.band,
            "reasons": c.reasons,
            "contributions": [
                {"comparison": x.comparison, "level": x.level, "bits": round(x.bits, 3)}
                for x in c.scored.contributions
            ],
        }
        for c in candidates
    ]


@api.post(
    "/people",
    response={201: PersonOut, 409: ErrorOut, **UNAUTHORISED, **INVALID_BODY},
    url_name="people-create",
    summary="Record a person your agency knows",
)
def people_create(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    actor = request_actor(request)
    data = payload.dict()
    if not (data["given_name"] or data["family_name"]):
        raise DomainError("Enter a given name or a family name", field="given_name")
    person = services.person_create(actor=actor, **data)
    record = selectors.person_get(actor=actor, person_id=person.pk, with_related=False)
    return Status(201, _person_out(record.person))


@api.get(
    "/people/{person_id}",
    response={200: PersonOut, 404: ErrorOut, **UNAUTHORISED, **INVALID},
    url_name="people-detail",
    summary="A person your agency recorded",
)
def people_detail(request: HttpRequest, person_id: UUID) -> dict[str, Any]:
    record = selectors.person_get(
        actor=request_actor(request), person_id=person_id, with_related=False
    )
    return _person_out(record.person)


# Registered last: the MASH router's handlers use the exception handlers above.
from safeguard.api.mash import router as mash_router  # noqa: E402

api.add_router("", mash_router)
