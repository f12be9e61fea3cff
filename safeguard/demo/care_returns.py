"""The council's SSDA903 returns for the demo borough, written as its case system writes them.

Children of the demo people index come into care, move placements, go missing and leave, over
the calibrated years. Each year's return is written as CSV files and imported through the same
path an analyst uses, so the indicators are computed back from imported records. Only the
calibration data knows the targets.
"""

import csv
import datetime as dt
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.partners.models import Agency, User
from safeguard.people.models import AgencyIdentifier, Person
from safeguard.returns.codelists.years import year_end, year_start
from safeguard.returns.services.imports import ReturnFile, return_import
from safeguard.returns.services.linking import CHILD_ID_SCHEME
from safeguard.returns.ssda903.tables import TABLES

Row = dict[str, Any]
FAR_FUTURE = dt.date(2100, 1, 1)


def _age(born: dt.date, on: dt.date) -> float:
    return (on - born).days / 365.25


def _d(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


@dataclass
class CareChild:
    person: Row
    ref: str
    start: dt.date
    end: dt.date | None
    uasc: bool = False
    legal_status: str = "C2"
    need: str = "N1"
    placements: list[tuple[dt.date, str]] = field(default_factory=list)

    @property
    def until(self) -> dt.date:
        return self.end or FAR_FUTURE

    def in_stock(self, year: int) -> bool:
        return self.start <= year_end(year) < self.until


class CareReturns:
    def __init__(
        self, *, seed: int, scale: float, council: Agency, analyst: User, progress: bool
    ) -> None:
        self.rng = random.Random(seed + 903)
        self.scale = scale
        self.council = council
        self.analyst = analyst
        self.progress = progress
        self.years = [y.year for y in cal.CARE_YEARS]
        self.children: list[CareChild] = []

    def _n(self, value: int) -> int:
        return round(value * self.scale)

    def run(self) -> None:
        actor = Actor.for_user(self.analyst)
        with tempfile.TemporaryDirectory() as folder:
            written = self.write_returns(Path(folder))
            bar = tqdm(written, desc="Importing returns", unit=" year", disable=not self.progress)
            for year, files in bar:
                return_import(actor=actor, collection_year=year, files=files)

    def write_returns(self, folder: Path) -> list[tuple[int, list[ReturnFile]]]:
        """Each calibrated year's return as CSV files in the folder, as the case system writes."""
        self._choose_children()
        for spec in cal.CARE_YEARS:
            self._placements(spec)
        # The council's system and the people index already share the child's identifier.
        AgencyIdentifier.objects.bulk_create(
            (
                AgencyIdentifier(
                    person_id=c.person["id"],
                    agency=self.council,
                    scheme=CHILD_ID_SCHEME,
                    value=c.ref,
                )
                for c in self.children
            ),
            batch_size=2000,
            ignore_conflicts=True,
        )
        years = tqdm(cal.CARE_YEARS, desc="Care returns", unit=" year", disable=not self.progress)
        return [(spec.year, self._write_return(spec, folder / str(spec.year))) for spec in years]

    # --- who is in care, and when ------------------------------------------------------------

    def _group_sizes(self) -> dict[str, int]:
        first, middle, last = (self._n(y.looked_after_at_31_march) for y in cal.CARE_YEARS)
        always, left = self._n(cal.CARE_ALWAYS), self._n(cal.CARE_LEFT_IN_LAST_YEAR)
        came_in_middle = middle - always - left
        sizes = {
            "always": always,
            "left_last": left,
            "left_middle": first - always - left,
            "came_middle": came_in_middle,
            "came_last": last - always - came_in_middle,
        }
        if min(sizes.values()) < 0:
            raise ValueError("The care calibration's stocks cannot be made from its groups")
        return sizes

    def _choose_children(self) -> None:
        y0, y1, y2 = self.years
        month = dt.timedelta(days=30)
        windows = {
            "always": (dt.date(y0 - 4, 6, 1), year_start(y0) - month, None),
            "left_last": (dt.date(y0 - 4, 6, 1), year_start(y0) - month, y2),
            "left_middle": (dt.date(y0 - 3, 6, 1), year_start(y0) - month, y1),
            "came_middle": (year_start(y1) + dt.timedelta(days=5), year_end(y1) - month, None),
            "came_last": (year_start(y2) + dt.timedelta(days=5), year_end(y2) - month, None),
        }
        wanted = [(g, n) for g, n in self._group_sizes().items()]
        for spec in cal.CARE_YEARS:
            wanted.append((f"short_{spec.year}", self._n(spec.short_stays)))
            windows[f"short_{spec.year}"] = (
                year_start(spec.year) + dt.timedelta(days=5),
                year_end(spec.year) - dt.timedelta(days=60),
                spec.year,
            )
        asylum = {y: self._n(n) for y, n in cal.CARE_SEEKING_ASYLUM.items()}
        candidates = self._candidates(sum(n for _, n in wanted))
        for group, count in wanted:
            earliest, latest, leaves = windows[group]
            for _ in range(count):
                uasc = group == "came_middle" and asylum.get(y1, 0) > 0
                person = self._pick(candidates, earliest, latest, uasc=uasc, leaves=leaves)
                if uasc:
                    asylum[y1] -= 1
                self._child(person, earliest, latest, leaves, uasc=uasc)

    def _candidates(self, needed: int) -> list[Row]:
        people = (
            Person.objects.filter(kind="child", merged_into__isnull=True)
            .exclude(identifiers__scheme=CHILD_ID_SCHEME)
            .order_by("id")
            .values("id", "date_of_birth", "sex", "ethnicity", "upn")[: needed * 6]
        )
        found = [p for p in people if p["date_of_birth"]]
        self.rng.shuffle(found)
        return found

    def _pick(
        self,
        candidates: list[Row],
        earliest: dt.date,
        latest: dt.date,
        *,
        uasc: bool,
        leaves: int | None,
    ) -> Row:
        last_day = year_end(leaves) if leaves else year_end(self.years[-1])
        for i, person in enumerate(candidates):
            born = person["date_of_birth"]
            fits = born < earliest - dt.timedelta(days=14) and _age(born, last_day) < 17.9
            if uasc:
                fits = fits and _age(born, earliest) >= 14
            if fits:
                return candidates.pop(i)
        raise ValueError("The demo borough has too few children for its care calibration")

    def _child(
        self, person: Row, earliest: dt.date, latest: dt.date, leaves: int | None, *, uasc: bool
    ) -> None:
        rng = self.rng
        start = earliest + dt.timedelta(days=rng.randrange((latest - earliest).days))
        end = None
        if leaves is not None:
            first = max(year_start(leaves), start) + dt.timedelta(days=20)
            end = first + dt.timedelta(
                days=rng.randrange(max(1, (year_end(leaves) - first).days - 5))
            )
        child = CareChild(
            person=person,
            ref=f"{cal.LA_CODE}{len(self.children) + 1:07d}",
            start=start,
            end=end,
            uasc=uasc,
            legal_status="V2" if uasc else rng.choices(("C2", "V2", "C1"), (70, 20, 10))[0],
            need="N8" if uasc else rng.choices(("N1", "N4", "N5", "N8"), (60, 15, 15, 10))[0],
        )
        child.placements.append((start, self._placement(child, start)))
        self.children.append(child)

    def _placement(self, child: CareChild, began: dt.date) -> str:
        if child.uasc:
            place = self.rng.choice(("U6", "H5", "R1"))
        else:
            place = self.rng.choices(cal.CARE_PLACEMENTS, cal.CARE_PLACEMENT_WEIGHTS)[0]
        # Not placed with parents under section 20 (V2); semi-independent living from 14.
        if place == "P1" and child.legal_status == "V2":
            return "U4"
        if place == "H5" and _age(child.person["date_of_birth"], began) < 14:
            return "U6"
        return place

    # --- placements within each year -------------------------------------------------------

    def _placements(self, spec: cal.DemoCareYear) -> None:
        """Moves within the year: exactly the calibrated number in care at 31 March have 3+."""
        rng, year = self.rng, spec.year
        stock = [c for c in self.children if c.in_stock(year)]
        movers = set(map(id, rng.sample(stock, self._n(spec.three_or_more_placements))))
        for child in self.children:
            begin = max(child.start, year_start(year))
            finish = min(child.until, year_end(year))
            if begin > finish:
                continue
            if id(child) in movers:
                count = 3
            elif child.in_stock(year):
                count = rng.choices((1, 2), (3, 1))[0]
            else:
                count = rng.choice((1, 1, 2))
            days = (finish - begin).days
            moves = sorted(rng.sample(range(1, days), min(count - 1, max(0, days - 1))))
            for offset in moves:
                moved = begin + dt.timedelta(days=offset)
                child.placements.append((moved, self._placement(child, moved)))

    # --- writing the return ----------------------------------------------------------------

    def _write_return(self, spec: cal.DemoCareYear, folder: Path) -> list[ReturnFile]:
        year = spec.year
        in_year = [
            c for c in self.children if c.start <= year_end(year) and c.until >= year_start(year)
        ]
        tables: dict[str, list[Row]] = {
            "header": [self._header(c, year) for c in in_year],
            "episodes": [e for c in in_year for e in self._episodes(c, year)],
            "uasc": [
                {"CHILD": c.ref, "SEX": self._sex(c), "DOB": _d(c.person["date_of_birth"])}
                for c in in_year
                if c.uasc
            ],
            "missing": self._missing(spec, in_year),
            "oc2": self._health(spec, in_year),
        }
        folder.mkdir(parents=True)
        files = []
        for name, rows in tables.items():
            path = folder / TABLES[name].file_name
            with path.open("w", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=TABLES[name].column_names, restval="")
                writer.writeheader()
                writer.writerows(rows)
            files.append(ReturnFile(path.name, path.read_bytes()))
        return files

    def _sex(self, child: CareChild) -> str:
        return "1" if child.person["sex"] == "M" else "2"

    def _header(self, child: CareChild, year: int) -> Row:
        born = child.person["date_of_birth"]
        girl = child.person["sex"] == "F"
        return {
            "CHILD": child.ref,
            "SEX": self._sex(child),
            "DOB": _d(born),
            "ETHNIC": child.person["ethnicity"] or "NOBT",
            "UPN": child.person["upn"] or self._no_upn(child, year),
            # The DfE asks whether every girl looked after is a mother; none is, here.
            "MOTHER": "0" if girl else "",
        }

    def _no_upn(self, child: CareChild, year: int) -> str:
        """UN2 never at an English school; UN1 not of school age; UN5 not agreed. (UN4, not
        known yet, is refused by the DfE for anyone in care on 24 March: rule 210.)"""
        if child.uasc:
            return "UN2"
        return "UN1" if _age(child.person["date_of_birth"], year_end(year)) < 5 else "UN5"

    def _episodes(self, child: CareChild, year: int) -> list[Row]:
        rows = []
        places = sorted(child.placements)
        for i, (began, place) in enumerate(places):
            ended = places[i + 1][0] if i + 1 < len(places) else child.end
            if began > year_end(year) or (ended and ended < year_start(year)):
                continue
            moved = i + 1 < len(places)
            known = ended is not None and ended <= year_end(year)
            rows.append(
                {
                    "CHILD": child.ref,
                    "DECOM": _d(began),
                    "RNE": "S" if i == 0 else "P",
                    "LS": child.legal_status,
                    "CIN": child.need,
                    "PLACE": place,
                    "PLACE_PROVIDER": self._provider(place, began),
                    "DEC": _d(ended) if known else "",
                    "REC": ("X1" if moved else self._ending(child, place)) if known else "",
                    "REASON_PLACE_CHANGE": (self._move_reason(began) if known and moved else ""),
                    # A child seeking asylum has no home address here.
                    "HOME_POST": "" if child.uasc else self._home(child),
                    "PL_POST": self._home(child) if place == "P1" else self._away(child, began),
                    "URN": self._urn(place, began),
                }
            )
        return rows

    def _home(self, child: CareChild) -> str:
        return random.Random(f"{child.ref}home").choice(cal.CARE_HOME_POSTCODES)

    def _away(self, child: CareChild, began: dt.date) -> str:
        """A placement's postcode: never the child's home (only placement with parents is)."""
        pick = random.Random(f"placed{began}")
        away = pick.random() < cal.CARE_PLACED_AWAY_SHARE
        places = cal.CARE_AWAY_POSTCODES if away else cal.CARE_HOME_POSTCODES
        return pick.choice([p for p in places if p != self._home(child)])

    def _urn(self, place: str, began: dt.date) -> str:
        """Ofsted's number for the home or fostering service; some placements have none."""
        if place in cal.CARE_PLACEMENTS_WITHOUT_URN:
            return ""
        return f"SC{random.Random(f'urn{place}{began}').randrange(1_000_000):06d}"

    def _provider(self, place: str, began: dt.date) -> str:
        if place == "P1":
            return "PR0"
        local = random.Random(f"{place}{began}").random() < 0.6
        return "PR1" if local and place.startswith("U") else "PR4"

    def _ending(self, child: CareChild, place: str) -> str:
        ending = random.Random(f"{child.ref}end").choices(cal.CARE_ENDINGS, cal.CARE_ENDING_WEIGHTS)
        # A special guardianship order to former foster carers ends a foster placement.
        return "E41" if ending[0] == "E45" and not place.startswith("U") else ending[0]

    def _move_reason(self, began: dt.date) -> str:
        return random.Random(f"move{began}").choice(cal.CARE_MOVE_REASONS)

    def _missing(self, spec: cal.DemoCareYear, in_year: list[CareChild]) -> list[Row]:
        rng, year = self.rng, spec.year
        older = [
            c
            for c in in_year
            if _age(c.person["date_of_birth"], year_end(year)) >= 11
            and (min(c.until, year_end(year)) - max(c.start, year_start(year))).days > 10
        ]
        rows: dict[tuple[str, dt.date], Row] = {}
        away: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        while len(rows) < self._n(spec.missing_incidents):
            child = rng.choice(older)
            begin = max(child.start, year_start(year)) + dt.timedelta(days=1)
            finish = min(child.until, year_end(year)) - dt.timedelta(days=4)
            went = begin + dt.timedelta(days=rng.randrange(max(1, (finish - begin).days)))
            back = went + dt.timedelta(days=rng.randrange(0, 4))
            # A child's missing episodes do not overlap (the DfE's rule 574).
            if any(went <= b and a <= back for a, b in away[child.ref]):
                continue
            away[child.ref].append((went, back))
            rows[(child.ref, went)] = {
                "CHILD": child.ref,
                "DOB": _d(child.person["date_of_birth"]),
                "MISSING": rng.choices(("M", "A"), (70, 30))[0],
                "MIS_START": _d(went),
                "MIS_END": _d(back),
            }
        return list(rows.values())

    def _health(self, spec: cal.DemoCareYear, in_year: list[CareChild]) -> list[Row]:
        """The OC2 rows: children in care for a year at 31 March, with the calibrated share."""
        rng, year = self.rng, spec.year
        settled = [c for c in in_year if c.in_stock(year) and c.start < year_start(year)]
        assessed = round(spec.health_assessment_percent * len(settled) / 100)
        chosen = set(map(id, rng.sample(settled, assessed)))
        rows = []
        for child in settled:
            age = _age(child.person["date_of_birth"], year_end(year))
            up_to_date = id(child) in chosen
            misuse = age >= 12 and rng.random() < 0.05
            # The DfE's rules: SDQ from age 4 to 16, health checks under 5, convictions from 10,
            # and "offered" only where the intervention was not received.
            rows.append(
                {
                    "CHILD": child.ref,
                    "DOB": _d(child.person["date_of_birth"]),
                    "SDQ_SCORE": str(rng.randrange(4, 26)) if 4 <= age < 17 else "",
                    "SDQ_REASON": "SDQ1" if age >= 17 else "",
                    "CONVICTED": ("1" if rng.random() < 0.04 else "0") if age >= 10 else "",
                    "HEALTH_CHECK": ("1" if up_to_date else "0") if age < 5 else "",
                    "IMMUNISATIONS": "1" if rng.random() < 0.9 else "0",
                    "TEETH_CHECK": "1" if rng.random() < 0.85 else "0",
                    "HEALTH_ASSESSMENT": "1" if up_to_date else "0",
                    "SUBSTANCE_MISUSE": "1" if misuse else "0",
                    "INTERVENTION_RECEIVED": "1" if misuse else "",
                    "INTERVENTION_OFFERED": "",
                }
            )
        return rows
