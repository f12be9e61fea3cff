import datetime as dt

import pytest

from safeguard.core.errors import DomainError
from safeguard.core.models import AccessLogEntry
from safeguard.core.policy import PermissionDenied
from safeguard.partners.roles import Role
from safeguard.people.identifiers import upn_check_letter
from safeguard.people.models import AgencyIdentifier, MatchKey, MatchProfile, Person
from safeguard.people.tests.factories import PersonFactory
from safeguard.returns.errors import ReturnInvalid
from safeguard.returns.models import (
    CareEpisode,
    CareLeaver,
    CareReview,
    HealthOutcome,
    LinkStatus,
    MissingEpisode,
    ReturnChild,
    StatutoryReturn,
)
from safeguard.returns.services.exports import return_export
from safeguard.returns.services.imports import ReturnFile, return_import
from safeguard.returns.services.linking import CHILD_ID_SCHEME
from safeguard.returns.testing import csv_file, sample_files, sample_tables


def _import(actor, tables=None, *, year=2017, dry_run=False):
    return return_import(
        actor=actor, collection_year=year, files=sample_files(tables), dry_run=dry_run
    )


def _errors(actor, tables, *, year=2017):
    with pytest.raises(ReturnInvalid) as raised:
        _import(actor, tables, year=year)
    assert not StatutoryReturn.objects.exists()
    assert not ReturnChild.objects.exists()
    return [(e.file, e.row, e.field) for e in raised.value.errors], raised.value.errors


def test_a_valid_return_writes_the_journey_and_links_new_children(analyst, council):
    outcome = _import(analyst)
    imported = outcome.statutory_return
    assert imported.is_current and imported.collection_year == 2017
    assert outcome.counts == {"header": 2, "episodes": 3, "missing": 1, "uasc": 1, "oc2": 1}
    assert CareEpisode.objects.count() == 3
    assert MissingEpisode.objects.get().kind == "M"
    assert HealthOutcome.objects.get().health_assessment is True
    uasc = ReturnChild.objects.get(child_ref="C1002")
    assert uasc.was_uasc and uasc.uasc_ceased is None and uasc.sex == "F"
    assert set(ReturnChild.objects.values_list("link_status", flat=True)) == {LinkStatus.CREATED}
    assert AgencyIdentifier.objects.filter(agency=council, scheme=CHILD_ID_SCHEME).count() == 2
    entry = AccessLogEntry.objects.get(object_id=str(imported.pk))
    assert entry.subjects.count() == 2


def test_the_same_return_again_changes_nothing_even_in_another_row_order(analyst):
    _import(analyst)
    tables = sample_tables()
    tables["episodes"].reverse()
    again = _import(analyst, tables)
    assert again.unchanged and again.statutory_return is None
    assert StatutoryReturn.objects.count() == 1
    assert Person.objects.count() == 2


def test_a_corrected_return_replaces_the_earlier_and_shows_the_difference(analyst):
    first = _import(analyst).statutory_return
    tables = sample_tables()
    tables["episodes"][2]["PLACE"] = "U6"
    del tables["missing"][0]
    corrected = _import(analyst, tables)
    assert corrected.replaces == first
    assert corrected.changes == {
        "episodes": {"added": 0, "removed": 0, "changed": 1},
        "missing": {"added": 0, "removed": 1, "changed": 0},
    }
    first.refresh_from_db()
    assert not first.is_current and corrected.statutory_return.is_current
    # The children keep their people: the second import links them by the council's identifier.
    assert Person.objects.count() == 2
    linked = ReturnChild.objects.filter(statutory_return=corrected.statutory_return)
    assert {c.link_status for c in linked} == {LinkStatus.LINKED}


def test_a_dry_run_reports_the_difference_and_writes_nothing(analyst):
    _import(analyst)
    tables = sample_tables()
    tables["header"][0]["ETHNIC"] = "WOTH"
    outcome = _import(analyst, tables, dry_run=True)
    assert outcome.statutory_return is None
    assert outcome.changes == {"header": {"added": 0, "removed": 0, "changed": 1}}
    assert StatutoryReturn.objects.count() == 1


