from django.urls import path

from safeguard.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.report_open_view, name="open"),
    path("contributions/", views.contributions, name="contributions"),
    path("contributions/<uuid:contribution_id>/", views.contribution_edit, name="contribution"),
    path("<int:year>/", views.detail, name="detail"),
    path("<int:year>/preview/", views.preview, name="preview"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/sections/new/", views.section_new, name="section-new"),
    path("<int:year>/sections/<slug:key>/", views.section_edit_view, name="section"),
    path("<int:year>/sections/<slug:key>/move/", views.section_move_view, name="section-move"),
    path(
        "<int:year>/sections/<slug:key>/remove/", views.section_remove_view, name="section-remove"
    ),
    path(
        "<int:year>/contributions/<uuid:contribution_id>/",
        views.contribution_review_view,
        name="contribution-review",
    ),
    path("<int:year>/v<int:number>/", views.published, name="published"),
    path("<int:year>/v<int:number>/report.pdf", views.published_pdf, name="published-pdf"),
    path("<int:year>/v<int:number>/public/", views.publication_public_view, name="public-set"),
]

public_urlpatterns = [
    path("<int:year>/", views.public, name="public"),
    path("<int:year>/report.pdf", views.public_pdf, name="public-pdf"),
]
