"""Pages of results and the parameters for govukPagination."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PAGE_SIZE = 25


def paginate(items: Any, *, page_number: str | None, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(items, per_page).get_page(page_number)


def pagination_params(page: Page, query: QueryDict) -> dict[str, Any] | None:
    """govukPagination parameters that keep the other query parameters (the filters)."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        params = query.copy()
        params["page"] = str(number)
        return f"?{params.urlencode()}"

    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if not isinstance(number, int):
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params
