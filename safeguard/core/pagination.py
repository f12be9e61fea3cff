"""Pages of results and the parameters for govukPagination."""

from collections.abc import Callable
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


def page_number_of(asked: str | None) -> int:
    """The page asked for; a missing or malformed number is the first page."""
    try:
        return max(1, int(asked or 1))
    except ValueError:
        return 1


def counted_slice(
    rows: QuerySet[Any, tuple[Any, ...]], *, number: int, per_page: int = PAGE_SIZE
) -> QuerySet[Any, tuple[Any, ...]]:
    """Page `number` of `values_list` rows, each with the total as its last value
    (`COUNT(*) OVER ()` is computed before LIMIT): one round trip where the paginator takes
    two."""
    counted = rows.annotate(_total=Window(Count("*"))).values_list(
        *rows._fields,  # type: ignore[attr-defined]
        "_total",
    )
    return counted[(number - 1) * per_page : number * per_page]


def counted_page(
    found: list[tuple[Any, ...]],
    *,
    number: int,
    rows: Callable[[], QuerySet[Any, tuple[Any, ...]]],
    per_page: int = PAGE_SIZE,
) -> tuple[Page[Any], list[tuple[Any, ...]]]:
    """The page that `counted_slice` read. A page past the end, which has no row to carry the
    total, falls back to the paginator's own count of `rows()` (built only then) and gives the
    last page, as `get_page` does."""
    if not found and number > 1:
        page = Paginator(rows(), per_page).get_page(number)
        return page, list(page.object_list)
    total = found[0][-1] if found else 0
    counted: Page[Any] = Paginator(range(total), per_page).get_page(number)
    values = [v[:-1] for v in found]
    counted.object_list = values
    return counted, values


def paginate_counted(
    rows: QuerySet[Any, tuple[Any, ...]], *, page_number: str | None, per_page: int = PAGE_SIZE
) -> tuple[Page[Any], list[tuple[Any, ...]]]:
    """A page of `values_list` rows and its total, read in one query."""
    number = page_number_of(page_number)
    found = list(counted_slice(rows, number=number, per_page=per_page))
    return counted_page(found, number=number, rows=lambda: rows, per_page=per_page)
