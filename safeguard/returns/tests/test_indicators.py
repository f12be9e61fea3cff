from safeguard.returns.indicators import INDICATORS, indicator_values
from safeguard.returns.services.imports import return_import
from safeguard.returns.testing import episode, sample_files, sample_tables


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


def test_every_indicator_has_a_written_definition():
    for indicator in INDICATORS.values():
        assert len(indicator.definition) > 60, indicator.code
