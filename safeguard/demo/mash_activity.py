"""Three years of MASH activity for the demo borough, written as plain rows.

Children are drawn from the borough's people, some more than once (repeat notifications).
Clocks come from the same working-day calendar the service uses, so the timeliness figures
the insight page computes are whatever these times make them.
"""

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.utils import timezone
from tqdm import tqdm

from safeguard.core.bulk import TableWriter
from safeguard.demo import calibration as cal
from safeguard.mash.clocks import decision_due, rag_due
from safeguard.mash.models import (
    Concern,
    Decision,
    InformationAnswer,
    InformationRequest,
    Notification,
    NotificationChild,
    NotificationConcern,
    NotificationEvent,
    ReferenceCounter,
)
from safeguard.partners.models import Agency, User
from safeguard.people.models import PersonName

Row = dict[str, Any]
BATCH = 2000
_TEXTS = {
    "domestic_abuse": "Police called to a domestic incident at the home; the child was present.",
    "neglect": "The child has come to school hungry and in unwashed clothes for some weeks.",
    "physical_abuse": "Bruising seen on the child's arm; the explanation given does not fit.",
    "mental_health_parent": "A parent was admitted to a mental health ward; care is unclear.",
}


@dataclass
class Rows:
    notifications: list[Row] = field(default_factory=list)
    children: list[Row] = field(default_factory=list)
    concerns: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    requests: list[Row] = field(default_factory=list)
    answers: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)


TABLES = {
    "notifications": Notification,
    "children": NotificationChild,
    "concerns": NotificationConcern,
    "events": NotificationEvent,
    "requests": InformationRequest,
    "answers": InformationAnswer,
    "decisions": Decision,
}


