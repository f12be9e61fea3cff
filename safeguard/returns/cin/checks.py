"""Checks across one CIN census: keys, children's identifiers and the order of dates."""

from collections import Counter
from collections.abc import Iterator

from safeguard.returns.cin.reader import CinCensus, Row
from safeguard.returns.cin.tables import TABLES
from safeguard.returns.codelists import year_label
from safeguard.returns.codelists.cin import NO_FACTORS
from safeguard.returns.codelists.years import year_end
from safeguard.returns.errors import ReturnError

# (table, earlier field, later field, message) for dates that must come in order
ORDER = (
    ("cin_details", "CINreferralDate", "CINclosureDate", "The case closes before the referral"),
    (
        "assessments",
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        "The assessment is authorised before it starts",
    ),
    ("assessments", "CINreferralDate", "AssessmentActualStartDate", "This is before the referral"),
    ("cin_plans", "CINPlanStartDate", "CINPlanEndDate", "The plan ends before it starts"),
    ("section47", "CINreferralDate", "S47ActualStartDate", "This is before the referral"),
    ("section47", "S47ActualStartDate", "DateOfInitialCPC", "The conference is before the s47"),
    ("cp_plans", "CPPstartDate", "CPPendDate", "The plan ends before it starts"),
)


def _error(census: CinCensus, row: Row, name: str, message: str) -> ReturnError:
    return ReturnError(census.file, 0, name, message, path=row["_path"])


def _duplicates(census: CinCensus) -> Iterator[ReturnError]:
    for name, table in TABLES.items():
        rows = census.tables[name]
        seen = Counter(tuple(r[k] for k in table.key) for r in rows)
        for r in rows:
            key = tuple(r[k] for k in table.key)
            if None not in key and seen[key] > 1:
                yield _error(
                    census,
                    r,
                    table.key[-1],
                    f"Another {name.replace('_', ' ')} entry has the same "
                    f"{' and '.join(table.key)}; each may appear only once",
                )


def _children(census: CinCensus) -> Iterator[ReturnError]:
    upns = Counter(r["UPN"] for r in census.tables["child"] if r["UPN"])
    for r in census.tables["child"]:
        if r["UPN"] and upns[r["UPN"]] > 1:
            yield _error(census, r, "UPN", "Another child in the census has this UPN")
        if not (r["PersonBirthDate"] or r["ExpectedPersonBirthDate"]):
            yield _error(
                census, r, "PersonBirthDate", "Give the date of birth, or the expected one"
            )
        if "NONE" in r["Disabilities"] and len(r["Disabilities"]) > 1:
            yield _error(census, r, "Disability", "NONE cannot be given with a disability")


def _episodes(census: CinCensus) -> Iterator[ReturnError]:
    born = {r["LAchildID"]: r["PersonBirthDate"] for r in census.tables["child"]}
    for r in census.tables["cin_details"]:
        birth = born.get(r["LAchildID"])
        if birth and r["CINreferralDate"] and r["CINreferralDate"] < birth:
            yield _error(census, r, "CINreferralDate", "The referral is before the child's birth")
        if bool(r["CINclosureDate"]) != bool(r["ReasonForClosure"]):
            yield _error(
                census,
                r,
                "ReasonForClosure",
                "A closed case needs both its closure date and its reason",
            )
    for r in census.tables["assessments"]:
        if NO_FACTORS in r["AssessmentFactors"] and len(r["AssessmentFactors"]) > 1:
            yield _error(
                census, r, "AssessmentFactors", "Factor 21 (none) cannot be given with others"
            )
        if len(set(r["AssessmentFactors"])) < len(r["AssessmentFactors"]):
            yield _error(census, r, "AssessmentFactors", "A factor is given twice")


def _dates(census: CinCensus) -> Iterator[ReturnError]:
    for table, first, then, message in ORDER:
        for r in census.tables[table]:
            if None not in (r[first], r[then]) and r[then] < r[first]:
                yield _error(census, r, then, message)
    end = year_end(census.year)
    for name, spec in TABLES.items():
        # An expected birth and a conference's target date may lie after the year.
        dated = [
            f.name
            for f in spec.fields
            if f.kind == "date" and f.name not in ("ExpectedPersonBirthDate", "InitialCPCtarget")
        ]
        for r in census.tables[name]:
            for f in dated:
                if r[f] and r[f] > end:
                    yield _error(
                        census,
                        r,
                        f,
                        f"This date is after the end of the {year_label(census.year)} census year",
                    )


def check_census(census: CinCensus) -> list[ReturnError]:
    return [
        *_duplicates(census),
        *_children(census),
        *_episodes(census),
        *_dates(census),
    ]
