from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from safeguard.partners.services.sign_in import skips_mfa
from safeguard.partners.views.sign_in import MFA_VERIFIED


class MfaRequiredMiddleware:
    """A session without a verified code ends if the user's roles now need one.

    This covers a role added by an administrator while the user was signed in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.needs_mfa
            and not request.session.get(MFA_VERIFIED)
            and not skips_mfa(user)
        ):
            logout(request)
            return redirect("partners:sign-in")
        return self.get_response(request)
