"""Every form post happens once (issue 17).

Each page that shows a form carries a one-time token beside its CSRF token. The first post with
a token claims it and does its work; a second post of the same page (a double click, two tabs,
a resend) is answered with where the first led, once the first has finished, and does nothing.
A post that fails (a form with errors, an exception) gives its token up, so the corrected form
can be sent.
"""

import secrets
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from safeguard.core.models import FormSubmission

FIELD = "submission_token"
KEEP = timedelta(days=1)
WAIT_SECONDS = 10.0


def submission_input(csrf_input: object) -> SafeString:
    """The CSRF input and a new one-time token: what every form template writes."""
    return format_html(
        '{}<input type="hidden" name="{}" value="{}">', csrf_input, FIELD, secrets.token_hex(16)
    )


def _claim(token: str) -> bool:
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token)
    except IntegrityError:
        return False
    return True


def _first_outcome(token: str) -> str:
    """Where the first post of this token led, waiting for it to finish; "" if it never does."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = FormSubmission.objects.filter(token=token).values_list("location", flat=True)
        location = found.first()
        if location is None:  # the first gave its token up: this one may try
            return ""
        if location:
            return location
        time.sleep(0.1)
    return ""


def _to_sign_in(response: HttpResponseRedirect) -> bool:
    """Sent to sign in first: nothing was done, so the same page may be sent again after."""
    return str(response["Location"]).startswith(resolve_url(settings.LOGIN_URL))


class OncePerSubmissionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token or len(token) > 64 or request.path.startswith("/api/"):
            return self.get_response(request)
        if not _claim(token):
            location = _first_outcome(token)
            if location:
                return HttpResponseRedirect(location)
            if not _claim(token):
                return render(
                    request,
                    "core/errors/already_sent.jinja",
                    {"title": "This form has already been sent"},
                    status=409,
                )
        try:
            response = self.get_response(request)
        except BaseException:
            FormSubmission.objects.filter(token=token).delete()
            raise
        if isinstance(response, HttpResponseRedirect) and not _to_sign_in(response):
            FormSubmission.objects.filter(token=token).update(location=response["Location"])
        else:
            FormSubmission.objects.filter(token=token).delete()
        FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        return response
