import datetime as dt

import pytest

from safeguard.returns.cin import writer
from safeguard.returns.errors import ReturnInvalid
from safeguard.returns.models import (
    Assessment,
    ChildInNeedEpisode,
    ProtectionPlan,
    ReturnChild,
    ReturnKind,
    Section47Enquiry,
    StatutoryReturn,
)
from safeguard.returns.services.imports import ReturnFile, return_import
from safeguard.returns.testing import sample_census, sample_files


def _import(actor, census=None, *, year=2017, dry_run=False):
    return return_import(
        actor=actor, collection_year=year, files=[census or sample_census()], dry_run=dry_run
    )


def _errors(actor, census, *, year=2017):
    with pytest.raises(ReturnInvalid) as raised:
        _import(actor, census, year=year)
    assert not StatutoryReturn.objects.exists()
    assert not ReturnChild.objects.exists()
    return {(e.path, e.field): e.message for e in raised.value.errors}


def test_a_census_writes_referrals_assessments_enquiries_and_plans(analyst):
    outcome = _import(analyst)
    assert outcome.kind == ReturnKind.CIN
    assert outcome.counts == {
        "child": 2,
        "cin_details": 2,
        "assessments": 2,
        "cin_plans": 1,
        "section47": 1,
        "cp_plans": 1,
    }
    first = ReturnChild.objects.get(child_ref="C2001")
    assert first.upn == "UN1" and first.sex == "M" and first.disabilities == ["NONE"]
    assert Assessment.objects.get(episode__child=first).factors == ["3A", "16A"]
    plan = ProtectionPlan.objects.get()
    assert (plan.initial_category, plan.previous_plans) == ("NEG", 1)
    assert plan.review_dates == ["2017-08-29"]
    assert Section47Enquiry.objects.get().icpc_date == dt.date(2017, 5, 30)
    closed = ChildInNeedEpisode.objects.get(child__child_ref="C2002")
    assert closed.closure_reason == "RC7" and closed.referral_nfa is False
    assert outcome.statutory_return.files[0]["lea"] == "999"


def test_the_same_census_again_changes_nothing(analyst):
    _import(analyst)
    again = _import(analyst)
    assert again.unchanged and StatutoryReturn.objects.count() == 1


def test_a_corrected_census_replaces_the_earlier_and_shows_the_difference(analyst):
    first = _import(analyst).statutory_return
    corrected = sample_census(replace={"<ReasonForClosure>RC7": "<ReasonForClosure>RC5"})
    outcome = _import(analyst, corrected)
    assert outcome.replaces == first
    assert outcome.changes == {"cin_details": {"added": 0, "removed": 0, "changed": 1}}
    first.refresh_from_db()
    assert not first.is_current


def test_a_dry_run_reports_and_writes_nothing(analyst):
    outcome = _import(analyst, dry_run=True)
    assert outcome.counts["child"] == 2 and outcome.statutory_return is None
    assert not StatutoryReturn.objects.exists()


def test_export_writes_xml_that_imports_back_with_no_difference(analyst):
    imported = _import(analyst).statutory_return
    rows = writer.table_rows(imported)
    xml = writer.census_xml(rows, year=2017, lea="999", made=dt.datetime(2018, 4, 20))
    StatutoryReturn.objects.filter(pk=imported.pk).update(content_hash="")
    again = _import(analyst, ReturnFile("again.xml", xml))
    assert again.changes == {}


@pytest.mark.parametrize(
    ("replace", "place", "message"),
    [
        (
            {"<ReferralSource>6<": "<ReferralSource>5D<"},
            ("Child 1 / CINdetails 1", "ReferralSource"),
            "'5D' is not one of the referral source codes for 2017-18",
        ),
        (
            {"<AssessmentFactors>3A<": "<AssessmentFactors>24A<"},
            ("Child 1 / CINdetails 1 / Assessments 1", "AssessmentFactors"),
            "'24A' is not one of the assessment factor codes for 2017-18",
        ),
        (
            {"<PersonBirthDate>2015-02-01": "<PersonBirthDate>2017-06-01"},
            ("Child 1 / CINdetails 1", "CINreferralDate"),
            "The referral is before the child's birth",
        ),
        (
            {"<CINPlanEndDate>2018-02-01": "<CINPlanEndDate>2017-11-01"},
            ("Child 2 / CINdetails 1 / CINPlanDates 1", "CINPlanEndDate"),
            "The plan ends before it starts",
        ),
        (
            {"<CINclosureDate>2018-02-01": "<CINclosureDate>2018-02-30"},
            ("Child 2 / CINdetails 1", "CINclosureDate"),
            "Enter a real date as YYYY-MM-DD",
        ),
        (
            {"<LAchildID>C2002": "<LAchildID>C2001"},
            ("Child 2", "LAchildID"),
            "Another child entry has the same LAchildID; each may appear only once",
        ),
        (
            {"<ReasonForClosure>RC7</ReasonForClosure>": ""},
            ("Child 2 / CINdetails 1", "ReasonForClosure"),
            "A closed case needs both its closure date and its reason",
        ),
        (
            {"<ReferralNFA>0": "<ReferralNFA>maybe"},
            ("Child 2 / CINdetails 1", "ReferralNFA"),
            "Enter true or false",
        ),
        (
            {"<CPPstartDate>2017-05-30": "<CPPstartDate>2018-05-30"},
            ("Child 1 / CINdetails 1 / ChildProtectionPlans 1", "CPPstartDate"),
            "This date is after the end of the 2017-18 census year",
        ),
    ],
)
def test_bad_census_content_is_named_by_path_and_field(analyst, replace, place, message):
    errors = _errors(analyst, sample_census(replace=replace))
    assert errors[place] == message


def test_the_gender_element_follows_the_census_year(analyst):
    census = sample_census(replace={"<Year>2018<": "<Year>2025<", "2018-03-31": "2025-03-31"})
    errors = _errors(analyst, census, year=2024)
    assert errors[("Child 1", "Sex")] == "This is required"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<Message><Header>", "The file is not well-formed XML (line 1)"),
        (
            b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><Message>&a;</Message>',
            "The file uses XML entities or a DTD, which are not allowed",
        ),
        (b"<Message><Header/></Message>", "This is not a CIN census XML file"),
    ],
)
def test_malformed_or_hostile_xml_is_refused_whole(analyst, content, message):
    errors = _errors(analyst, ReturnFile("census.xml", content))
    assert errors[("", "")] == message


def test_a_census_for_another_year_is_refused(analyst):
    errors = _errors(analyst, sample_census(), year=2018)
    assert errors[("Header / CollectionDetails", "Year")].startswith(
        "This file is for the census of 2018, not 2018-19"
    )


def test_a_census_cannot_be_imported_with_other_files(analyst):
    with pytest.raises(ReturnInvalid) as raised:
        return_import(actor=analyst, collection_year=2017, files=[sample_census(), *sample_files()])
    assert "on its own" in raised.value.errors[0].message
