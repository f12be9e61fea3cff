"""The security event log: refusals, probes and clashes (issue 16).

The access log records what was seen; this records what was refused or looked suspicious, so
that an insider walking record ids, or a clash of identifiers, leaves a trace IG can review. It
holds no personal data: routes by name, records by id, never the values tried. A middleware
keeps the current request at hand, so that services can say where an event came from.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from safeguard.core.actors import Actor
from safeguard.core.clients import client_address
from safeguard.core.models import SecurityEvent

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
