from typing import Any

from django.http import HttpRequest
from django.template.backends.utils import csrf_input_lazy
from django.utils.functional import SimpleLazyObject

from safeguard.core.actors import Actor
from safeguard.core.navigation import navigation_for
from safeguard.core.submissions import submission_input


def layout(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: the navigation, who is signed in, and the nonce that lets
    the GOV.UK template's own inline script run under the content security policy."""
    # django-csp's lazy nonce is falsy until read, and the template tests it before using it.
    lazy = getattr(request, "csp_nonce", None)
    nonce: dict[str, Any] = {"cspNonce": str(lazy) if lazy is not None else None}
    # Every form's CSRF input carries a one-time token too, so no post is done twice.
    nonce["csrf_input"] = SimpleLazyObject(lambda: submission_input(csrf_input_lazy(request)))
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return nonce | {"navigation": [], "signed_in_user": None}
    actor = Actor.for_user(user)
    role_names = sorted(role.label for role in actor.roles)
    return nonce | {
        "navigation": navigation_for(actor, request.path),
        "signed_in_user": user,
        "signed_in_roles": ", ".join(role_names),
    }
