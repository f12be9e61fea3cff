"""The public side of training under attack (issue 17, finding 2).

Booking had no throttle and emailed any address with text the booker chose; anyone could book
free by picking a partner agency; the register could be marked, and certificates released,
before the session ended; booking links never expired; and the booking page, which shows a
delegate's details, could be kept by a browser or proxy.
"""

import datetime as dt
import re
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory
from safeguard.training.links import booking_token
from safeguard.training.models import Booking, BookingStatus, InvoiceStatus
from safeguard.training.services.bookings import booking_confirm
from safeguard.training.tests.factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db

MEMBER = {
    "full_name": "Sam Carter",
    "email": "sam@littlestars.example",
    "organisation": "Little Stars Nursery",
    "role": "Nursery manager",
}


def _page(response) -> str:
    return unescape(response.content.decode())


def _book(session, client=None, **fields):
    client = client or Client(REMOTE_ADDR="198.51.100.20")
    return client.post(f"/training/sessions/{session.pk}/book/", {**MEMBER, **fields})


def _confirm_link(message) -> str:
    return re.search(r"https?://\S+/confirm/\S*", message.body).group(0).split("testserver")[-1]


class TestConfirmedBooking:
    def test_a_booking_holds_no_place_until_the_email_is_confirmed(
        self, django_capture_on_commit_callbacks
    ):
        session = SessionFactory(capacity=1)
        with django_capture_on_commit_callbacks(execute=True):
            _book(session, full_name="Visit http://spam.example now")
        booking = Booking.objects.get()
        assert booking.status == BookingStatus.UNCONFIRMED
        [message] = mail.outbox
        assert "spam.example" not in message.body  # nothing the booker typed is sent
        link = _confirm_link(message)
        client = Client()
        assert client.get(link).status_code == 200  # a button: a mail scanner confirms nothing
        booking.refresh_from_db()
        assert booking.status == BookingStatus.UNCONFIRMED
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(link)
        assert response.status_code == 302
        booking.refresh_from_db()
        assert booking.status == BookingStatus.BOOKED

    def test_an_unconfirmed_booking_lapses_and_frees_the_address(self):
        session = SessionFactory(capacity=1)
        _book(session)
        with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
            assert _book(session).status_code == 302
        assert Booking.objects.filter(status=BookingStatus.UNCONFIRMED).count() == 2

    def test_one_client_cannot_book_again_and_again(self, settings):
        session = SessionFactory(capacity=100)
        client = Client(REMOTE_ADDR="203.0.113.9")
        for n in range(settings.TRAINING_BOOKINGS_PER_CLIENT_HOUR):
            _book(session, client, email=f"victim{n}@example.org")
        page = _page(_book(session, client, email="one-more@example.org"))
        assert "Too many bookings" in page
        assert Booking.objects.count() == settings.TRAINING_BOOKINGS_PER_CLIENT_HOUR

    def test_one_address_is_not_emailed_again_and_again(self, settings):
        for n in range(settings.TRAINING_BOOKINGS_PER_EMAIL_HOUR + 1):
            _book(SessionFactory(), Client(REMOTE_ADDR=f"198.51.100.{n + 1}"))
        assert Booking.objects.count() == settings.TRAINING_BOOKINGS_PER_EMAIL_HOUR


class TestPartnerPricing:
    def test_claiming_a_partner_agency_with_another_address_is_charged_until_approved(
        self, make_user, sign_in
    ):
        police = AgencyFactory(name="Police", is_partner=True, email_domains="met.police.uk")
        session = SessionFactory()
        _book(session, agency=str(police.pk), organisation="", email="me@gmail.example")
        booking = Booking.objects.get()
        assert not booking.is_partner and booking.fee_pence == session.course.fee_pence
        assert booking.partner_claim_pending
        booking_confirm(booking_id=booking.pk)  # the address is confirmed: invoiced
        admin = sign_in(make_user(Role.TRAINING_ADMINISTRATOR))
        admin.post(f"/training/admin/bookings/{booking.pk}/partner/", {"decision": "approve"})
        booking.refresh_from_db()
        assert booking.is_partner and booking.fee_pence == 0
        assert booking.invoice.status == InvoiceStatus.CANCELLED

    def test_an_address_at_the_agencys_domain_books_free(self):
        police = AgencyFactory(name="Police", is_partner=True, email_domains="met.police.uk")
        _book(SessionFactory(), agency=str(police.pk), organisation="", email="pc@met.police.uk")
        booking = Booking.objects.get()
        assert booking.is_partner and booking.fee_pence == 0


class TestRegisterAndCertificates:
    def test_the_register_opens_at_the_start_of_the_session(self, make_user, sign_in):
        session = SessionFactory(starts_at=timezone.now() + dt.timedelta(hours=2))
        booking = BookingFactory(session=session)
        admin = sign_in(make_user(Role.TRAINING_ADMINISTRATOR))
        page = _page(admin.get(f"/training/admin/sessions/{session.pk}/register/"))
        assert f'name="mark-{booking.pk}"' not in page  # nothing to fill in and lose
        assert "The register opens when the session starts" in page
        admin.post(
            f"/training/admin/sessions/{session.pk}/register/",
            {f"mark-{booking.pk}": "attended"},
        )
        booking.refresh_from_db()
        assert booking.status == BookingStatus.BOOKED

    def test_a_certificate_waits_for_the_end_of_the_session(self):
        session = SessionFactory(
            starts_at=timezone.now() - dt.timedelta(hours=1),
            ends_at=timezone.now() + dt.timedelta(hours=2),
        )
        attended = BookingFactory(session=session, status=BookingStatus.ATTENDED)
        link = f"/training/bookings/{booking_token(attended.pk)}/certificate.pdf"
        assert Client().get(link).headers.get("Content-Type") != "application/pdf"
        with time_machine.travel(timezone.now() + dt.timedelta(hours=3)):
            assert Client().get(link).headers["Content-Type"] == "application/pdf"


class TestLinks:
    def test_a_booking_link_expires(self, settings):
        session = SessionFactory(
            starts_at=timezone.now() + dt.timedelta(days=1),
            ends_at=timezone.now() + dt.timedelta(days=1, hours=6),
        )
        token = booking_token(BookingFactory(session=session).pk)
        assert Client().get(f"/training/bookings/{token}/").status_code == 200
        later = timezone.now() + dt.timedelta(days=2 + settings.TRAINING_LINK_DAYS_AFTER)
        with time_machine.travel(later):
            assert Client().get(f"/training/bookings/{token}/").status_code == 404

    def test_the_booking_page_is_never_kept_by_a_browser_or_proxy(self):
        token = booking_token(BookingFactory().pk)
        response = Client().get(f"/training/bookings/{token}/")
        assert "no-store" in response.headers["Cache-Control"]


def test_a_partners_account_does_not_make_someone_elses_address_free(make_user, sign_in):
    police = AgencyFactory(name="Police", is_partner=True, email_domains="met.police.uk")
    officer = make_user(Role.PARTNER_PRACTITIONER, agency=police, email="pc@met.police.uk")
    _book(SessionFactory(), sign_in(officer), agency=str(police.pk), email="friend@gmail.example")
    booking = Booking.objects.get()
    assert not booking.is_partner and booking.partner_claim_pending
