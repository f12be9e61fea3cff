from django.urls import path

from safeguard.training.views import admin, public, reports

app_name = "training"

urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("courses/<uuid:course_id>/", public.course, name="course"),
    path("sessions/<uuid:session_id>/book/", public.book, name="book"),
    path("bookings/<str:token>/", public.booking, name="booking"),
    path("confirm/<str:token>/", public.confirm, name="confirm"),
    path("bookings/<str:token>/cancel/", public.cancel, name="cancel"),
    path("bookings/<str:token>/evaluate/<slug:stage>/", public.evaluate, name="evaluate"),
    path("bookings/<str:token>/certificate.pdf", public.certificate, name="certificate"),
    path("my-bookings/", public.my_bookings, name="my-bookings"),
    path("admin/", admin.dashboard, name="admin"),
    path("admin/courses/new/", admin.course_edit, name="course-new"),
    path("admin/courses/<uuid:course_id>/edit/", admin.course_edit, name="course-edit"),
    path("admin/courses/<uuid:course_id>/sessions/new/", admin.session_edit, name="session-new"),
    path("admin/sessions/<uuid:session_id>/edit/", admin.session_edit, name="session-edit"),
    path("admin/sessions/<uuid:session_id>/register/", admin.register, name="register"),
    path("admin/bookings/<uuid:booking_id>/partner/", admin.partner_claim, name="partner-claim"),
    path("admin/invoices/", admin.invoices, name="invoices"),
    path("admin/invoices/<uuid:invoice_id>/paid/", admin.invoice_paid, name="invoice-paid"),
    path("admin/elearning/", admin.elearning, name="elearning"),
    path("reports/", reports.report, name="reports"),
    path("reports/<slug:table>.csv", reports.report_csv, name="reports-csv"),
]
