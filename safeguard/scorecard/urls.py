from django.urls import path

from safeguard.scorecard import views

app_name = "scorecard"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/<str:code>/", views.indicator, name="indicator"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/new/", views.round_new, name="round-new"),
    path("rounds/<uuid:round_id>/", views.round_detail, name="round"),
    path("submissions/<uuid:submission_id>/review/", views.review, name="review"),
    path("due/", views.due, name="due"),
    path("due/<uuid:round_id>/<str:code>/", views.submit, name="submit"),
]
