"""Run the DfE's rule validators on a return; print what failed, as JSON.

This runs in its own virtual environment (the validators pin an old pandas), which `make test`
builds from requirements.lock beside this file:

    python run.py 903 --year 2017 DIR       # the SSDA903 CSV files in DIR
    python run.py cin --year 2017 FILE.xml  # a CIN census

The year is the collection year's first (2017 is 2017-18). The validators' rule sets start at
2022-23; an earlier year is checked against the earliest set, with the year's own dates.
"""

import argparse
import importlib
import json
import logging
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path


def _ruleset(package: str, prefix: str, year: int) -> tuple[str, dict]:
    rules = Path(next(iter(importlib.import_module(package).__path__)))
    sets = sorted(p.name for p in rules.iterdir() if p.name.startswith(prefix))
    wanted = f"{prefix}{year}_{(year + 1) % 100:02d}"
    name = wanted if wanted in sets else sets[0]
    return name, importlib.import_module(f"{package}.{name}").registry


def run_903(folder: Path, year: int, la: str) -> dict:
    from lac_validator import lac_validator
    from lac_validator.utils import process_uploaded_files

    files = process_uploaded_files({"This year": [str(p) for p in sorted(folder.glob("*.csv"))]})
    name, registry = _ruleset("lac_validator.rules", "lac", year)
    validator = lac_validator.LacValidator(
        metadata={"collectionYear": str(year + 1), "localAuthority": la},
        files=files,
        registry=registry,
    )
    errors: dict[str, dict] = {}
    for table in validator.ds_results.values():
        if not hasattr(table, "columns"):
            continue  # the metadata, not a table
        for column in (c for c in table.columns if str(c).startswith("ERR_")):
            count = int(table[column].fillna(False).astype(bool).sum())
            if count:
                code = column[4:]
                entry = errors.setdefault(code, {"count": 0, "message": registry[code].message})
                entry["count"] += count
    return {"ruleset": name, "errors": errors, "failed_to_run": sorted(validator.fails)}


def run_cin(path: Path, year: int) -> dict:
    from cin_validator import cin_validator

    root = ET.parse(path).getroot()  # noqa: S314 - Safeguard's own export, not uploaded
    data = cin_validator.process_data(cin_validator.convert_data(root))
    name, registry = _ruleset("cin_validator.rules", "cin", year)
    validator = cin_validator.CinValidator(data, registry)
    issues = validator.full_issue_df
    errors: dict[str, dict] = {}
    for code, group in issues.groupby("rule_code"):
        errors[str(code)] = {
            "count": len(group),
            "message": str(group["rule_description"].iloc[0]),
        }
    for code, message in validator.multichild_issues.itertuples(index=False):
        errors.setdefault(str(code), {"count": 1, "message": str(message)})
    return {"ruleset": name, "errors": errors, "failed_to_run": []}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["903", "cin"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--la", default="", help="the council's ONS code (SSDA903 only)")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # the validators log every rule at INFO
    warnings.simplefilter("ignore")  # and pandas warns of its own future
    began = time.perf_counter()
    if args.kind == "903":
        result = run_903(args.path, args.year, args.la)
    else:
        result = run_cin(args.path, args.year)
    result["seconds"] = round(time.perf_counter() - began, 3)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
