"""The app's routes plus the bench's floor: a signed-in request that runs one indexed query."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from safeguard.people.models import Person
from safeguard.urls import urlpatterns as app_urlpatterns


def floor(request: HttpRequest, person_id: str) -> HttpResponse:
    found = Person.objects.filter(pk=person_id).exists()
    return HttpResponse("yes" if found else "no", content_type="text/plain")


urlpatterns = [path("bench/floor/<uuid:person_id>/", floor), *app_urlpatterns]
handler404 = "safeguard.core.views.page_not_found"
