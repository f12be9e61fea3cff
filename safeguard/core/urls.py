from django.urls import path

from safeguard.core import views, views_governance

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "governance/break-glass/",
        views_governance.break_glass_reviews,
        name="break-glass-reviews",
    ),
    path(
        "governance/security-events/",
        views_governance.security_events,
        name="security-events",
    ),
    path(
        "governance/break-glass/<uuid:grant_id>/",
        views_governance.break_glass_review,
        name="break-glass-review",
    ),
]