def test_a_upn_on_someone_with_another_birthday_goes_to_review_not_merged(analyst, council):
    PersonFactory(upn=_valid_upn(), date_of_birth=dt.date(2010, 1, 1))
    tables = sample_tables()
    tables["header"][0]["UPN"] = _valid_upn()
    _import(analyst, tables)
    child = ReturnChild.objects.get(child_ref="C1001")
    assert child.link_status == LinkStatus.REVIEW and child.person is None


def _valid_upn() -> str:
    digits = "312000000001"
    return upn_check_letter(digits) + digits


def test_children_without_a_upn_are_not_linked_by_the_code_given_instead(analyst):
    tables = sample_tables()
    tables["header"][1]["UPN"] = tables["header"][0]["UPN"]  # both UN4
    _import(analyst, tables)
    assert list(Person.objects.values_list("upn", flat=True)) == [None, None]
    assert Person.objects.count() == 2


def test_a_upn_with_the_same_birthday_matches_the_person(analyst):
    person = PersonFactory(upn=_valid_upn(), date_of_birth=dt.date(2006, 5, 4))
    tables = sample_tables()
    tables["header"][0]["UPN"] = _valid_upn()
    _import(analyst, tables)
    child = ReturnChild.objects.get(child_ref="C1001")
    assert (child.link_status, child.person_id) == (LinkStatus.MATCHED, person.pk)


def test_children_a_return_records_can_be_found_by_the_matcher(analyst):
    _import(analyst, sample_tables())
    people = set(Person.objects.values_list("pk", flat=True))
    assert len(people) == 2
    assert set(MatchProfile.objects.values_list("person_id", flat=True)) == people
    assert set(MatchKey.objects.values_list("person_id", flat=True)) == people


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "message"),
    [
        ("episodes", 0, "DECOM", "31/02/2017", "Enter a real date as DD/MM/YYYY"),
        ("episodes", 0, "LS", "Q9", "'Q9' is not one of the legal status codes for 2017-18"),
        ("episodes", 1, "PLACE", "K3", "'K3' is not one of the placement type codes for 2017-18"),
        ("header", 0, "SEX", "", "This field is required"),
        ("oc2", 0, "SDQ_SCORE", "41", "Enter a whole number from 0 to 40"),
        ("header", 1, "UPN", "X12", "UPN must be a letter"),
    ],
)
def test_a_bad_field_is_named_by_file_row_and_column(analyst, table, row, column, value, message):
    tables = sample_tables()
    tables[table][row][column] = value
    places, errors = _errors(analyst, tables)
    assert places == [(f"{table}.csv", row + 2, column)]
    assert errors[0].message.startswith(message)


def test_a_code_is_checked_against_its_own_years_list(analyst):
    tables = sample_tables()
    tables["episodes"][1]["PLACE"] = "K3"
    for rows in tables.values():
        for row in rows:
            for column, value in row.items():
                if value.endswith("/2017") or value.endswith("/2018"):
                    row[column] = value[:-4] + str(int(value[-4:]) + 7)
    assert _import(analyst, tables, year=2024).statutory_return is not None


def test_impossible_dates_are_refused(analyst):
    tables = sample_tables()
    tables["episodes"][2]["DEC"] = "01/04/2017"  # before its start
    tables["episodes"][0]["DECOM"] = "01/06/2005"  # before the child's birth
    tables["missing"][0]["MIS_END"] = "01/10/2017"  # back before going
    tables["episodes"][1]["DEC"] = "02/04/2018"  # after the year
    places, _ = _errors(analyst, tables)
    assert places == [
        ("episodes.csv", 2, "DECOM"),
        ("episodes.csv", 3, "DEC"),
        ("episodes.csv", 4, "DEC"),
        ("missing.csv", 2, "MIS_END"),
    ]


