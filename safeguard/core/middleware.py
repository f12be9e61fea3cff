from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, JsonResponse


class SignInRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user unless its view says otherwise.

    The partner API authenticates each request with its agency's key instead.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: list[Any],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PrivateResponseHeadersMiddleware:
    """No response is kept by browsers or proxies, unless its view says it may be: pages for
    signed-in users, the partner API and a delegate's booking all carry personal data, and a
    page that does not is no slower for being fetched again (static files are served before
    this, with their own long cache)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cache-Control", "no-store")
        return response


class ApiErrorsAsJsonMiddleware:
    """Whatever refuses a partner system's request (a wrong method, a CSRF or host check, a
    route that does not exist), the answer is the API's JSON `{"detail": ...}`, never a page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            answer = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
            for header, value in response.headers.items():
                if header.lower() not in ("content-type", "content-length"):
                    answer[header] = value
            answer.headers.setdefault("Cache-Control", "no-store")
            return answer
        return response
