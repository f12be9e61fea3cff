from django.http import HttpRequest
from ninja.errors import ValidationError

from safeguard.core.actors import Actor


def request_actor(request: HttpRequest) -> Actor:
    """The agency's actor that the API key authenticated for this request."""
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    return actor


def refuse_unknown_query(request: HttpRequest, allowed: set[str]) -> None:
    """A misspelt filter must not silently return everything: unknown parameters are 422."""
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ValidationError(
            [
                {"type": "extra_forbidden", "loc": ["query", name], "msg": "Unknown parameter"}
                for name in unknown
            ]
        )
