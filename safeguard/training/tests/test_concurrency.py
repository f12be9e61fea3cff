"""Two people confirm the last place at the same moment, on PostgreSQL's real row locks."""

import contextlib
import threading

import pytest
from django.db import connection

from safeguard.training.models import Booking, BookingStatus
from safeguard.training.services import bookings
from safeguard.training.services.bookings import booking_confirm
from safeguard.training.tests.factories import BookingFactory, SessionFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_confirmations_of_the_last_place_one_wins_and_the_other_waits(monkeypatch):
    session = SessionFactory(capacity=1)
    made = [BookingFactory(session=session, status=BookingStatus.UNCONFIRMED) for _ in (1, 2)]
    # Each booking pauses after counting the places taken until the other has counted too.
    # With the session row locked, the second cannot count until the first has committed, so
    # the pause times out; without the lock both would count 0 and both would get the place.
    meet = threading.Barrier(2)
    count = bookings._places_taken

    def slow_count(locked_session):
        taken = count(locked_session)
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait(timeout=2)
        return taken

    monkeypatch.setattr(bookings, "_places_taken", slow_count)
    errors: list[BaseException] = []

    def book(n: int) -> None:
        try:
            booking_confirm(booking_id=made[n - 1].pk)
        except BaseException as error:  # reported below, on the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    statuses = sorted(Booking.objects.values_list("status", flat=True))
    assert statuses == [BookingStatus.BOOKED, BookingStatus.WAITING]
