import datetime as dt

import pytest

from safeguard.mash.models import ChildCandidate
from safeguard.mash.services.candidates import open_children_candidates_find
from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

AVA = {"given_name": "Ava", "family_name": "Patel", "date_of_birth": dt.date(2015, 6, 1)}


def test_candidates_are_found_across_the_mash_index_when_a_child_is_added(police, other_agency):
    # Recorded by an agency the referrer cannot see: the MASH must still be offered it.
    elsewhere = PersonFactory(recorded_by_agency=other_agency, **AVA)
    notification = notification_submit(actor=police, draft=draft())
    stored = ChildCandidate.objects.get(child__notification=notification)
    assert stored.person_id == elsewhere.pk
    assert stored.rank == 1 and stored.probability > 0.99
    assert ["date_of_birth", "exact"] in [c[:2] for c in stored.contributions]


def test_restricted_records_are_never_candidates(police):
    PersonFactory(is_restricted=True, **AVA)
    notification_submit(actor=police, draft=draft())
    assert not ChildCandidate.objects.exists()


def test_a_stranger_with_only_a_common_surname_is_not_kept(police):
    PersonFactory(given_name="Zoltan", family_name="Patel", date_of_birth=dt.date(1961, 2, 3))
    notification_submit(actor=police, draft=draft())
    assert not ChildCandidate.objects.exists()


def test_open_notifications_loaded_in_bulk_get_their_candidates_once(police):
    notification = notification_submit(actor=police, draft=draft())
    PersonFactory(**AVA)  # added after: the bulk pass finds it for the child with none
    assert open_children_candidates_find() == 1
    assert open_children_candidates_find() == 0
    assert ChildCandidate.objects.filter(child__notification=notification).count() == 1
