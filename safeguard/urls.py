from django.urls import include, path

from safeguard.api.api import api
from safeguard.reports.urls import public_urlpatterns as public_reports

urlpatterns = [
    path("", include("safeguard.core.urls")),
    path("", include("safeguard.partners.urls")),
    path("people/", include("safeguard.people.urls")),
    path("mash/", include("safeguard.mash.urls")),
    path("training/", include("safeguard.training.urls")),
    path("returns/", include("safeguard.returns.urls")),
    path("governance/", include("safeguard.governance.urls")),
    path("scorecard/", include("safeguard.scorecard.urls")),
    path("reports/", include("safeguard.reports.urls")),
    path("annual-reports/", include((public_reports, "public-reports"))),
    path("api/v1/", api.urls),
]

handler400 = "safeguard.core.views.bad_request"
handler403 = "safeguard.core.views.permission_denied"
handler404 = "safeguard.core.views.page_not_found"
handler500 = "safeguard.core.views.server_error"
