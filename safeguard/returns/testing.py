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
