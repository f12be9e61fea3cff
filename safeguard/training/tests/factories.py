import datetime as dt

import factory
from django.utils import timezone

from safeguard.training.models import Booking, BookingStatus, Course, Invoice, Session


class CourseFactory(factory.django.DjangoModelFactory[Course]):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Working Together {n}")
    level = "Level 3"
    fee_pence = 5000


class SessionFactory(factory.django.DjangoModelFactory[Session]):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=6))
    venue = "Civic Centre, Uxbridge"
    capacity = 2


class BookingFactory(factory.django.DjangoModelFactory[Booking]):
    """A booking made straight in the database, for sessions booking would now refuse."""

    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    full_name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    organisation = "Little Stars Nursery"
    role = "Manager"
    status = BookingStatus.BOOKED
    is_partner = False
    fee_pence = 5000
    booked_at = factory.LazyFunction(timezone.now)


class InvoiceFactory(factory.django.DjangoModelFactory[Invoice]):
    class Meta:
        model = Invoice

    booking = factory.SubFactory(BookingFactory)
    number = factory.Sequence(lambda n: f"INV-TEST-{n:05d}")
    amount_pence = 5000
    issued_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
