import datetime as dt

import pytest

from safeguard.returns.indicators import INDICATORS, indicator_values
from safeguard.returns.services.imports import return_import
from safeguard.returns.testing import episode, sample_census, sample_files, sample_tables


def _values(analyst, tables, year=2017):
    return_import(actor=analyst, collection_year=year, files=sample_files(tables))
    return {v.code: v for v in indicator_values(collection_year=year)}


def test_the_sample_return_gives_its_indicators(analyst):
    values = _values(analyst, sample_tables())
    assert values["CLA_31MAR"].value == 1  # the other child went home in January
    assert (values["CLA_HEALTH"].numerator, values["CLA_HEALTH"].denominator) == (1, 1)
    assert values["CLA_HEALTH"].value == 100.0
    assert (values["CLA_3PLACE"].numerator, values["CLA_3PLACE"].denominator) == (0, 1)
    assert values["CLA_UASC"].value == 0
    assert values["CLA_MISSING"].value == 1


def test_a_third_placement_counts_but_a_temporary_one_does_not(analyst):
    tables = sample_tables()
    eps = tables["episodes"]
    eps[1].update(DEC="01/11/2017", REC="X1")
    eps.append(episode("C1001", "01/11/2017", "P", "C2", "T1", dec="05/11/2017", rec="X1"))
    eps.append(episode("C1001", "05/11/2017", "P", "C2", "U6"))
    values = _values(analyst, tables)
    assert values["CLA_3PLACE"].numerator == 1


def test_short_breaks_are_not_looked_after_at_31_march(analyst):
    tables = sample_tables()
    tables["episodes"][2].update(LS="V3", DEC="", REC="")
    assert _values(analyst, tables)["CLA_31MAR"].value == 1


def test_a_child_seeking_asylum_in_care_at_31_march_is_counted(analyst):
    tables = sample_tables()
    tables["episodes"][2].update(DEC="", REC="")
    values = _values(analyst, tables)
    assert (values["CLA_31MAR"].value, values["CLA_UASC"].value) == (2, 1)
    tables["uasc"][0]["DUC"] = "11/12/2020"  # ceases later: still counted
    assert _values(analyst, tables)["CLA_UASC"].value == 1
    tables["uasc"][0]["DUC"] = "01/03/2018"  # ceased before 31 March
    assert _values(analyst, tables)["CLA_UASC"].value == 0


def test_missing_incidents_count_those_that_began_in_the_year(analyst):
    tables = sample_tables()
    first = tables["missing"][0]
    tables["missing"].append(first | {"MISSING": "A", "MIS_START": "05/10/2017", "MIS_END": ""})
    tables["missing"].append(first | {"MIS_START": "20/03/2017", "MIS_END": "21/03/2017"})
    assert _values(analyst, tables)["CLA_MISSING"].value == 2


def test_a_year_without_a_return_has_no_values(db):
    values = indicator_values(collection_year=2015)
    assert [v.value for v in values] == [None] * len(INDICATORS)


def test_every_indicator_has_a_written_definition_and_a_source():
    for indicator in INDICATORS.values():
        assert len(indicator.definition) > 60, indicator.code
        assert indicator.source in ("ssda903", "cin", "annex_a"), indicator.code


def _census_values(analyst, census):
    return_import(actor=analyst, collection_year=2017, files=[census])
    return {v.code: v for v in indicator_values(collection_year=2017)}


def _pair(value):
    return value.numerator, value.denominator


def test_the_sample_census_gives_its_indicators(analyst):
    values = _census_values(analyst, sample_census())
    assert values["CIN_REFERRALS"].value == 2
    assert _pair(values["CIN_REREFERRALS"]) == (0, 2)
    # 2 May to 20 June is within 45 working days; 1 September to 1 December is not.
    assert _pair(values["CIN_ASSESS_45"]) == (1, 2)
    assert values["CIN_ASSESS_45"].value == 50.0
    # s47 from 10 May, conference on 30 May: 13 working days (29 May was a bank holiday).
    assert _pair(values["CIN_ICPC_15"]) == (1, 1)
    assert _pair(values["CP_NEG"]) == (1, 1) and _pair(values["CP_PHY"]) == (0, 1)
    assert _pair(values["CP_SECOND"]) == (1, 1)
    assert values["PRIVATE_FOSTERING"].value == 1


def test_a_referral_within_12_months_of_the_last_is_a_re_referral(analyst):
    earlier = (
        "<CINdetails><CINreferralDate>2017-04-20</CINreferralDate>"
        "<ReferralSource>8</ReferralSource><PrimaryNeedCode>N4</PrimaryNeedCode>"
        "<CINclosureDate>2017-05-01</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>"
        "<ReferralNFA>true</ReferralNFA></CINdetails>\n      <CINdetails>\n"
        "        <CINreferralDate>2017-09-01"
    )
    census = sample_census(replace={"<CINdetails>\n        <CINreferralDate>2017-09-01": earlier})
    values = _census_values(analyst, census)
    assert _pair(values["CIN_REREFERRALS"]) == (1, 3)


def test_an_icpc_after_15_working_days_is_late(analyst):
    census = sample_census(
        replace={
            "<DateOfInitialCPC>2017-05-30</DateOfInitialCPC><ICPC": (
                "<DateOfInitialCPC>2017-06-02</DateOfInitialCPC><ICPC"
            )
        }
    )
    assert _pair(_census_values(analyst, census)["CIN_ICPC_15"]) == (0, 1)


def test_a_quarter_counts_its_own_flows_and_its_stock_at_its_end(analyst):
    return_import(actor=analyst, collection_year=2017, files=sample_files())
    return_import(actor=analyst, collection_year=2017, files=[sample_census()])
    quarter = {
        v.code: v
        for v in indicator_values(
            collection_year=2017, start=dt.date(2017, 4, 1), end=dt.date(2017, 6, 30)
        )
    }
    assert quarter["CIN_REFERRALS"].value == 1  # 2 May; the September referral is later
    assert quarter["CP_NEG"].denominator == 1  # the plan of 30 May
    assert quarter["CLA_31MAR"].value == 2  # both children were in care on 30 June
    assert quarter["CLA_MISSING"].value == 0  # the missing episode was in October
    assert (quarter["CIN_REFERRALS"].start, quarter["CIN_REFERRALS"].end) == (
        dt.date(2017, 4, 1),
        dt.date(2017, 6, 30),
    )


def test_a_period_must_lie_within_its_collection_year(db):
    with pytest.raises(ValueError, match="within 2017-18"):
        indicator_values(collection_year=2017, start=dt.date(2017, 1, 1))
