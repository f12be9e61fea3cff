"""A user's work list: what has reached them, and where to look."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from safeguard.core.actors import Actor
from safeguard.core.pagination import pagination_params
from safeguard.mash.presenters.work import work_list_page
from safeguard.mash.selectors.work import work_items
from safeguard.mash.services.work import work_item_open, work_items_mark_seen


@require_GET
def work_list(request: HttpRequest) -> HttpResponse:
    actor = Actor.for_user(request.user)
    items, page_of = work_items(actor=actor, page_number=request.GET.get("page"))
    page = work_list_page(items=items, pagination=pagination_params(page_of, request.GET))
    return render(request, "mash/work.jinja", {"title": page.title, "page": page})


@require_GET
def work_open(request: HttpRequest, item_id: UUID) -> HttpResponse:
    """Opening an item marks it seen, then goes where it leads (the record's own page checks
    access again: an item is a pointer, not a permission)."""
    path = work_item_open(actor=Actor.for_user(request.user), item_id=item_id)
    return redirect(path)


@require_POST
def work_seen(request: HttpRequest) -> HttpResponse:
    count = work_items_mark_seen(actor=Actor.for_user(request.user))
    messages.success(request, f"Marked {count} as seen" if count != 1 else "Marked 1 as seen")
    return redirect("mash:work")
