"""The client's address, as the proxies the operator trusts report it.

Only a proxy named in SAFEGUARD_TRUSTED_PROXIES may say who its client was; a header the client
sends itself is never believed. Behind trusted proxies, the client is the right-most address in
the header that is not one of them: each proxy appends the address it was connected from.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not _trusted(remote):
        return remote
    header = "HTTP_" + settings.CLIENT_ADDRESS_HEADER.upper().replace("-", "_")
    hops = [hop.strip() for hop in str(request.META.get(header, "")).split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop[:64]
    return remote
