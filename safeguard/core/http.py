from django.core.files import File
from django.http import FileResponse, HttpRequest, QueryDict


def form_data(request: HttpRequest) -> QueryDict | None:
    """The posted data, so that an empty POST still binds the form and shows its errors."""
    return request.POST if request.method == "POST" else None


def file_download(file: File, *, name: str, content_type: str) -> FileResponse:
    """A stored file as a download under its sender's name, never shown inline, and never
    sniffed as another type."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
