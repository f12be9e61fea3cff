import datetime as dt
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from safeguard.core.models import AccessLogEntry
from safeguard.partners.roles import Role
from safeguard.training.links import booking_token
from safeguard.training.models import (
    Booking,
    BookingStatus,
    CourseKind,
    ELearningCompletion,
    Evaluation,
    Invoice,
    InvoiceStatus,
)
from safeguard.training.tests.factories import (
    BookingFactory,
    CourseFactory,
    InvoiceFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def admin(make_user, sign_in):
    return sign_in(make_user(Role.TRAINING_ADMINISTRATOR))


MEMBER = {
    "full_name": "Sam Carter",
    "email": "sam@littlestars.example",
    "organisation": "Little Stars Nursery",
    "role": "Nursery manager",
}


class TestBooking:
    def test_the_catalogue_lists_courses_with_their_next_dates_without_signing_in(self):
        session = SessionFactory(course__title="Core Groups & Child Protection plans")
        page = _page(Client().get("/training/"))
        assert "Core Groups & Child Protection plans" in page
        assert f"/training/courses/{session.course_id}/" in page

    def test_a_learning_event_leaves_the_catalogue_once_it_is_past(self):
        SessionFactory(
            course__title="Sepsis Masterclass",
            course__kind=CourseKind.EVENT,
            starts_at=timezone.now() - dt.timedelta(days=1),
        )
        CourseFactory(title="Core Groups & Child Protection plans")
        page = _page(Client().get("/training/"))
        assert "Sepsis Masterclass" not in page
        assert "Core Groups & Child Protection plans" in page and "No dates yet" in page

    def test_an_empty_booking_form_shows_the_error_summary(self):
        session = SessionFactory()
        page = _page(Client().post(f"/training/sessions/{session.pk}/book/", {}))
        assert "There is a problem" in page and "Enter your full name" in page
        assert "Enter your role" in page
        assert not Booking.objects.exists()

    def test_someone_without_an_agency_must_name_their_organisation(self):
        session = SessionFactory()
        form = MEMBER | {"organisation": ""}
        page = _page(Client().post(f"/training/sessions/{session.pk}/book/", form))
        assert "Enter your organisation, or choose your agency" in page

    def test_a_member_of_the_public_books_confirms_and_sees_their_invoice(self):
        from safeguard.training.links import confirm_token

        session = SessionFactory(course__fee_pence=7500)
        response = Client().post(f"/training/sessions/{session.pk}/book/", MEMBER)
        assert response.status_code == 302
        assert "Check your email" in _page(Client().get(response.headers["Location"]))
        booking = Booking.objects.get()
        response = Client().post(f"/training/confirm/{confirm_token(booking.pk)}/")
        page = _page(Client().get(response.headers["Location"]))
        invoice = Invoice.objects.get()
        assert "Your place is booked" in page and invoice.number in page and "£75.00" in page

    def test_a_signed_in_partner_practitioner_books_free_with_their_agency(
        self, make_user, sign_in, agency
    ):
        officer = make_user(Role.PARTNER_PRACTITIONER)
        client = sign_in(officer)
        session = SessionFactory()
        form = {"full_name": "PC Jo", "email": officer.email, "agency": agency.pk, "role": "PC"}
        response = client.post(f"/training/sessions/{session.pk}/book/", form)
        assert response.status_code == 302
        booking = Booking.objects.get()
        assert booking.is_partner and booking.fee_pence == 0 and booking.user == officer
        assert "Working Together" in _page(client.get("/training/my-bookings/"))

    def test_a_refused_double_booking_is_shown_against_the_email(self):
        session = SessionFactory()
        Client().post(f"/training/sessions/{session.pk}/book/", MEMBER)
        page = _page(Client().post(f"/training/sessions/{session.pk}/book/", MEMBER))
        assert "You have already booked this session with this email address" in page
        assert Booking.objects.count() == 1

    def test_a_past_session_cannot_be_booked(self):
        session = SessionFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
        page = _page(Client().post(f"/training/sessions/{session.pk}/book/", MEMBER))
        assert "This session has already started" in page

    def test_the_delegate_cancels_through_their_link(self):
        booking = BookingFactory()
        token = booking_token(booking.pk)
        response = Client().post(f"/training/bookings/{token}/cancel/")
        assert response.status_code == 302
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CANCELLED

    def test_opening_a_booking_by_its_link_is_logged_without_the_delegates_name(self):
        booking = BookingFactory(full_name="Sam Carter")
        Client().get(f"/training/bookings/{booking_token(booking.pk)}/")
        entry = AccessLogEntry.objects.get(object_type="training.booking")
        assert entry.object_id == str(booking.pk)
        assert entry.actor_label == "holder of a training booking link"
        assert "Sam" not in entry.why


class TestEvaluation:
    def test_an_attendee_rates_the_course_afterwards(self):
        booking = BookingFactory(status=BookingStatus.ATTENDED)
        token = booking_token(booking.pk)
        response = Client().post(
            f"/training/bookings/{token}/evaluate/after/",
            {"knowledge": "3", "confidence": "2", "feedback": "Useful"},
        )
        assert response.status_code == 302
        rating = Evaluation.objects.get()
        assert (rating.stage, rating.knowledge, rating.confidence) == ("after", 3, 2)

    def test_someone_who_did_not_attend_cannot_rate_the_course_afterwards(self):
        booking = BookingFactory(status=BookingStatus.NO_SHOW)
        token = booking_token(booking.pk)
        page = _page(
            Client().post(
                f"/training/bookings/{token}/evaluate/after/", {"knowledge": "3", "confidence": "2"}
            )
        )
        assert "once the register shows you attended" in page
        assert not Evaluation.objects.exists()

    def test_an_unknown_stage_is_not_found(self):
        token = booking_token(BookingFactory().pk)
        assert Client().get(f"/training/bookings/{token}/evaluate/during/").status_code == 404

    def test_the_certificate_is_a_pdf_for_an_attendee_only(self):
        yesterday = timezone.now() - dt.timedelta(days=1)
        attended = BookingFactory(status=BookingStatus.ATTENDED, session__starts_at=yesterday)
        response = Client().get(f"/training/bookings/{booking_token(attended.pk)}/certificate.pdf")
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        booked = BookingFactory()
        response = Client().get(f"/training/bookings/{booking_token(booked.pk)}/certificate.pdf")
        assert response.status_code == 302


class TestAdministration:
    def test_the_administrator_adds_a_course_and_a_session(self, admin):
        response = admin.post(
            "/training/admin/courses/new/",
            {"title": "Sepsis Masterclass", "kind": "event", "fee": "25"},
        )
        assert response.status_code == 302
        course = CourseFactory._meta.model.objects.get(title="Sepsis Masterclass")
        assert course.fee_pence == 2500 and course.kind == CourseKind.EVENT
        day = timezone.localdate() + dt.timedelta(days=30)
        response = admin.post(
            f"/training/admin/courses/{course.pk}/sessions/new/",
            {
                "date-day": day.day,
                "date-month": day.month,
                "date-year": day.year,
                "starts": "09:30",
                "ends": "16:00",
                "venue": "Civic Centre",
                "capacity": "120",
            },
        )
        assert response.status_code == 302
        assert course.sessions.get().capacity == 120

    def test_a_session_that_ends_before_it_starts_is_refused_against_the_end(self, admin):
        course = CourseFactory()
        day = timezone.localdate() + dt.timedelta(days=30)
        page = _page(
            admin.post(
                f"/training/admin/courses/{course.pk}/sessions/new/",
                {
                    "date-day": day.day,
                    "date-month": day.month,
                    "date-year": day.year,
                    "starts": "16:00",
                    "ends": "09:00",
                    "venue": "Civic Centre",
                    "capacity": "20",
                },
            )
        )
        assert "There is a problem" in page and "The session must end after it starts" in page

    def test_a_stale_course_edit_is_refused(self, admin):
        course = CourseFactory()
        form = {"title": "New title", "kind": "course", "fee": "0", "version": "0"}
        course.title = "Changed meanwhile"
        course.version += 1
        course.save()
        page = _page(admin.post(f"/training/admin/courses/{course.pk}/edit/", form))
        assert "There is a problem" in page
        course.refresh_from_db()
        assert course.title == "Changed meanwhile"

    def test_the_register_marks_attendance_and_is_logged(self, admin):
        session = SessionFactory(starts_at=timezone.now() - dt.timedelta(hours=2))
        came, missed = BookingFactory(session=session), BookingFactory(session=session)
        response = admin.post(
            f"/training/admin/sessions/{session.pk}/register/",
            {f"mark-{came.pk}": "attended", f"mark-{missed.pk}": "no_show"},
        )
        assert response.status_code == 302
        assert {b.pk: b.status for b in Booking.objects.all()} == {
            came.pk: "attended",
            missed.pk: "no_show",
        }
        admin.get(f"/training/admin/sessions/{session.pk}/register/")
        assert AccessLogEntry.objects.filter(object_type="training.booking").exists()

    def test_an_invoice_is_marked_paid_and_a_future_date_is_refused(self, admin):
        invoice = InvoiceFactory()
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        page = _page(
            admin.post(
                f"/training/admin/invoices/{invoice.pk}/paid/",
                {
                    "paid_on-day": tomorrow.day,
                    "paid_on-month": tomorrow.month,
                    "paid_on-year": tomorrow.year,
                },
            )
        )
        assert "There is a problem" in page
        today = timezone.localdate()
        response = admin.post(
            f"/training/admin/invoices/{invoice.pk}/paid/",
            {"paid_on-day": today.day, "paid_on-month": today.month, "paid_on-year": today.year},
        )
        assert response.status_code == 302
        invoice.refresh_from_db()
        assert (invoice.status, invoice.paid_on) == (InvoiceStatus.PAID, today)

    def test_a_bad_csv_is_refused_with_each_problem_by_row_and_column(self, admin):
        CourseFactory(title="Introduction to Safeguarding eLearning", kind="elearning")
        content = (
            b"course,person,agency,completed date\n"
            b"Introduction to Safeguarding eLearning,Jo Bloggs,Hillingdon CCG,2018-01-05\n"
            b"Introduction to Safeguarding eLearning,Ann,Hillingdon CCG,31/01/2018\n"
        )
        upload = SimpleUploadedFile("completions.csv", content, content_type="text/csv")
        page = _page(admin.post("/training/admin/elearning/", {"file": upload}))
        assert "Nothing was imported" in page
        assert "Row 3, column 'completed date'" in page
        assert not ELearningCompletion.objects.exists()


class TestReport:
    def test_the_report_shows_the_places_table_for_the_period_asked(self, make_user, sign_in):
        officer = sign_in(make_user(Role.PARTNERSHIP_OFFICER))
        session = SessionFactory(
            course__title="Missing Children from Home/Care",
            starts_at=timezone.make_aware(dt.datetime(2017, 6, 1, 9)),
            capacity=60,
        )
        BookingFactory.create_batch(3, session=session, status=BookingStatus.ATTENDED)
        BookingFactory(session=session, status=BookingStatus.NO_SHOW)
        period = "start-day=1&start-month=4&start-year=2017&end-day=31&end-month=3&end-year=2018"
        page = _page(officer.get(f"/training/reports/?{period}"))
        assert "Missing Children from Home/Care" in page
        assert "Direct delivery training subtotal" in page
        assert "<svg" in page  # the chart, beside its data table

    def test_the_csv_escapes_a_title_a_spreadsheet_would_run(self, make_user, sign_in):
        officer = sign_in(make_user(Role.ANALYST))
        session = SessionFactory(
            course__title="=HYPERLINK(1)", starts_at=timezone.now() - dt.timedelta(days=1)
        )
        BookingFactory(session=session, status=BookingStatus.ATTENDED)
        text = officer.get("/training/reports/places.csv").content.decode()
        assert "'=HYPERLINK(1),1," in text

    def test_a_period_that_ends_before_it_starts_is_an_error(self, make_user, sign_in):
        officer = sign_in(make_user(Role.BOARD_MEMBER))
        period = "start-day=1&start-month=4&start-year=2018&end-day=1&end-month=4&end-year=2017"
        page = _page(officer.get(f"/training/reports/?{period}"))
        assert "The end of the period must be after its start" in page

    def test_an_unknown_table_is_not_found(self, make_user, sign_in):
        officer = sign_in(make_user(Role.ANALYST))
        assert officer.get("/training/reports/people.csv").status_code == 404