def test_duplicate_keys_and_unknown_children_are_refused(analyst):
    tables = sample_tables()
    tables["missing"].append(dict(tables["missing"][0]))
    tables["oc2"][0]["CHILD"] = "C9999"
    places, _ = _errors(analyst, tables)
    assert places == [
        ("missing.csv", 2, "CHILD, MIS_START"),
        ("missing.csv", 3, "CHILD, MIS_START"),
        ("oc2.csv", 2, "CHILD"),
    ]


def test_a_missing_column_and_a_file_of_the_wrong_kind_are_named(analyst):
    files = sample_files()
    files[1] = csv_file("episodes", [])
    files[1] = type(files[1])("episodes.csv", files[1].content.replace(b",LS,", b","))
    files.append(type(files[0])("notes.csv", b"name,comment\nA,B\n"))
    with pytest.raises(ReturnInvalid) as raised:
        return_import(actor=analyst, collection_year=2017, files=files)
    assert [(e.file, e.row, e.field) for e in raised.value.errors] == [
        ("episodes.csv", 1, "LS"),
        ("notes.csv", 1, ""),
    ]
    assert "not an SSDA903 table" in raised.value.errors[1].message


def test_a_return_without_its_header_is_refused(analyst):
    tables = sample_tables()
    del tables["header"]
    places, _ = _errors(analyst, tables)
    assert places == [("header.csv", 0, "")]


def test_only_the_councils_analysts_can_import(council, agency, make_user, actor_for):
    police_analyst = actor_for(make_user(Role.ANALYST, agency=agency))
    with pytest.raises(DomainError):
        _import(police_analyst)
    officer = actor_for(make_user(Role.PARTNERSHIP_OFFICER, agency=council))
    with pytest.raises(PermissionDenied):
        _import(officer)
    assert not StatutoryReturn.objects.exists()


def test_the_later_tables_import_and_export_unchanged(analyst):
    tables = sample_tables()
    tables["reviews"] = [
        {"CHILD": "C1001", "DOB": "04/05/2006", "REVIEW": "01/07/2017", "REVIEW_CODE": "PN1"}
    ]
    tables["oc3"] = [
        {"CHILD": "C1002", "DOB": "11/12/2002", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "D1"}
    ]
    tables["ad1"] = [
        {
            "CHILD": "C1001",
            "DOB": "04/05/2006",
            "DATE_INT": "01/09/2017",
            "DATE_MATCH": "01/12/2017",
            "FOSTER_CARE": "0",
            "NB_ADOPTR": "2",
            "SEX_ADOPTR": "MF",
            "LS_ADOPTR": "L11",
        }
    ]
    tables["placed_for_adoption"] = [
        {"CHILD": "C1001", "DOB": "04/05/2006", "DATE_PLACED": "02/01/2018"}
    ]
    tables["previous_permanence"] = [
        {"CHILD": "C1002", "DOB": "11/12/2002", "PREV_PERM": "Z1", "DATE_PERM": "zz/05/2010"}
    ]
    outcome = _import(analyst, tables)
    assert outcome.counts["reviews"] == 1 and outcome.counts["previous_permanence"] == 1
    assert CareReview.objects.get().participation == "PN1"
    assert CareLeaver.objects.get().accommodation == "D1"
    exported = return_export(actor=analyst, collection_year=2017)
    assert (
        "previous_permanence.csv" in exported
        and "zz/05/2010" in exported["previous_permanence.csv"]
    )
    files = [ReturnFile(name, text.encode()) for name, text in exported.items()]
    assert return_import(actor=analyst, collection_year=2017, files=files).unchanged


def test_a_later_tables_unknown_code_is_named(analyst):
    tables = sample_tables()
    tables["oc3"] = [{"CHILD": "C1002", "DOB": "11/12/2002", "IN_TOUCH": "MAYBE"}]
    found, _ = _errors(analyst, tables)
    assert ("oc3.csv", 2, "IN_TOUCH") in found
