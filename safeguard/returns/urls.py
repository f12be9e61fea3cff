from django.urls import path

from safeguard.returns.views import pages

app_name = "returns"

urlpatterns = [
    path("", pages.overview, name="overview"),
    path("upload/", pages.upload, name="upload"),
    path("imports/<uuid:job_id>/", pages.job, name="job"),
    path("review/", pages.review, name="review"),
    path("review/<int:child_id>/", pages.resolve, name="resolve"),
    path("chronology/<uuid:person_id>/", pages.chronology, name="chronology"),
]
