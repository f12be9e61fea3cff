"""The security event log: refusals, probes and clashes (issue 16).

The access log records what was seen; this records what was refused or looked suspicious, so
that an insider walking record ids, or a clash of identifiers, leaves a trace IG can review. It
holds no personal data: routes by name, records by id, never the values tried. A middleware
keeps the current request at hand, so that services can say where an event came from.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from safeguard.core.actors import Actor
from safeguard.core.clients import client_address
from safeguard.core.models import SecurityEvent, SecurityEventKind

_request: ContextVar[HttpRequest | None] = ContextVar("safeguard_request", default=None)


def security_event_record(
    *,
    kind: str,
    actor: Actor | None,
    object_id: object = "",
    detail: str = "",
    actor_label: str = "",
    client: str = "",
    request: HttpRequest | None = None,
) -> SecurityEvent:
    request = request if request is not None else _request.get()
    match = getattr(request, "resolver_match", None) if request is not None else None
    return SecurityEvent.objects.create(
        kind=kind,
        actor_user_id=actor.user_id if actor else None,
        actor_label=actor_label or (actor.label if actor else "anonymous"),
        agency_id=actor.agency_id if actor else None,
        client=client or (client_address(request) if request is not None else ""),
        method=(request.method or "") if request is not None else "",
        route=match.view_name if match else "",
        object_id=str(object_id)[:80],
        detail=detail,
    )


class RequestAtHandMiddleware:
    """Lets services record where a security event came from without being given the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def refusal_record(*, request: HttpRequest, actor: Actor, exception: Exception) -> None:
    """A 404 (no relationship, or no such record: the two look alike on purpose) or a 403 (the
    role may not), for a request that reached a route. Names the record by the id in the URL."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return
    kind = (
        SecurityEventKind.REFUSED_FORBIDDEN
        if isinstance(exception, PermissionDenied)
        else SecurityEventKind.REFUSED_NOT_FOUND
    )
    ids = [str(v) for k, v in sorted(match.kwargs.items()) if k.endswith("_id") or k == "token"]
    security_event_record(kind=kind, actor=actor, object_id=ids[0] if ids else "", request=request)


class RefusalsMiddleware:
    """Records every 404 and 403 a signed-in user's request raises (issue 16): an insider
    walking record ids leaves a trace. The partner API records its own (api/api.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        user = getattr(request, "user", None)
        if not isinstance(exception, Http404 | PermissionDenied) or user is None:
            return
        if user.is_authenticated:
            refusal_record(request=request, actor=Actor.for_user(user), exception=exception)
