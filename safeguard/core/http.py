from django.http import HttpRequest, QueryDict


def form_data(request: HttpRequest) -> QueryDict | None:
    """The posted data, so that an empty POST still binds the form and shows its errors."""
    return request.POST if request.method == "POST" else None
