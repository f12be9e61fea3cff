"""The demo borough: agencies, one user per role, and synthetic families at any scale.

Deterministic: the same seed and scale give the same records. Every person is made up with
Faker's en_GB data; NHS numbers come from the NHS test range.
"""

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from faker import Faker
from tqdm import tqdm

from safeguard.core.bulk import TableWriter
from safeguard.demo import calibration as cal
from safeguard.demo.annual_report import annual_report_write
from safeguard.demo.budget import budget_write
from safeguard.demo.care_returns import CareReturns
from safeguard.demo.identities import nhs_numbers_in_test_range, upns
from safeguard.demo.mash_activity import MashActivity
from safeguard.demo.need_returns import NeedReturns
from safeguard.demo.training_activity import TrainingActivity
from safeguard.governance.models import BudgetLine
from safeguard.mash.models import Notification
from safeguard.mash.services.candidates import open_children_candidates_find
from safeguard.partners.models import Agency, Team, User, UserRole
from safeguard.people.matching.index import match_index_rebuild, matcher_train
from safeguard.people.models import (
    Address,
    Allocation,
    NameKind,
    Person,
    PersonAddress,
    PersonName,
    Relationship,
)
from safeguard.people.names import name_fields
from safeguard.reports.models import Report
from safeguard.returns.models import StatutoryReturn
from safeguard.training.models import Course

FAMILIES_PER_BATCH = 2000
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


Row = dict[str, Any]


@dataclass
class Batch:
    """Rows for each table, written together; people are dicts keyed by column."""

    people: list[Row] = field(default_factory=list)
    names: list[Row] = field(default_factory=list)
    addresses: list[Row] = field(default_factory=list)
    stays: list[Row] = field(default_factory=list)
    relationships: list[Row] = field(default_factory=list)
    children: int = 0

    def save(self, writers: dict[str, TableWriter]) -> None:
        for table in ("people", "names", "addresses", "stays", "relationships"):
            writers[table].write(getattr(self, table))


@dataclass(frozen=True)
class Summary:
    agencies: int
    users: int
    children: int
    adults: int


