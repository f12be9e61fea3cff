"""Sign-in in two steps (password, then a code), MFA enrolment, activation and sign-out."""

from datetime import datetime, timedelta
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.core.clients import client_address
from safeguard.core.errors import DomainError
from safeguard.core.http import form_data
from safeguard.partners import services
from safeguard.partners.forms import ActivateForm, CodeForm, SetupCodeForm, SignInForm
from safeguard.partners.models import User
from safeguard.partners.selectors import user_pending_sign_in
from safeguard.partners.services.sign_in import SignInError, enrolment_open, skips_mfa

PENDING = "pending_sign_in"
MFA_VERIFIED = "mfa_verified"
PENDING_MINUTES = 10
ENROLMENT_OPENED = "enrolment_opened"
WRONG_CODES_PER_PASSWORD = 5


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _complete(request: HttpRequest, user: User, *, mfa: bool, next_url: str) -> HttpResponse:
    request.session.pop(PENDING, None)
    login(request, user, backend="safeguard.partners.auth.EmailBackend")
    request.session[MFA_VERIFIED] = mfa
    return redirect(next_url)


def _too_many_codes(request: HttpRequest) -> bool:
    """After a few wrong codes the password must be given again: whoever is guessing codes
    then meets the account's delay."""
    pending = request.session.get(PENDING) or {}
    pending["wrong_codes"] = pending.get("wrong_codes", 0) + 1
    if pending["wrong_codes"] >= WRONG_CODES_PER_PASSWORD:
        request.session.pop(PENDING, None)
        messages.error(request, "Too many wrong codes. Sign in again.")
        return True
    request.session[PENDING] = pending
    return False


def _pending_user(request: HttpRequest) -> User | None:
    """The user who gave the right password in this session, for the next few minutes."""
    pending = request.session.get(PENDING)
    if not pending:
        return None
    started = datetime.fromisoformat(pending["at"])
    if timezone.now() - started > timedelta(minutes=PENDING_MINUTES):
        request.session.pop(PENDING, None)
        return None
    return user_pending_sign_in(user_id=pending["user"])


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(form_data(request))
    next_url = _next_url(request)
    show_code = bool(form["code"].value())  # the password and code were given together
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            user = services.sign_in_check_password(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                client=client_address(request),
                code=code,
            )
        except SignInError as error:
            form.add_domain_error(error)
            show_code = show_code or error.needs_code
        else:
            if code:  # the password and a correct code together
                return _complete(request, user, mfa=True, next_url=next_url)
            if not user.needs_mfa or skips_mfa(user):
                return _complete(request, user, mfa=False, next_url=next_url)
            request.session.cycle_key()
            request.session[PENDING] = {"user": str(user.pk), "at": timezone.now().isoformat()}
            request.session["sign_in_next"] = next_url
            step = "partners:sign-in-code" if user.mfa_enrolled else "partners:mfa-setup"
            return redirect(step)
    context = {"title": "Sign in", "form": form, "next": next_url, "show_code": show_code}
    return render(request, "partners/sign_in.jinja", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("partners:sign-in")
    if not user.mfa_enrolled:
        return redirect("partners:mfa-setup")
    form = CodeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_in_verify_code(
                user=user, code=form.cleaned_data["code"], client=client_address(request)
            )
        except DomainError as error:
            form.add_domain_error(error)
            if _too_many_codes(request):
                return redirect("partners:sign-in")
        else:
            next_url = request.session.get("sign_in_next") or settings.LOGIN_REDIRECT_URL
            return _complete(request, user, mfa=True, next_url=next_url)
    return render(
        request, "partners/sign_in_code.jinja", {"title": "Enter your code", "form": form}
    )


def _qr_svg(uri: str) -> str:
    return segno.make(uri, error="m").svg_inline(
        scale=5, title="QR code to add Safeguard to your authenticator app"
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """First the set-up code the administrator gave; then the QR code and the first code."""
    user = _pending_user(request)
    if user is None:
        return redirect("partners:sign-in")
    if user.mfa_enrolled:
        return redirect("partners:sign-in-code")
    if request.session.get(ENROLMENT_OPENED) != str(user.pk) or not enrolment_open(user):
        return _setup_code_page(request, user)
    uri = services.mfa_start_enrolment(user=user)
    user.refresh_from_db(fields=["totp_secret"])
    form = CodeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.mfa_confirm_enrolment(
                user=user, code=form.cleaned_data["code"], client=client_address(request)
            )
        except DomainError as error:
            form.add_domain_error(error)
            if _too_many_codes(request):
                return redirect("partners:sign-in")
        else:
            request.session.pop(ENROLMENT_OPENED, None)
            next_url = request.session.get("sign_in_next") or settings.LOGIN_REDIRECT_URL
            return _complete(request, user, mfa=True, next_url=next_url)
    secret = user.totp_secret
    context: dict[str, Any] = {
        "title": "Set up your authenticator app",
        "form": form,
        "qr_svg": _qr_svg(uri),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "partners/mfa_setup.jinja", context)


def _setup_code_page(request: HttpRequest, user: User) -> HttpResponse:
    form = SetupCodeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.mfa_check_enrolment_code(
                user=user, code=form.cleaned_data["setup_code"], client=client_address(request)
            )
        except DomainError as error:
            form.add_domain_error(error)
            if _too_many_codes(request):
                return redirect("partners:sign-in")
        else:
            request.session[ENROLMENT_OPENED] = str(user.pk)
            return redirect("partners:mfa-setup")
    return render(
        request, "partners/setup_code.jinja", {"title": "Enter your set-up code", "form": form}
    )


@login_not_required
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("partners:signed-out")


@login_not_required
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/signed_out.jinja", {"title": "You have signed out"})


@login_not_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, token: str) -> HttpResponse:
    form = ActivateForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.account_activate(token=token, password=form.cleaned_data["password"])
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return render(request, "partners/activated.jinja", {"title": "Password set"})
    return render(request, "partners/activate.jinja", {"title": "Set your password", "form": form})
