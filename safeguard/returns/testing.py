"""Small, valid SSDA903 returns for tests, as CSV files, which a test can then spoil."""

import csv
import io
from collections.abc import Iterable

from safeguard.returns.services.imports import ReturnFile
from safeguard.returns.ssda903.tables import TABLES

Cells = dict[str, str]


def csv_file(table: str, rows: Iterable[Cells], *, name: str = "") -> ReturnFile:
    columns = TABLES[table].column_names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return ReturnFile(name or f"{table}.csv", out.getvalue().encode())


def sample_tables() -> dict[str, list[Cells]]:
    """Two children in care in 2017-18: one since 2016 who went missing, one who left."""
    return {
        "header": [
            {"CHILD": "C1001", "SEX": "1", "DOB": "04/05/2006", "ETHNIC": "WBRI", "UPN": "UN4"},
            {"CHILD": "C1002", "SEX": "2", "DOB": "11/12/2002", "ETHNIC": "BAFR", "MOTHER": "0"},
        ],
        "episodes": [
            episode("C1001", "01/06/2016", "S", "C2", "U6", dec="02/09/2017", rec="X1"),
            episode("C1001", "02/09/2017", "P", "C2", "U4", place_change="CARPL"),
            episode("C1002", "15/04/2017", "S", "V2", "R1", dec="20/01/2018", rec="E4A"),
        ],
        "missing": [
            {
                "CHILD": "C1001",
                "DOB": "04/05/2006",
                "MISSING": "M",
                "MIS_START": "03/10/2017",
                "MIS_END": "04/10/2017",
            },
        ],
        "uasc": [{"CHILD": "C1002", "SEX": "2", "DOB": "11/12/2002", "DUC": ""}],
        "oc2": [
            {
                "CHILD": "C1001",
                "DOB": "04/05/2006",
                "SDQ_SCORE": "12",
                "CONVICTED": "0",
                "HEALTH_CHECK": "1",
                "IMMUNISATIONS": "1",
                "TEETH_CHECK": "1",
                "HEALTH_ASSESSMENT": "1",
                "SUBSTANCE_MISUSE": "0",
            },
        ],
    }


def episode(
    child: str,
    decom: str,
    rne: str,
    ls: str,
    place: str,
    *,
    dec: str = "",
    rec: str = "",
    place_change: str = "",
) -> Cells:
    return {
        "CHILD": child,
        "DECOM": decom,
        "RNE": rne,
        "LS": ls,
        "CIN": "N1",
        "PLACE": place,
        "PLACE_PROVIDER": "PR1",
        "DEC": dec,
        "REC": rec,
        "REASON_PLACE_CHANGE": place_change,
        "HOME_POST": "UB8 1AA",
        "PL_POST": "UB4 0BB",
    }


def sample_files(tables: dict[str, list[Cells]] | None = None) -> list[ReturnFile]:
    return [csv_file(name, rows) for name, rows in (tables or sample_tables()).items()]


SAMPLE_CENSUS = """<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2018</Year>
      <ReferenceDate>2018-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>999</LEA><SoftwareCode>Case system</SoftwareCode>
      <Release>1</Release><SerialNo>1</SerialNo><DateTime>2018-04-20T09:00:00</DateTime></Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>C2001</LAchildID><UPNunknown>UN1</UPNunknown>
        <PersonBirthDate>2015-02-01</PersonBirthDate><GenderCurrent>1</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
        <Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2017-05-02</CINreferralDate><ReferralSource>6</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode><DateOfInitialCPC>2017-05-30</DateOfInitialCPC>
        <Assessments>
          <AssessmentActualStartDate>2017-05-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2017-06-20</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>3A</AssessmentFactors>
            <AssessmentFactors>16A</AssessmentFactors></FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2017-05-10</S47ActualStartDate>
          <InitialCPCtarget>2017-05-31</InitialCPCtarget>
          <DateOfInitialCPC>2017-05-30</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ReferralNFA>false</ReferralNFA>
        <ChildProtectionPlans>
          <CPPstartDate>2017-05-30</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
          <Reviews><CPPreviewDate>2017-08-29</CPPreviewDate></Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers>
        <LAchildID>C2002</LAchildID><UPN>{upn}</UPN>
        <PersonBirthDate>2004-09-09</PersonBirthDate><GenderCurrent>2</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>BAFR</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2017-09-01</CINreferralDate><ReferralSource>2A</ReferralSource>
        <PrimaryNeedCode>N5</PrimaryNeedCode>
        <CINclosureDate>2018-02-01</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>
        <Assessments>
          <AssessmentActualStartDate>2017-09-01</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2017-12-01</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>8E</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <CINPlanDates><CINPlanStartDate>2017-12-01</CINPlanStartDate>
          <CINPlanEndDate>2018-02-01</CINPlanEndDate></CINPlanDates>
        <ReferralNFA>0</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""


def sample_census(
    *, upn: str = "U999123456789", replace: dict[str, str] | None = None
) -> ReturnFile:
    """A 2017-18 census of two children: one on a protection plan, one privately fostered."""
    text = SAMPLE_CENSUS.replace("{upn}", upn)
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    return ReturnFile("cin-2018.xml", text.encode())