class BoroughGenerator:
    def __init__(self, *, scale: float = 1.0, seed: int = 2018, progress: bool = True) -> None:
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        # Agencies and users draw from their own stream, so that finding them already loaded
        # does not change the people that follow.
        self.setup_rng = random.Random(seed + 1)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(seed)
        self.progress = progress
        self.reference = dt.date(*cal.REFERENCE_DATE)
        self.created_at = dt.datetime(*cal.REFERENCE_DATE, 12, tzinfo=dt.UTC)
        self.nhs_numbers = nhs_numbers_in_test_range(self.rng.randrange(0, 1000))
        self.upns = upns(cal.LA_CODE, self.rng.randrange(0, 1000))
        self._pools()

    def _uuid(self, rng: random.Random | None = None) -> uuid.UUID:
        return uuid.UUID(int=(rng or self.rng).getrandbits(128), version=4)

    def _pools(self) -> None:
        """Names drawn many times from Faker, so that common names stay common."""
        fake = self.faker
        self.male = [fake.first_name_male() for _ in range(5000)]
        self.female = [fake.first_name_female() for _ in range(5000)]
        self.family = [fake.last_name() for _ in range(8000)]
        self.streets = sorted({fake.street_name() for _ in range(3000)})
        self.ethnicities = list(cal.ETHNICITY_SHARES)
        self.ethnicity_weights = list(cal.ETHNICITY_SHARES.values())
        self.recorders = list(cal.RECORDED_BY_SHARES)
        self.recorder_weights = list(cal.RECORDED_BY_SHARES.values())

    @transaction.atomic
    def run(self) -> Summary:
        agencies = self._agencies()
        users = self._users(agencies)
        target = round(cal.CHILDREN_AT_SCALE_1 * self.scale)
        children = adults = 0
        bar = tqdm(total=target, unit=" children", disable=not self.progress, desc="Demo borough")
        writers = {
            "people": TableWriter(Person),
            "names": TableWriter(PersonName),
            "addresses": TableWriter(Address),
            "stays": TableWriter(PersonAddress),
            "relationships": TableWriter(Relationship),
        }
        for batch in self._batches(target, agencies):
            batch.save(writers)
            children += batch.children
            adults += len(batch.people) - batch.children
            bar.update(batch.children)
        bar.close()
        self._allocations(users["social_worker"])
        if not Notification.objects.exists():
            MashActivity(
                seed=self.seed,
                scale=self.scale,
                end=self.reference,
                users=users,
                progress=self.progress,
            ).run()
        if not Course.objects.exists():
            TrainingActivity(
                seed=self.seed, scale=self.scale, users=users, progress=self.progress
            ).run()
        if not StatutoryReturn.objects.exists():
            for returns in (CareReturns, NeedReturns):
                returns(
                    seed=self.seed,
                    scale=self.scale,
                    council=agencies[cal.COUNCIL],
                    analyst=users["analyst"],
                    progress=self.progress,
                ).run()
        if not BudgetLine.objects.exists():
            budget_write(officer=users["partnership_officer"])
        if not Report.objects.exists():
            annual_report_write(users=users, agencies=agencies)
        # The people were written in bulk, past the services that keep the keys: one rebuild,
        # then the model estimated from the borough itself.
        match_index_rebuild(progress=self.progress)
        matcher_train()
        open_children_candidates_find()
        with connection.cursor() as cursor:
            # Fresh statistics, or the planner guesses from empty tables after a bulk load.
            cursor.execute("ANALYZE")
        return Summary(len(agencies), len(users), children, adults)

    def _agencies(self) -> dict[str, Agency]:
        agencies = {}
        for spec in cal.AGENCIES:
            agency, _ = Agency.objects.get_or_create(
                name=spec.name,
                defaults={
                    "id": self._uuid(self.setup_rng),
                    "kind": spec.kind,
                    "is_statutory_partner": spec.statutory,
                    "contributes_funding": spec.funding,
                },
            )
            for team in spec.teams:
                Team.objects.get_or_create(
                    agency=agency, name=team, defaults={"id": self._uuid(self.setup_rng)}
                )
            agencies[spec.name] = agency
        return agencies

    def _users(self, agencies: dict[str, Agency]) -> dict[str, User]:
        users = {}
        for spec in cal.DEMO_USERS:
            agency = agencies[spec.agency]
            user = User.objects.filter(email=spec.email).first()
            if user is None:
                user = User(
                    id=self._uuid(self.setup_rng),
                    email=spec.email,
                    full_name=f"{self.setup_rng.choice(self.female)} "
                    f"{self.setup_rng.choice(self.family)}",
                    agency=agency,
                    is_demo_account=True,
                    team=agency.teams.filter(name=spec.team).first(),
                )
                user.set_password(cal.DEMO_PASSWORD)
                user.save()
                UserRole.objects.create(user=user, role=spec.role)
            users[spec.role] = user
        return users

    def _batches(self, target: int, agencies: dict[str, Agency]) -> Iterator[Batch]:
        batch, made = Batch(), 0
        while made < target:
            size = min(self._family_size(), target - made)
            self._family(batch, size, agencies)
            made += size
            if len(batch.people) >= FAMILIES_PER_BATCH * 3:
                yield batch
                batch = Batch()
        if batch.people:
            yield batch

    def _family_size(self) -> int:
        sizes = list(cal.CHILDREN_PER_FAMILY_WEIGHTS)
        return self.rng.choices(sizes, weights=list(cal.CHILDREN_PER_FAMILY_WEIGHTS.values()))[0]

    def _family(self, batch: Batch, size: int, agencies: dict[str, Agency]) -> None:
        rng = self.rng
        surname = rng.choice(self.family)
        recorder = agencies[rng.choices(self.recorders, weights=self.recorder_weights)[0]]
        ethnicity = rng.choices(self.ethnicities, weights=self.ethnicity_weights)[0]
        homes = self._homes(batch)
        children = [self._child(batch, surname, ethnicity, recorder) for _ in range(size)]
        oldest = min(c["date_of_birth"] for c in children)
        parents = [self._adult(batch, surname, ethnicity, recorder, oldest, "F")]
        if rng.random() < cal.TWO_PARENT_SHARE:
            other_surname = surname if rng.random() < 0.8 else rng.choice(self.family)
            parents.append(self._adult(batch, other_surname, ethnicity, recorder, oldest, "M"))
        for person in children + parents:
            self._live_at(batch, person, homes)
        for parent in parents:
            for child in children:
                batch.relationships.append(
                    {"from_person_id": parent["id"], "to_person_id": child["id"], "kind": "parent"}
                )
        for i, older in enumerate(children):
            for younger in children[i + 1 :]:
                batch.relationships.append(
                    {
                        "from_person_id": older["id"],
                        "to_person_id": younger["id"],
                        "kind": "sibling",
                    }
                )
        batch.children += size

    def _person(self, batch: Batch, recorder: Agency, **fields: Any) -> Row:
        person = {
            "id": self._uuid(),
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "recorded_by_agency_id": recorder.pk,
            **fields,
        }
        batch.people.append(person)
        return person

    def _name(self, batch: Batch, person: Row, given: str, family: str, kind: str) -> None:
        batch.names.append(
            {
                "person_id": person["id"],
                "kind": kind,
                "given_name": given,
                "family_name": family,
                **name_fields(given, family),
            }
        )

    def _nhs_number(self, share: float) -> str | None:
        return next(self.nhs_numbers, None) if self.rng.random() < share else None

    def _child(self, batch: Batch, surname: str, ethnicity: str, recorder: Agency) -> Row:
        rng = self.rng
        sex = "M" if rng.random() < cal.SHARE_MALE else "F"
        if rng.random() < cal.SHARE_AGED_0_TO_4:
            age_days = rng.randrange(0, 5 * 365)
        else:
            age_days = rng.randrange(5 * 365, 18 * 365 - 1)
        school_age = age_days >= 5 * 365
        person = self._person(
            batch,
            recorder,
            kind="child",
            date_of_birth=self.reference - dt.timedelta(days=age_days),
            sex=sex,
            ethnicity=ethnicity,
            first_language="English" if rng.random() < 0.8 else "Other than English",
            nhs_number=self._nhs_number(cal.CHILD_NHS_SHARE),
            upn=next(self.upns) if school_age and rng.random() < cal.UPN_SHARE else None,
            is_restricted=rng.random() < cal.RESTRICTED_SHARE,
        )
        given = rng.choice(self.male if sex == "M" else self.female)
        self._name(batch, person, given, surname, NameKind.PRIMARY)
        if rng.random() < cal.ALIAS_SHARE:
            self._name(batch, person, given, rng.choice(self.family), NameKind.PREVIOUS)
        return person

    def _adult(
        self,
        batch: Batch,
        surname: str,
        ethnicity: str,
        recorder: Agency,
        oldest_child: dt.date,
        sex: str,
    ) -> Row:
        rng = self.rng
        person = self._person(
            batch,
            recorder,
            kind="adult",
            date_of_birth=oldest_child - dt.timedelta(days=rng.randrange(17 * 365, 40 * 365)),
            sex=sex,
            ethnicity=ethnicity,
            nhs_number=self._nhs_number(cal.ADULT_NHS_SHARE),
        )
        given = rng.choice(self.male if sex == "M" else self.female)
        self._name(batch, person, given, surname, NameKind.PRIMARY)
        if rng.random() < cal.ALIAS_SHARE:
            self._name(batch, person, given, rng.choice(self.family), NameKind.ALIAS)
        return person

    def _homes(self, batch: Batch) -> list[tuple[Row, dt.date | None, dt.date | None]]:
        """The family's current home, and sometimes the one before it."""
        rng = self.rng
        moved_on = self.reference - dt.timedelta(days=rng.randrange(30, 2000))
        homes: list[tuple[Row, dt.date | None, dt.date | None]] = [
            (self._address(batch), moved_on, None)
        ]
        if rng.random() < cal.MOVED_HOUSE_SHARE:
            homes.append((self._address(batch), None, moved_on))
        return homes

    def _address(self, batch: Batch) -> Row:
        rng = self.rng
        ward = rng.choice(list(cal.WARDS))
        district = rng.choice(cal.WARDS[ward])
        inward = f"{rng.randrange(1, 10)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
        address = {
            "id": self._uuid(),
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "line_1": f"{rng.randrange(1, 200)} {rng.choice(self.streets)}",
            "town": cal.TOWNS[district[:2]],
            "postcode": f"{district} {inward}",
            "ward": ward,
        }
        batch.addresses.append(address)
        return address

    def _live_at(
        self, batch: Batch, person: Row, homes: list[tuple[Row, dt.date | None, dt.date | None]]
    ) -> None:
        born = person["date_of_birth"]
        for address, start, end in homes:
            if end and end < born:
                continue
            batch.stays.append(
                {
                    "person_id": person["id"],
                    "address_id": address["id"],
                    "kind": "home",
                    "start_date": max(start, born) if start else None,
                    "end_date": end,
                }
            )

    def _allocations(self, social_worker: User) -> None:
        if Allocation.objects.filter(worker=social_worker).exists():
            return
        children = Person.objects.filter(kind="child").order_by("id")
        chosen = list(children[: cal.SOCIAL_WORKER_CASELOAD])
        Allocation.objects.bulk_create(
            Allocation(person=child, worker=social_worker, started_on=self.reference)
            for child in chosen
        )
