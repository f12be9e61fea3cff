"""Small, valid SSDA903 returns for tests, as CSV files, which a test can then spoil; and
workbooks that unpack to far more than they weigh."""

import csv
import io
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Iterable

from openpyxl import Workbook

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


_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_RELATION = (
    '<Relationship Id="rIdBomb" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/sharedStrings"/>'
)


def _header_only() -> bytes:
    book = Workbook()
    book.active.title = "List 1"
    book.active.append(["Child Unique ID", "Gender"])
    plain = io.BytesIO()
    book.save(plain)
    return plain.getvalue()


def workbook_with_strings(strings: Iterable[bytes], base: bytes | None = None) -> bytes:
    """A real Annex A workbook (`base`, or List 1 with its header) whose shared-strings part
    holds `strings`, each a run of `<si>` elements, written as they come."""
    source = zipfile.ZipFile(io.BytesIO(base or _header_only()))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHARED_STRINGS}"/>'
                )
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _RELATION.encode() + b"</Relationships>")
            archive.writestr(item, data)
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for run in strings:
                part.write(run)
            part.write(b"</sst>")
    return packed.getvalue()


def workbook_bomb(unpacked_mb: int) -> bytes:
    """Shared strings that unpack to `unpacked_mb` megabytes of one repeated string: packed,
    about a five-hundredth of that."""
    block = (b"<si><t>" + b"A" * 1000 + b"</t></si>") * 1000
    return workbook_with_strings(block for _ in range(unpacked_mb))


def workbook_of_many_strings(unpacked_mb: int, base: bytes | None = None) -> bytes:
    """Shared strings that unpack to about `unpacked_mb` megabytes of distinct short strings:
    the most a parser must hold in memory for a part of that size."""
    per_string = len(b"<si><t>S00000000</t></si>")
    count = unpacked_mb * (1 << 20) // per_string
    return workbook_with_strings(
        (
            b"".join(b"<si><t>S%08d</t></si>" % n for n in range(first, min(first + 10_000, count)))
            for first in range(0, count, 10_000)
        ),
        base,
    )


def _high_water_mb(pid: int) -> float:
    """The process's own peak resident memory so far (VmHWM), in MB; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def run_measuring_peak(
    command: list[str], env: dict[str, str], cwd: str | None = None
) -> tuple[int, float, str]:
    """Runs the command; its exit code, its peak resident memory in MB, and what it printed.

    The peak is the process's own high-water mark, read from /proc while it runs: the kernel's
    ru_maxrss would also count the pages of the (large) test process it was forked from.
    Output goes to a file, not a pipe, so that a command that prints a lot cannot stall."""
    peak = 0.0
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(  # noqa: S603 (a test or bench command, not input)
            command, env=env, cwd=cwd, stdout=output, stderr=output
        )
        while process.poll() is None:
            peak = max(peak, _high_water_mb(process.pid))
            time.sleep(0.02)
        output.seek(0)
        printed = output.read().decode(errors="replace")
    return process.returncode, peak, printed
