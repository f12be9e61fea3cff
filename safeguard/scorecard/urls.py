from django.urls import path

from safeguard.scorecard import views

app_name = "scorecard"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/new/", views.indicator_new, name="indicator-new"),
    path("indicators/<str:code>/", views.indicator, name="indicator"),
    path("indicators/<str:code>/comparators/new/", views.reference_new, name="reference-new"),
    path("demographics/<int:year>/", views.demographics, name="demographics"),
    path("demographics/<int:year>/new/", views.demographic_new, name="demographic-new"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/new/", views.round_new, name="round-new"),
    path("rounds/<uuid:round_id>/", views.round_detail, name="round"),
    path("submissions/<uuid:submission_id>/review/", views.review, name="review"),
    path("due/", views.due, name="due"),
    path("due/<uuid:round_id>/<str:code>/", views.submit, name="submit"),
]
