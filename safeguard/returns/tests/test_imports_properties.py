"""Mutated returns either import whole or are refused whole: never half-written, never a crash."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguard.partners.roles import Role
from safeguard.returns.errors import ReturnInvalid
from safeguard.returns.models import (
    CareEpisode,
    ChildInNeedEpisode,
    ReturnChild,
    StatutoryReturn,
)
from safeguard.returns.services.imports import ReturnFile, return_import
from safeguard.returns.testing import sample_census, sample_files, sample_tables

TABLE_NAMES = sorted(sample_tables())

cells = st.one_of(
    st.just(""),
    st.text(max_size=12),
    st.sampled_from(["31/02/2017", "01/01/1900", "99", "N9", "K3", "X1", "M", "1", "C1001"]),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)


@st.composite
def mutated_files(draw):
    tables = sample_tables()
    for _ in range(draw(st.integers(1, 3))):
        rows = tables[draw(st.sampled_from(TABLE_NAMES))]
        if rows:
            row = draw(st.sampled_from(rows))
            row[draw(st.sampled_from(sorted(row)))] = draw(cells)
    files = sample_files(tables)
    if draw(st.booleans()):
        # Damage one file's bytes: a cut, or bytes that are not text.
        at = draw(st.integers(0, len(files) - 1))
        content = files[at].content
        cut = draw(st.integers(0, len(content)))
        tail = draw(st.sampled_from([b"", b"\xff\xfe\x00", b'"unclosed', b"\n,,,\n"]))
        files[at] = ReturnFile(files[at].name, content[:cut] + tail)
    return files


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(files=mutated_files())
def test_a_mutated_return_imports_whole_or_not_at_all(council, make_user, actor_for, files):
    analyst = actor_for(make_user(Role.ANALYST, agency=council))
    with transaction.atomic():
        try:
            outcome = return_import(actor=analyst, collection_year=2017, files=files)
        except ReturnInvalid as invalid:
            assert invalid.errors
            assert all(e.file and e.message for e in invalid.errors)
            assert not StatutoryReturn.objects.exists()
            assert not ReturnChild.objects.exists() and not CareEpisode.objects.exists()
        else:
            written = outcome.statutory_return
            assert (
                ReturnChild.objects.filter(statutory_return=written).count()
                == (outcome.counts["header"])
            )
            assert CareEpisode.objects.count() == outcome.counts.get("episodes", 0)
        transaction.set_rollback(True)


# Values a census element might wrongly hold, and the elements to put them in.
census_values = st.one_of(
    st.just(""),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(["2017-02-30", "2019-01-01", "1900-01-01", "RC9", "24A", "maybe", "99"]),
    st.dates().map(lambda d: d.isoformat()),
)
CENSUS_ELEMENTS = [
    "LAchildID",
    "PersonBirthDate",
    "GenderCurrent",
    "CINreferralDate",
    "ReferralSource",
    "CINclosureDate",
    "ReasonForClosure",
    "AssessmentFactors",
    "ICPCnotRequired",
    "CPPstartDate",
    "NumberOfPreviousCPP",
    "ReferralNFA",
]


@st.composite
def mutated_census(draw):
    text = sample_census().content.decode()
    for _ in range(draw(st.integers(1, 3))):
        element = draw(st.sampled_from(CENSUS_ELEMENTS))
        value = draw(census_values).replace("&", "&amp;").replace("<", "&lt;")
        opening = f"<{element}>"
        if opening in text:
            start = text.index(opening) + len(opening)
            text = text[:start] + value + text[text.index("</", start) :]
    content = text.encode()
    if draw(st.booleans()):
        content = content[: draw(st.integers(0, len(content)))]
    return ReturnFile("census.xml", content)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(census=mutated_census())
def test_a_mutated_census_imports_whole_or_not_at_all(council, make_user, actor_for, census):
    analyst = actor_for(make_user(Role.ANALYST, agency=council))
    with transaction.atomic():
        try:
            outcome = return_import(actor=analyst, collection_year=2017, files=[census])
        except ReturnInvalid as invalid:
            assert invalid.errors
            assert all(e.file and e.message for e in invalid.errors)
            assert not StatutoryReturn.objects.exists()
            assert not ReturnChild.objects.exists()
            assert not ChildInNeedEpisode.objects.exists()
        else:
            assert ReturnChild.objects.count() == outcome.counts["child"]
            assert ChildInNeedEpisode.objects.count() == outcome.counts["cin_details"]
        transaction.set_rollback(True)
