from django.urls import path

from safeguard.governance import views

app_name = "governance"

urlpatterns = [
    path("budget/<int:year>/", views.budget, name="budget"),
    path("budget/<int:year>/lines/new/", views.line_new, name="line-new"),
]
