import pytest

from safeguard.core.pagination import paginate_counted
from safeguard.mash.models import Concern

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirty(db):
    Concern.objects.all().delete()
    Concern.objects.bulk_create(Concern(code=f"c{i:02d}", label=f"C {i}") for i in range(30))
    return Concern.objects.order_by("code").values_list("code")


def test_a_page_carries_its_total_from_the_same_query(thirty, django_assert_num_queries):
    with django_assert_num_queries(1):
        page, rows = paginate_counted(thirty, page_number="2", per_page=25)
    assert rows == [(f"c{i:02d}",) for i in range(25, 30)]
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 30, 2)
    assert page.has_previous() and not page.has_next()


@pytest.mark.parametrize("asked", [None, "", "abc", "-3", "0"])
def test_a_missing_or_malformed_page_number_is_the_first_page(thirty, asked):
    page, rows = paginate_counted(thirty, page_number=asked, per_page=25)
    assert page.number == 1 and len(rows) == 25 and page.paginator.count == 30


def test_a_page_past_the_end_is_the_last_page(thirty):
    page, rows = paginate_counted(thirty, page_number="9", per_page=25)
    assert page.number == 2 and rows == [(f"c{i:02d}",) for i in range(25, 30)]


def test_nothing_found_is_one_empty_page(thirty):
    page, rows = paginate_counted(thirty.filter(code="none"), page_number=None)
    assert rows == [] and page.paginator.count == 0 and page.number == 1
