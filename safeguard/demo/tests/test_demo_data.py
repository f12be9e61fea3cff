import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import call_command

from safeguard.demo import calibration as cal
from safeguard.demo.generator import BoroughGenerator
from safeguard.demo.identities import nhs_numbers_in_test_range, upns
from safeguard.governance.models import BudgetLine
from safeguard.mash.models import (
    Decision,
    InformationAnswer,
    InformationRequest,
    Notification,
    NotificationChild,
    NotificationConcern,
)
from safeguard.partners.models import Agency, User
from safeguard.partners.roles import Role
from safeguard.people.identifiers import clean_nhs_number, clean_upn
from safeguard.people.models import Address, Person, PersonName
from safeguard.returns.models import StatutoryReturn

pytestmark = pytest.mark.django_db

SCALE = 0.01  # 800 children: enough to see the shape, quick enough for every run


def _snapshot() -> list[tuple]:
    return list(
        PersonName.objects.order_by("person_id", "kind", "given_name").values_list(
            "person_id", "given_name", "family_name", "person__date_of_birth", "person__nhs_number"
        )
    )


def _empty() -> None:
    from django.db import connection

    with connection.cursor() as cursor:  # the MASH's timeline refuses deletes in the ORM
        for table in ("mash_notificationevent", "mash_addendum"):
            cursor.execute(f"DELETE FROM {table}")
    for model in (
        Decision,
        InformationAnswer,
        InformationRequest,
        NotificationConcern,
        NotificationChild,
        Notification,
        StatutoryReturn,
        BudgetLine,
        Person,
        Address,
    ):
        model._base_manager.all().delete()


def test_the_same_seed_makes_the_same_borough():
    BoroughGenerator(scale=SCALE, seed=7, progress=False).run()
    first = _snapshot()
    _empty()
    BoroughGenerator(scale=SCALE, seed=7, progress=False).run()
    assert _snapshot() == first


def test_a_different_seed_makes_different_people():
    BoroughGenerator(scale=SCALE, seed=7, progress=False).run()
    first = _snapshot()
    _empty()
    BoroughGenerator(scale=SCALE, seed=8, progress=False).run()
    assert _snapshot() != first


def test_the_borough_has_the_calibrated_number_of_children_and_families():
    summary = BoroughGenerator(scale=SCALE, seed=1, progress=False).run()
    assert summary.children == Person.objects.filter(kind="child").count() == 800
    assert summary.adults == Person.objects.filter(kind="adult").count() > 400
    wards = set(Address.objects.values_list("ward", flat=True))
    assert wards <= set(cal.WARDS) and len(wards) > 15


def test_agencies_and_one_user_per_role_are_made_as_the_report_names_them():
    BoroughGenerator(scale=0.001, seed=1, progress=False).run()
    assert set(Agency.objects.values_list("name", flat=True)) == {a.name for a in cal.AGENCIES}
    # One account per role signs in; the partners' safeguarding leads who wrote the yearly
    # report's contributions cannot (no usable password).
    sign_ins = User.objects.exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    roles = Counter(sign_ins.values_list("role_grants__role", flat=True))
    assert set(roles) == {u.role for u in cal.DEMO_USERS} and set(roles.values()) == {1}
    assert all(User.objects.values_list("is_demo_account", flat=True))
    leads = User.objects.filter(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    assert set(leads.values_list("role_grants__role", flat=True)) == {
        Role.PARTNER_INFORMATION_OFFICER
    }


def test_every_identifier_passes_its_check():
    BoroughGenerator(scale=SCALE, seed=1, progress=False).run()
    for nhs in Person.objects.exclude(nhs_number=None).values_list("nhs_number", flat=True):
        assert clean_nhs_number(nhs).startswith("999")
    for upn in Person.objects.exclude(upn=None).values_list("upn", flat=True):
        assert clean_upn(upn) == upn


def test_children_are_under_eighteen_on_the_reference_date():
    BoroughGenerator(scale=SCALE, seed=1, progress=False).run()
    reference = dt.date(*cal.REFERENCE_DATE)
    oldest = Person.objects.filter(kind="child").order_by("date_of_birth").first()
    assert (reference - oldest.date_of_birth).days < 18 * 365.25


def test_identifier_ranges_are_unique():
    assert (
        len(set(n for n, _ in zip(nhs_numbers_in_test_range(0), range(5000), strict=False))) == 5000
    )
    assert len(set(u for u, _ in zip(upns("312", 0), range(5000), strict=False))) == 5000


def test_the_command_loads_only_into_an_empty_index(capsys):
    call_command("demo_data", "--scale", "0.001", "--quiet")
    count = Person.objects.count()
    call_command("demo_data", "--scale", "0.001", "--quiet", "--if-empty")
    assert Person.objects.count() == count
    assert "already loaded" in capsys.readouterr().out


def test_sign_ins_are_printed_with_the_address(capsys):
    call_command("demo_sign_ins", "--url", "http://127.0.0.1:8000/")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out and cal.DEMO_PASSWORD in out
    assert all(u.email in out for u in cal.DEMO_USERS)


def test_three_years_of_mash_activity_are_made():
    from safeguard.demo import calibration as cal

    BoroughGenerator(scale=SCALE, seed=1, progress=False).run()
    expected = round(cal.MASH_NOTIFICATIONS_PER_YEAR * cal.MASH_YEARS * SCALE)
    historic = Notification.objects.filter(received_at__year__lte=cal.REFERENCE_DATE[0])
    assert historic.count() == expected
    assert Decision.objects.count() == expected
    assert Notification.objects.filter(status="decided").count() == expected
    assert Notification.objects.exclude(status="decided").exists()  # the open queue
    assert InformationAnswer.objects.count() > 0
