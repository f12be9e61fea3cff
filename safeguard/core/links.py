"""Links that leave the service, in emails: all built from the one site setting."""

from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse


def site_link(name: str, *, args: Sequence[object] = ()) -> str:
    """An absolute link to a route, from SAFEGUARD_SITE_URL. Never from a request's Host
    header, which whoever sends the request chooses (a link in an email to a colleague could
    otherwise point anywhere)."""
    return site_url(reverse(name, args=list(args)))


def site_url(path: str) -> str:
    """An absolute link to a path inside the site, from the same setting."""
    return settings.SITE_URL.rstrip("/") + path
