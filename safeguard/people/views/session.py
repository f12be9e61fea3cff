"""Search terms and drafts kept in the (database) session, never in URLs.

Names and dates of birth in a query string would end up in browser history and server logs.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest

from safeguard.people.search import PersonQuery

SEARCH = "person_search"
DATE_FIELDS = ("date_of_birth",)


def remember(request: HttpRequest, key: str, data: dict[str, Any]) -> None:
    request.session[key] = {
        k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()
    }


def recall(request: HttpRequest, key: str) -> dict[str, Any]:
    data = dict(request.session.get(key) or {})
    for field in DATE_FIELDS:
        if data.get(field):
            data[field] = dt.date.fromisoformat(data[field])
    return data


def query_from(data: dict[str, Any]) -> PersonQuery:
    fields = PersonQuery.__dataclass_fields__
    return PersonQuery(**{k: v for k, v in data.items() if v and k in fields})
