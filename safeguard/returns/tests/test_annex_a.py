import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from safeguard.core.models import AccessLogEntry
from safeguard.mash.tests.factories import NotificationFactory
from safeguard.returns.annex_a.lists import (
    ABSENT_EPISODES,
    LISTS,
    MISSING_EPISODES,
    RHI_ACCEPTED,
    RHI_OFFERED,
)
from safeguard.returns.errors import ReturnInvalid
from safeguard.returns.indicators import indicator_values
from safeguard.returns.models import AnnexARow, ReturnChild, ReturnKind, StatutoryReturn
from safeguard.returns.services.exports import annex_a_export
from safeguard.returns.services.imports import ReturnFile, return_import
from safeguard.returns.testing import sample_census, sample_files


@pytest.fixture
def exported(analyst):
    return_import(actor=analyst, collection_year=2017, files=sample_files())
    return_import(actor=analyst, collection_year=2017, files=[sample_census()])
    child = ReturnChild.objects.get(child_ref="C2001")
    NotificationFactory(child=child.person, received_at=dt.datetime(2018, 1, 5, tzinfo=dt.UTC))
    return annex_a_export(actor=analyst, collection_year=2017)


def _sheets(content):
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_annex_a_has_ofsteds_eleven_lists_from_the_mash_and_the_journey(exported, analyst):
    name, content = exported
    assert name == "annex-a-2018-03-31.xlsx"
    sheets = _sheets(content)
    assert list(sheets) == [f"List {n}" for n in range(1, 12)]
    contact = dict(zip(sheets["List 1"][0], sheets["List 1"][1], strict=True))
    assert contact["Child Unique ID"] == "C2001"  # the council's identifier
    assert contact["Gender"] == "a) Male" and contact["Ethnicity"] == "a) WBRI"
    assert contact["Date of Contact"].date() == dt.date(2018, 1, 5)
    assert len(sheets["List 3"]) == 1  # both referrals were before the six months
    assessment = dict(zip(sheets["List 4"][0], sheets["List 4"][1], strict=True))
    assert assessment["Child Unique ID"] == "C2002"  # authorised in December
    support = "Was the child assessed as requiring LA children's social care support?"
    assert assessment[support] == "a) Yes"  # a child in need plan followed
    plan = dict(zip(sheets["List 7"][0], sheets["List 7"][1], strict=True))
    assert plan["Initial Category of Abuse"] == "a) Neglect"
    assert plan["Number of Previous Child Protection Plans"] == 1
    in_care = [dict(zip(sheets["List 8"][0], r, strict=True)) for r in sheets["List 8"][1:]]
    assert [r["Child Unique ID"] for r in in_care] == ["C1001", "C1002"]
    assert in_care[1]["Reason Ceased to be Looked After"].endswith(") E4A")
    assert len(sheets["List 9"]) == 1  # headers only: care leavers are not held yet
    logged = AccessLogEntry.objects.get(object_type="returns.annex_a")
    # Every child of the year's returns and of the contacts: more than the lists name, never less.
    assert logged.subjects.count() == 4


def test_an_exported_annex_a_imports_and_again_changes_nothing(exported, analyst):
    name, content = exported
    first = return_import(actor=analyst, collection_year=2017, files=[ReturnFile(name, content)])
    assert first.kind == ReturnKind.ANNEX_A
    assert first.counts == {"list_1": 1, "list_4": 1, "list_6": 2, "list_7": 1, "list_8": 2}
    assert AnnexARow.objects.count() == 7
    again = return_import(actor=analyst, collection_year=2017, files=[ReturnFile(name, content)])
    assert again.unchanged


def _workbook(rows_by_sheet):
    book = Workbook()
    book.remove(book.active)
    for title, rows in rows_by_sheet.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return ReturnFile("annex.xlsx", out.getvalue())


def _errors(analyst, file):
    with pytest.raises(ReturnInvalid) as raised:
        return_import(actor=analyst, collection_year=2017, files=[file])
    assert not StatutoryReturn.objects.filter(kind=ReturnKind.ANNEX_A).exists()
    return [str(e) for e in raised.value.errors]


def test_a_bad_label_or_date_is_named_by_sheet_row_and_column(analyst):
    header = [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Date of Contact",
        "Contact Source",
    ]
    row = ["C1", "Boy", "a) WBRI", "31/02/2010", 7, dt.date(2018, 1, 5), "q) 6: Police"]
    errors = _errors(analyst, _workbook({"List 1": [header, row]}))
    assert errors == [
        "annex.xlsx, List 1, row 2, Date of Birth: Enter a real date",
        "annex.xlsx, List 1, row 2, Gender: 'Boy' is not one of Ofsted's labels for this column",
    ]


def test_a_missing_column_or_a_file_of_the_wrong_kind_is_refused(analyst):
    errors = _errors(analyst, _workbook({"List 1": [["Child Unique ID", "Gender"]]}))
    assert errors[0].startswith("annex.xlsx, List 1, row 1, Ethnicity, Date of Birth")
    assert _errors(analyst, _workbook({"Sheet": [["x"]]})) == [
        "annex.xlsx: This is not an Annex A workbook: no sheet is named List 1"
    ]
    broken = ReturnFile("annex.xlsx", b"PK\x03\x04 not really a zip")
    assert _errors(analyst, broken) == ["annex.xlsx: The file is not an Excel workbook"]


def test_return_interviews_are_counted_from_list_8(analyst):
    columns = LISTS[8].columns

    def child(ref, missing, offered, accepted):
        row = dict.fromkeys(columns)
        row |= {"Child Unique ID": ref, MISSING_EPISODES: missing, ABSENT_EPISODES: 0}
        row |= {RHI_OFFERED: offered, RHI_ACCEPTED: accepted}
        return [row[c] for c in columns]

    rows = [
        list(columns),
        child("C1", 2, "a) Yes", "a) Yes"),
        child("C2", 1, "a) Yes", "b) No"),
        child("C3", 3, "b) No", None),
        child("C4", 0, None, None),  # never missing: not counted
    ]
    return_import(actor=analyst, collection_year=2017, files=[_workbook({"List 8": rows})])
    values = {v.code: v for v in indicator_values(collection_year=2017)}
    offered, accepted = values["CLA_RHI_OFFERED"], values["CLA_RHI_ACCEPTED"]
    assert (offered.numerator, offered.denominator) == (2, 3)
    assert (accepted.numerator, accepted.denominator) == (1, 2)


def test_an_unborn_child_has_no_age_on_list_1_and_a_born_one_does():
    from safeguard.returns.annex_a.writer import _Children

    lists_date = dt.date(2027, 3, 31)
    children = _Children(lists_date, [])
    assert children.lead("A", "U", "", dt.date(2027, 5, 15))["Age of Child (Years)"] is None
    assert children.lead("B", "F", "", dt.date(2019, 12, 1))["Age of Child (Years)"] == 7
