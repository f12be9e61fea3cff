from typing import Any

from django.http import HttpRequest

from safeguard.core.actors import Actor
from safeguard.core.navigation import navigation_for


def layout(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: the navigation and who is signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "signed_in_user": None}
    actor = Actor.for_user(user)
    role_names = sorted(role.label for role in actor.roles)
    return {
        "navigation": navigation_for(actor, request.path),
        "signed_in_user": user,
        "signed_in_roles": ", ".join(role_names),
    }
