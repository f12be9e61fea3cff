import pytest

from safeguard.core.actors import Actor
from safeguard.partners.roles import Role
from safeguard.training.selectors import invoices
from safeguard.training.tests.factories import InvoiceFactory

pytestmark = pytest.mark.django_db


def test_invoices_list_unpaid_first_as_the_page_says(make_user):
    paid = InvoiceFactory(status="paid")
    cancelled = InvoiceFactory(status="cancelled")
    unpaid = InvoiceFactory(status="unpaid")
    actor = Actor.for_user(make_user(Role.TRAINING_ADMINISTRATOR))
    listed = [i.pk for i in invoices(actor=actor, page_number=None).object_list]
    assert listed[0] == unpaid.pk
    assert set(listed[1:]) == {paid.pk, cancelled.pk}