class MashActivity:
    def __init__(
        self, *, seed: int, scale: float, end: dt.date, users: dict[str, User], progress: bool
    ) -> None:
        self.rng = random.Random(seed + 2)
        self.scale = scale
        self.end = end
        self.users = users
        self.progress = progress
        self.agencies = {a.name: a for a in Agency.objects.all()}
        self.concerns = {c.code: c.pk for c in Concern.objects.all()}
        self.sources = list(cal.MASH_SOURCE_SHARES)
        self.source_weights = list(cal.MASH_SOURCE_SHARES.values())
        self.counters: dict[int, int] = {}
        self.recent: list[tuple[uuid.UUID, str, str, dt.date | None]] = []

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _pick(self, shares: dict[str, float]) -> str:
        return self.rng.choices(list(shares), weights=list(shares.values()))[0]

    def _children_pool(self) -> list[tuple[uuid.UUID, str, str, dt.date | None]]:
        names = PersonName.objects.filter(
            kind="primary", person__kind="child", person__is_restricted=False
        ).values_list("person_id", "given_name", "family_name", F("person__date_of_birth"))
        return sorted(names, key=lambda n: str(n[0]))

    def run(self) -> int:
        pool = self._children_pool()
        total = round(cal.MASH_NOTIFICATIONS_PER_YEAR * cal.MASH_YEARS * self.scale)
        start = self.end - dt.timedelta(days=365 * cal.MASH_YEARS)
        writers = {key: TableWriter(model) for key, model in TABLES.items()}
        moments = sorted(self._moment(start) for _ in range(total))
        bar = tqdm(
            total=total, unit=" notifications", disable=not self.progress, desc="MASH activity"
        )
        for chunk in self._chunks(moments):
            rows = Rows()
            for received in chunk:
                self._notification(rows, received, pool, open_now=False)
            self._save(rows, writers)
            bar.update(len(chunk))
        bar.close()
        rows = Rows()
        now = timezone.now()
        for _ in range(max(1, round(cal.MASH_OPEN_NOW * min(self.scale, 1)))):
            received = now - dt.timedelta(minutes=self.rng.randrange(10, 3 * 24 * 60))
            self._notification(rows, received, pool, open_now=True)
        self._save(rows, writers)
        for year, last in self.counters.items():
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last})
        return total

    def _chunks(self, moments: list[dt.datetime]) -> Iterator[list[dt.datetime]]:
        for i in range(0, len(moments), BATCH):
            yield moments[i : i + BATCH]

    def _save(self, rows: Rows, writers: dict[str, TableWriter]) -> None:
        for key in TABLES:
            writers[key].write(getattr(rows, key))

    def _moment(self, start: dt.date) -> dt.datetime:
        day = start + dt.timedelta(days=self.rng.randrange(0, 365 * cal.MASH_YEARS))
        minutes = (
            self.rng.randrange(8 * 60, 19 * 60)
            if self.rng.random() < 0.85
            else self.rng.randrange(0, 24 * 60)
        )
        return timezone.make_aware(
            dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
        )

    def _reference(self, received: dt.datetime) -> str:
        year = timezone.localtime(received).year
        self.counters[year] = self.counters.get(year, 0) + 1
        return f"MASH-{year}-{self.counters[year]:06d}"

    def _child(self, pool: list[Any], received: dt.datetime) -> tuple[Any, ...]:
        """A child of the borough, under 18 when notified; sometimes one notified before."""
        born_after = received.date() - dt.timedelta(days=17 * 365)
        for _ in range(50):
            child = self._any_child(pool)
            if child[3] is None or child[3] > born_after:
                return child
        return child

    def _any_child(self, pool: list[Any]) -> tuple[uuid.UUID, str, str, dt.date | None]:
        if self.recent and self.rng.random() < cal.MASH_REPEAT_SHARE:
            child = self.rng.choice(self.recent[-2000:])
        else:
            child = self.rng.choice(pool)
            self.recent.append(child)
        return child

    def _event(
        self, rows: Rows, notification: Row, stage: str, at: dt.datetime, who: str, detail: str = ""
    ) -> None:
        rows.events.append(
            {
                "notification_id": notification["id"],
                "stage": stage,
                "at": at,
                "actor_label": who,
                "detail": detail,
            }
        )

    def _notification(
        self, rows: Rows, received: dt.datetime, pool: list[Any], *, open_now: bool
    ) -> None:
        rng = self.rng
        source = self.agencies[rng.choices(self.sources, weights=self.source_weights)[0]]
        police_web = source.kind == "police" and rng.random() < 0.5
        consent = self._pick(cal.MASH_CONSENT_SHARES)
        concerns = {self._pick(cal.MASH_CONCERN_SHARES) for _ in range(rng.choice([1, 1, 2, 3]))}
        first = sorted(concerns)[0]
        n: Row = {
            "id": self._uuid(),
            "created_at": received,
            "updated_at": received,
            "version": 1,
            "reference": self._reference(received),
            "source_agency_id": source.pk,
            "submitted_by_id": self.users["partner_practitioner"].pk if police_web else None,
            "channel": "web" if police_web else rng.choice(["phone", "email", "web", "api"]),
            "referrer_name": "Referrer",
            "referrer_role": "Safeguarding lead",
            "referrer_contact": "mash-demo@partnership.example",
            "received_at": received,
            "urgent": rng.random() < 0.03,
            "what_happened": _TEXTS.get(first, "A practitioner is worried about the child."),
            "risk_now": "The child is at home with a parent.",
            "consent_sought": consent,
            "consent_not_sought_reason": rng.choice(["increase_risk", "urgent", "not_practicable"])
            if consent == "not_sought"
            else "",
            "lawful_basis": "consent"
            if consent == "given" and rng.random() < 0.3
            else "public_task",
            "sharing_decided_by": "Designated safeguarding lead",
            "decision_due_at": decision_due(received),
            "status": "received",
        }
        rows.notifications.append(n)
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            person_id, given, family, born = self._child(pool, received)
            rows.children.append(
                {
                    "notification_id": n["id"],
                    "person_id": person_id,
                    "given_name": given,
                    "family_name": family,
                    "date_of_birth": born,
                    "link_confirmed_by_id": self.users["mash_practitioner"].pk,
                    "link_confirmed_at": received + dt.timedelta(minutes=30),
                }
            )
        rows.concerns.extend(
            {"notification_id": n["id"], "concern_id": self.concerns[c]} for c in concerns
        )
        self._event(rows, n, "received", received, "partner system", source.name)
        self._triage(rows, n, received, open_now)

    def _triage(self, rows: Rows, n: Row, received: dt.datetime, open_now: bool) -> None:
        rng = self.rng
        mash = self.users["mash_practitioner"]
        if open_now and rng.random() < 0.3:
            return  # still waiting to be triaged
        rated = received + dt.timedelta(minutes=rng.randrange(15, 180))
        rag = self._pick(cal.MASH_RAG_SHARES)
        n.update(
            status="triage",
            rag=rag,
            rag_rationale="Rated on the information received",
            rag_due_at=rag_due(received, rag),
            assigned_to_id=mash.pk,
            consent_consideration="Considered: sharing without consent is justified "
            "to protect the child.",
        )
        self._event(rows, n, "rag_set", rated, mash.email, rag.title())
        self._event(rows, n, "consent_considered", rated + dt.timedelta(minutes=5), mash.email)
        last = rated
        if rng.random() < cal.MASH_REQUEST_SHARE:
            n.update(information_needed=True, status="awaiting_information")
            last = self._requests(rows, n, rated + dt.timedelta(minutes=20), rag, open_now)
        else:
            n.update(information_needed=False, status="awaiting_decision")
        if open_now:
            return
        self._decide(rows, n, last)

    def _requests(
        self, rows: Rows, n: Row, sent: dt.datetime, rag: str, open_now: bool
    ) -> dt.datetime:
        rng = self.rng
        latest = sent
        partners = [a for a in self.agencies.values() if a.pk != n["source_agency_id"]]
        due = rag_due(sent, rag)
        for agency in rng.sample(partners, rng.choice([1, 1, 2, 3])):
            request: Row = {
                "id": self._uuid(),
                "created_at": sent,
                "updated_at": sent,
                "version": 1,
                "notification_id": n["id"],
                "agency_id": agency.pk,
                "question": "Is the child or family known to your service?",
                "sent_by_id": self.users["mash_practitioner"].pk,
                "sent_at": sent,
                "due_at": due,
                "status": "open",
            }
            rows.requests.append(request)
            self._event(
                rows, n, "request_sent", sent, self.users["mash_practitioner"].email, agency.name
            )
            if open_now:
                continue
            late = rng.random() < cal.MASH_LATE_ANSWER_SHARE
            answered = (
                due + dt.timedelta(hours=rng.uniform(1, 48))
                if late
                else sent + (due - sent) * rng.uniform(0.1, 0.95)
            )
            request["status"] = "answered"
            rows.answers.append(
                {
                    "id": self._uuid(),
                    "created_at": answered,
                    "updated_at": answered,
                    "request_id": request["id"],
                    "answered_by_label": f"Safeguarding, {agency.name}",
                    "answered_at": answered,
                    "known_to_service": rng.choice(["yes", "no", "no"]),
                    "current_involvement": rng.random() < 0.2,
                    "text": "Checked our records; details given to the MASH.",
                }
            )
            self._event(rows, n, "answered", answered, "partner", agency.name)
            latest = max(latest, answered)
        return latest

    def _decide(self, rows: Rows, n: Row, after: dt.datetime) -> None:
        rng = self.rng
        decided = after + dt.timedelta(minutes=rng.randrange(20, 240))
        if rng.random() < cal.MASH_LATE_DECISION_SHARE:
            decided = max(decided, n["decision_due_at"] + dt.timedelta(hours=rng.uniform(1, 30)))
        outcome = self._pick(cal.MASH_OUTCOME_SHARES)
        manager = self.users["mash_manager"]
        level = {
            "nfa": 1,
            "advice": 1,
            "early_help": 2,
            "assessment": 3,
            "strategy": 4,
            "already_open": 3,
        }[outcome]
        rows.decisions.append(
            {
                "id": self._uuid(),
                "created_at": decided,
                "updated_at": decided,
                "notification_id": n["id"],
                "outcome": outcome,
                "onward_referrals": ["marac"]
                if outcome == "strategy" and rng.random() < 0.3
                else [],
                "threshold_level": level,
                "rationale": "Decided on the information gathered",
                "lawful_basis_confirmed": True,
                "decided_by_id": manager.pk,
                "decided_at": decided,
            }
        )
        n.update(status="decided", decided_at=decided, updated_at=decided)
        self._event(rows, n, "decided", decided, manager.email, outcome)
