"""Pages of results and the parameters for govukPagination."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
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


def paginate_counted(
    rows: QuerySet[Any, tuple[Any, ...]], *, page_number: str | None, per_page: int = PAGE_SIZE
) -> tuple[Page[Any], list[tuple[Any, ...]]]:
    """A page of `values_list` rows whose last value is the total, counted in the same query
    (`COUNT(*) OVER ()` is computed before LIMIT): one round trip where the paginator takes
    two. A page past the end, which has no row to carry the total, falls back to the
    paginator's own count and gives the last page, as `get_page` does."""
    try:
        number = max(1, int(page_number or 1))
    except ValueError:
        number = 1
    counted = rows.annotate(_total=Window(Count("*"))).values_list(
        *rows._fields,  # type: ignore[attr-defined]
        "_total",
    )
    found = list(counted[(number - 1) * per_page : number * per_page])
    if not found and number > 1:
        page = Paginator(rows, per_page).get_page(number)
        return page, list(page.object_list)
    total = found[0][-1] if found else 0
    counted_page: Page[Any] = Paginator(range(total), per_page).get_page(number)
    values = [v[:-1] for v in found]
    counted_page.object_list = values
    return counted_page, values
