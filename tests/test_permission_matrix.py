"""Every route, for every role and every relationship to the record, answers as the policy says.

Relationships, for routes about a person:
- own: the person was recorded by the user's agency and is allocated to the user;
- other: recorded by another agency, not restricted, not allocated to the user;
- none: recorded by another agency and restricted (need-to-know).
Routes not about a record are checked once per role. A new route without a row here fails
`test_every_route_has_a_row`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.models import BreakGlassGrant
from safeguard.mash.models import Escalation, NotificationAttachment, WorkItem, WorkKind
from safeguard.mash.tests.factories import (
    PDF,
    NotificationFactory,
    RequestFactory,
    answer_with_attachment,
    decided_notification,
)
from safeguard.partners.models import AccountChange
from safeguard.partners.roles import Role
from safeguard.partners.services import api_key_create
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.partners.views.sign_in import MFA_VERIFIED
from safeguard.people.models import Allocation, PersonDuplicate, PersonMerge
from safeguard.people.tests.factories import PersonFactory
from safeguard.reports.models import Publication
from safeguard.reports.services import contribution_save, report_open
from safeguard.returns.models import (
    LinkStatus,
    ReturnChild,
    ReturnImportJob,
    ReturnKind,
    StatutoryReturn,
)
from safeguard.scorecard.selectors import ask_get
from safeguard.scorecard.services import indicator_save, round_open, submission_save
from safeguard.training.links import booking_token, confirm_token
from safeguard.training.models import BookingStatus
from safeguard.training.tests.factories import BookingFactory, InvoiceFactory, SessionFactory

ANON = "anonymous"
RELATIONSHIPS = ("own", "other", "none")
ALL_ROLES = tuple(Role)
MASH = {Role.MASH_PRACTITIONER, Role.MASH_MANAGER}
PARTNER = {Role.PARTNER_PRACTITIONER, Role.PARTNER_INFORMATION_OFFICER}
IG = {Role.INFORMATION_GOVERNANCE_OFFICER}
SW = {Role.SOCIAL_WORKER}
ADMIN = {Role.SYSTEM_ADMINISTRATOR}
SEARCHERS = MASH | PARTNER | SW | IG
CREATORS = MASH | PARTNER | SW
SUBMITTERS = MASH | PARTNER
INSIGHT = {Role.MASH_MANAGER, Role.PARTNERSHIP_OFFICER, Role.BOARD_MEMBER, Role.ANALYST}
ANSWERERS = {Role.PARTNER_INFORMATION_OFFICER}
TRAINING_ADMIN = {Role.TRAINING_ADMINISTRATOR}
TRAINING_READERS = TRAINING_ADMIN | {Role.PARTNERSHIP_OFFICER, Role.BOARD_MEMBER, Role.ANALYST}
RETURNS_READERS = {Role.PARTNERSHIP_OFFICER, Role.BOARD_MEMBER, Role.ANALYST}
ANALYST = {Role.ANALYST}
OFFICER = {Role.PARTNERSHIP_OFFICER}
# An agency's own scorecard figures and report contribution: own = asked of the user's agency;
# other = asked of another agency; none = in a round or report the agency is not part of.
AGENCY_RETURNS = {Role.PARTNER_INFORMATION_OFFICER, Role.ANALYST}


@dataclass
class World:
    agency: Any
    users: dict[Role, Any]
    people: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    notices: dict[str, Any] = field(default_factory=dict)
    asks: dict[str, Any] = field(default_factory=dict)
    attachments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """Not about a record: `allowed` roles get `ok`, other roles 403, anonymous `anon`."""

    path: Callable[[World], str]
    allowed: frozenset[Role] | set[Role] = frozenset(ALL_ROLES)
    ok: int = 200
    anon: int = 302
    method: str = "GET"


@dataclass(frozen=True)
class Record:
    """About one person: `expect[role]` gives the answer for own, other and none."""

    path: Callable[[World, str], str]
    expect: dict[Role, tuple[int, int, int]]
    method: str = "GET"


@dataclass(frozen=True)
class Link:
    """Reached through a delegate's signed link: the holder gets `ok` whoever they are, signed
    in or not, and a forged or altered link is 404 for everyone."""

    path: Callable[[World, str], str]
    ok: int = 200
    method: str = "GET"


@dataclass(frozen=True)
class Mine:
    """Something that belongs to one user (a work-list item): every role gets `ok` for its
    own and 404 for anyone else's; anonymous is sent to sign in."""

    path: Callable[[World, Role], str]
    ok: int = 302


@dataclass(frozen=True)
class Api:
    """Partner API: with the agency's key for own/other/none records, and without a key."""

    path: Callable[[World, str], str]
    expect: tuple[int, int, int]
    method: str = "GET"
    body: str = "{}"
    without_key: int = 401


def _record(default: tuple[int, int, int] = (404, 404, 404), **by_role: tuple[int, int, int]):
    expect = {role: default for role in ALL_ROLES}
    for group, answer in by_role.items():
        for role in GROUPS[group]:
            expect[role] = answer
    return expect


GROUPS = {
    "mash": MASH,
    "partner": PARTNER,
    "ig": IG,
    "sw": SW,
    "manager": {Role.MASH_MANAGER},
    "practitioner": {Role.MASH_PRACTITIONER},
    "submitter": {Role.PARTNER_PRACTITIONER},
    "answerer": ANSWERERS,
    "agency_returns": AGENCY_RETURNS,
}

VIEW = _record(
    mash=(200, 200, 404), partner=(200, 404, 404), sw=(200, 404, 404), ig=(200, 200, 200)
)
CHANGE = _record(mash=(200, 200, 404), partner=(200, 404, 404), sw=(200, 404, 404))
IG_ONLY = _record(ig=(200, 200, 200))
# Notifications: own = submitted by the agency's partner practitioner, with a request to the
# agency; other = from another agency, with a request to the agency; none = from another agency
# and nothing asked of this one.
MASH_SEES = _record(mash=(200, 200, 200), ig=(200, 200, 200))
MASH_WORKS = _record(mash=(200, 200, 200))
MASH_POSTS = _record(mash=(302, 302, 302))
FEEDBACK = _record(submitter=(200, 404, 404))
MASH_SEES_AND_REFERRER = _record(
    mash=(200, 200, 200), ig=(200, 200, 200), submitter=(200, 404, 404)
)
# Requests: own = addressed to the user's agency; other and none = addressed elsewhere.
REQUEST = _record(mash=(200, 200, 200), ig=(200, 200, 200), answerer=(200, 404, 404))
OWN_AGENCY = _record((403, 403, 403), agency_returns=(200, 404, 404))


def person(path: str) -> Callable[[World, str], str]:
    return lambda world, rel: path.format(id=world.people[rel].pk)


def notice(path: str) -> Callable[[World, str], str]:
    return lambda world, rel: path.format(id=world.notices[rel].pk)


def ask(path: str) -> Callable[[World, str], str]:
    return lambda world, rel: path.format(id=world.asks[rel].pk)


def link(path: str, booking: str = "booked") -> Callable[[World, str], str]:
    """The path with the booking's real signed token ("own"), or a forged one ("none")."""

    def make(world: World, rel: str) -> str:
        token = booking_token(world.extra[booking].pk)
        return path.format(token=token if rel == "own" else token[:-2] + "xx")

    return make


MATRIX: dict[str, Page | Record | Link | Mine | Api] = {
    "core:home": Page(lambda w: "/"),
    "core:accessibility": Page(lambda w: "/accessibility/", anon=200),
    "core:privacy": Page(lambda w: "/privacy/", anon=200),
    "core:break-glass-reviews": Page(lambda w: "/governance/break-glass/", IG),
    "core:security-events": Page(lambda w: "/governance/security-events/", IG),
    "core:break-glass-review": Record(
        lambda w, rel: f"/governance/break-glass/{w.extra['grant'].pk}/", IG_ONLY
    ),
    "partners:sign-in": Page(lambda w: "/sign-in/", anon=200),
    "partners:sign-in-code": Page(lambda w: "/sign-in/code/", ok=302, anon=302),
    "partners:mfa-setup": Page(lambda w: "/sign-in/set-up-authenticator/", ok=302, anon=302),
    "partners:sign-out": Page(lambda w: "/sign-out/", ok=302, anon=302, method="POST"),
    "partners:signed-out": Page(lambda w: "/signed-out/", anon=200),
    "partners:activate": Page(lambda w: "/account/activate/not-a-real-token/", anon=200),
    "partners:agency-list": Page(lambda w: "/admin/agencies/", ADMIN),
    "partners:agency-create": Page(lambda w: "/admin/agencies/new/", ADMIN),
    "partners:agency-detail": Page(lambda w: f"/admin/agencies/{w.agency.pk}/", ADMIN),
    "partners:agency-edit": Page(lambda w: f"/admin/agencies/{w.agency.pk}/edit/", ADMIN),
    "partners:team-create": Page(lambda w: f"/admin/agencies/{w.agency.pk}/teams/new/", ADMIN),
    "partners:user-list": Page(lambda w: "/admin/users/", ADMIN),
    "partners:user-create": Page(lambda w: "/admin/users/new/", ADMIN),
    "partners:user-detail": Page(lambda w: f"/admin/users/{w.users[Role.ANALYST].pk}/", ADMIN),
    "partners:user-edit": Page(lambda w: f"/admin/users/{w.users[Role.ANALYST].pk}/edit/", ADMIN),
    "partners:user-action": Page(
        lambda w: f"/admin/users/{w.users[Role.ANALYST].pk}/unlock/", ADMIN, ok=302, method="POST"
    ),
    "partners:account-changes": Page(lambda w: "/admin/account-changes/", ADMIN | IG),
    "partners:account-change": Page(
        lambda w: f"/admin/account-changes/{w.extra['account_change'].pk}/", ADMIN | IG
    ),
    "people:search": Page(lambda w: "/people/", SEARCHERS),
    "people:create": Page(lambda w: "/people/new/", CREATORS),
    "people:create-check": Page(lambda w: "/people/new/check/", CREATORS, ok=302),
    "people:detail": Record(person("/people/{id}/"), VIEW),
    "people:edit": Record(person("/people/{id}/edit/"), CHANGE),
    "people:add-name": Record(person("/people/{id}/names/new/"), CHANGE),
    "people:add-address": Record(person("/people/{id}/addresses/new/"), CHANGE),
    "people:add-identifier": Record(person("/people/{id}/identifiers/new/"), CHANGE),
    "people:add-relationship": Record(person("/people/{id}/relationships/new/"), CHANGE),
    "people:access-log": Record(person("/people/{id}/access-log/"), IG_ONLY),
    "people:break-glass": Record(
        person("/people/{id}/break-glass/"), _record(manager=(302, 302, 200))
    ),
    "people:merge": Record(person("/people/{id}/merge/"), IG_ONLY),
    "people:merge-confirm": Record(
        lambda w, rel: f"/people/{w.people[rel].pk}/merge/{w.extra['duplicate'].pk}/", IG_ONLY
    ),
    "people:duplicates": Page(lambda w: "/people/duplicates/", IG),
    "people:duplicate-dismiss": Record(
        lambda w, rel: f"/people/duplicates/{w.extra['duplicate_pair'].pk}/dismiss/", IG_ONLY
    ),
    "people:unmerge": Record(
        lambda w, rel: f"/people/merges/{w.extra['merge'].pk}/unmerge/", IG_ONLY
    ),
    "mash:notify": Page(lambda w: "/mash/notify/", SUBMITTERS),
    "mash:notify-contact": Page(lambda w: "/mash/notify/contact/", SUBMITTERS),
    "mash:notify-danger": Page(lambda w: "/mash/notify/danger/", SUBMITTERS),
    "mash:notify-call-999": Page(lambda w: "/mash/notify/call-999/", SUBMITTERS),
    "mash:notify-child": Page(lambda w: "/mash/notify/child/", SUBMITTERS),
    "mash:notify-child-match": Page(lambda w: "/mash/notify/child/match/", SUBMITTERS, ok=302),
    "mash:notify-children": Page(lambda w: "/mash/notify/children/", SUBMITTERS),
    "mash:notify-adult": Page(lambda w: "/mash/notify/adult/", SUBMITTERS),
    "mash:notify-adults": Page(lambda w: "/mash/notify/adults/", SUBMITTERS),
    "mash:notify-concerns": Page(lambda w: "/mash/notify/concerns/", SUBMITTERS),
    "mash:notify-account": Page(lambda w: "/mash/notify/what-happened/", SUBMITTERS),
    "mash:notify-sharing": Page(lambda w: "/mash/notify/sharing/", SUBMITTERS),
    "mash:notify-check": Page(lambda w: "/mash/notify/check/", SUBMITTERS),
    "mash:notify-sent": Record(notice("/mash/notify/sent/{id}/"), FEEDBACK),
    "mash:queue": Page(lambda w: "/mash/queue/", MASH),
    "mash:notification": Record(notice("/mash/notifications/{id}/"), MASH_SEES),
    "mash:assign": Record(notice("/mash/notifications/{id}/assign/"), MASH_POSTS, method="POST"),
    "mash:link-child": Record(
        lambda w, rel: (
            f"/mash/notifications/{w.notices[rel].pk}/children/"
            f"{w.notices[rel].children.get().pk}/link/"
        ),
        MASH_POSTS,
        method="POST",
    ),
    "mash:rag": Record(notice("/mash/notifications/{id}/rag/"), MASH_WORKS),
    "mash:consent": Record(notice("/mash/notifications/{id}/consent/"), MASH_WORKS),
    "mash:information": Record(notice("/mash/notifications/{id}/information/"), MASH_WORKS),
    "mash:decision": Record(
        notice("/mash/notifications/{id}/decision/"), _record(manager=(200, 200, 200))
    ),
    "mash:addendum": Record(notice("/mash/notifications/{id}/addenda/new/"), MASH_WORKS),
    "mash:requests": Page(lambda w: "/mash/requests/", MASH | ANSWERERS),
    "mash:request": Record(ask("/mash/requests/{id}/"), REQUEST),
    "mash:withdraw": Record(ask("/mash/requests/{id}/withdraw/"), MASH_WORKS),
    "mash:attachment": Record(
        lambda w, rel: f"/mash/attachments/{w.attachments[rel].pk}/", REQUEST
    ),
    "mash:submitted": Page(lambda w: "/mash/sent/", SUBMITTERS),
    "mash:feedback": Record(notice("/mash/sent/{id}/"), FEEDBACK),
    "mash:decision-correct": Record(
        lambda w, rel: f"/mash/notifications/{w.extra['decided'].pk}/decision/correct/",
        _record(manager=(200, 200, 200)),
    ),
    "mash:relink-child": Record(
        lambda w, rel: (
            f"/mash/notifications/{w.extra['decided'].pk}/children/"
            f"{w.extra['decided'].children.get().pk}/correct-link/"
        ),
        _record(manager=(200, 200, 200)),
    ),
    "mash:escalate": Record(notice("/mash/sent/{id}/escalate/"), FEEDBACK),
    "mash:escalation-answer": Record(
        lambda w, rel: (
            f"/mash/notifications/{w.extra['decided'].pk}/escalations/"
            f"{w.extra['escalation'].pk}/answer/"
        ),
        _record(manager=(200, 200, 200)),
    ),
    "mash:notify-files": Page(lambda w: "/mash/notify/documents/", SUBMITTERS),
    "mash:notification-file": Record(
        lambda w, rel: f"/mash/documents/{w.extra['files'][rel].pk}/", MASH_SEES_AND_REFERRER
    ),
    "mash:work": Page(lambda w: "/mash/work/"),
    "mash:work-seen": Page(lambda w: "/mash/work/seen/", ok=302, method="POST"),
    "mash:work-open": Mine(lambda w, role: f"/mash/work/{w.extra['work'][role].pk}/"),
    "mash:insight": Page(lambda w: "/mash/insight/", INSIGHT),
    "mash:insight-csv": Page(lambda w: "/mash/insight/by-agency.csv", INSIGHT),
    "training:catalogue": Page(lambda w: "/training/", anon=200),
    "training:course": Page(lambda w: f"/training/courses/{w.extra['course'].pk}/", anon=200),
    "training:book": Page(lambda w: f"/training/sessions/{w.extra['session'].pk}/book/", anon=200),
    "training:my-bookings": Page(lambda w: "/training/my-bookings/"),
    "training:booking": Link(link("/training/bookings/{token}/")),
    "training:confirm": Link(
        lambda w, rel: (
            "/training/confirm/"
            + (confirm_token(w.extra["booked"].pk) if rel == "own" else "forged-token")
            + "/"
        )
    ),
    "training:partner-claim": Page(
        lambda w: f"/training/admin/bookings/{w.extra['booked'].pk}/partner/",
        TRAINING_ADMIN,
        ok=302,
        method="POST",
    ),
    "training:cancel": Link(link("/training/bookings/{token}/cancel/"), ok=302, method="POST"),
    "training:evaluate": Link(link("/training/bookings/{token}/evaluate/before/")),
    "training:certificate": Link(link("/training/bookings/{token}/certificate.pdf", "attended")),
    "training:admin": Page(lambda w: "/training/admin/", TRAINING_ADMIN),
    "training:course-new": Page(lambda w: "/training/admin/courses/new/", TRAINING_ADMIN),
    "training:course-edit": Page(
        lambda w: f"/training/admin/courses/{w.extra['course'].pk}/edit/", TRAINING_ADMIN
    ),
    "training:session-new": Page(
        lambda w: f"/training/admin/courses/{w.extra['course'].pk}/sessions/new/", TRAINING_ADMIN
    ),
    "training:session-edit": Page(
        lambda w: f"/training/admin/sessions/{w.extra['session'].pk}/edit/", TRAINING_ADMIN
    ),
    "training:register": Page(
        lambda w: f"/training/admin/sessions/{w.extra['session'].pk}/register/", TRAINING_ADMIN
    ),
    "training:invoices": Page(lambda w: "/training/admin/invoices/", TRAINING_ADMIN),
    "training:invoice-paid": Page(
        lambda w: f"/training/admin/invoices/{w.extra['invoice'].pk}/paid/", TRAINING_ADMIN
    ),
    "training:elearning": Page(lambda w: "/training/admin/elearning/", TRAINING_ADMIN),
    "training:reports": Page(lambda w: "/training/reports/", TRAINING_READERS),
    "training:reports-csv": Page(lambda w: "/training/reports/places.csv", TRAINING_READERS),
    "returns:overview": Page(lambda w: "/returns/", RETURNS_READERS),
    "returns:upload": Page(lambda w: "/returns/upload/", ANALYST),
    "returns:job": Page(lambda w: f"/returns/imports/{w.extra['job'].pk}/", ANALYST),
    "returns:review": Page(lambda w: "/returns/review/", IG),
    "returns:resolve": Page(
        lambda w: f"/returns/review/{w.extra['to_review'].pk}/", IG, ok=302, method="POST"
    ),
    # The MASH sees any child but the restricted; the allocated worker, their own children.
    "returns:chronology": Record(
        person("/returns/chronology/{id}/"), _record(mash=(200, 200, 404), sw=(200, 404, 404))
    ),
    "governance:budget": Page(lambda w: "/governance/budget/2017/", RETURNS_READERS),
    "governance:line-new": Page(
        lambda w: "/governance/budget/2017/lines/new/", {Role.PARTNERSHIP_OFFICER}
    ),
    "scorecard:index": Page(lambda w: "/scorecard/", RETURNS_READERS),
    "scorecard:indicator": Page(lambda w: "/scorecard/indicators/MARAC/", RETURNS_READERS),
    "scorecard:indicator-new": Page(lambda w: "/scorecard/indicators/new/", OFFICER),
    "scorecard:reference-new": Page(
        lambda w: "/scorecard/indicators/MARAC/comparators/new/", OFFICER
    ),
    "scorecard:demographics": Page(lambda w: "/scorecard/demographics/2018/", RETURNS_READERS),
    "scorecard:demographic-new": Page(lambda w: "/scorecard/demographics/2018/new/", OFFICER),
    "scorecard:rounds": Page(lambda w: "/scorecard/rounds/", OFFICER),
    "scorecard:round-new": Page(lambda w: "/scorecard/rounds/new/", OFFICER),
    "scorecard:round": Page(lambda w: f"/scorecard/rounds/{w.extra['round'].pk}/", OFFICER),
    "scorecard:review": Page(
        lambda w: f"/scorecard/submissions/{w.extra['submission'].pk}/review/", OFFICER
    ),
    "scorecard:due": Page(lambda w: "/scorecard/due/", AGENCY_RETURNS),
    "scorecard:submit": Record(lambda w, rel: w.extra["asks"][rel], OWN_AGENCY),
    "reports:index": Page(lambda w: "/reports/", RETURNS_READERS),
    "reports:open": Page(lambda w: "/reports/open/", OFFICER),
    "reports:contributions": Page(lambda w: "/reports/contributions/", AGENCY_RETURNS),
    "reports:contribution": Record(
        lambda w, rel: f"/reports/contributions/{w.extra['contributions'][rel].pk}/", OWN_AGENCY
    ),
    "reports:detail": Page(lambda w: "/reports/2018/", OFFICER),
    "reports:preview": Page(lambda w: "/reports/2018/preview/", OFFICER),
    "reports:publish": Page(lambda w: "/reports/2018/publish/", OFFICER, method="POST"),
    "reports:section-new": Page(lambda w: "/reports/2018/sections/new/", OFFICER),
    "reports:section": Page(lambda w: "/reports/2018/sections/foreword/", OFFICER),
    "reports:section-move": Page(
        lambda w: "/reports/2018/sections/foreword/move/", OFFICER, ok=302, method="POST"
    ),
    "reports:section-remove": Page(
        lambda w: "/reports/2018/sections/foreword/remove/", OFFICER, ok=302, method="POST"
    ),
    "reports:contribution-review": Page(
        lambda w: f"/reports/2018/contributions/{w.extra['contributions']['own'].pk}/", OFFICER
    ),
    "reports:published": Page(lambda w: "/reports/2018/v1/", RETURNS_READERS),
    "reports:published-pdf": Page(lambda w: "/reports/2018/v1/report.pdf", RETURNS_READERS),
    "reports:public-set": Page(
        lambda w: "/reports/2018/v1/public/", OFFICER, ok=302, method="POST"
    ),
    "public-reports:public": Page(lambda w: "/annual-reports/2018/", anon=200),
    "public-reports:public-pdf": Page(lambda w: "/annual-reports/2018/report.pdf", anon=200),
    "api-v1:notifications-create": Api(
        lambda w, rel: "/api/v1/notifications", (422, 422, 422), method="POST"
    ),
    "api-v1:notifications-detail": Api(
        lambda w, rel: f"/api/v1/notifications/{w.extra['api_notices'][rel].pk}", (200, 404, 404)
    ),
    "api-v1:requests-list": Api(lambda w, rel: "/api/v1/information-requests", (200, 200, 200)),
    "api-v1:requests-detail": Api(ask("/api/v1/information-requests/{id}"), (200, 404, 404)),
    "api-v1:requests-answer": Api(
        ask("/api/v1/information-requests/{id}/answer"), (422, 422, 422), method="POST"
    ),
    "api-v1:api-root": Api(lambda w, rel: "/api/v1/", (404, 404, 404), without_key=404),
    "api-v1:openapi-json": Api(
        lambda w, rel: "/api/v1/openapi.json", (200, 200, 200), without_key=200
    ),
    "api-v1:whoami": Api(lambda w, rel: "/api/v1/whoami", (200, 200, 200)),
    "api-v1:people-detail": Api(person("/api/v1/people/{id}"), (200, 404, 404)),
    "api-v1:people-search": Api(
        lambda w, rel: "/api/v1/people/search", (200, 200, 200), method="POST"
    ),
    "api-v1:people-create": Api(lambda w, rel: "/api/v1/people", (422, 422, 422), method="POST"),
}


def _route_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _route_names(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"Every route needs a name: {pattern.pattern}"
            names.add(prefix + pattern.name)
    return names


def test_every_route_has_a_row():
    routes = _route_names(get_resolver())
    assert routes - set(MATRIX) == set(), "Add these routes to the permission matrix"
    assert set(MATRIX) - routes == set(), "These matrix rows name routes that do not exist"


@pytest.fixture
def world(db) -> World:
    agency, other = AgencyFactory(), AgencyFactory()
    users = {role: UserFactory(agency=agency, roles=[role]) for role in ALL_ROLES}
    people = {
        "own": PersonFactory(recorded_by_agency=agency),
        "other": PersonFactory(recorded_by_agency=other),
        "none": PersonFactory(recorded_by_agency=other, is_restricted=True),
    }
    Allocation.objects.create(
        person=people["own"], worker=users[Role.SOCIAL_WORKER], started_on=dt.date(2018, 1, 1)
    )
    world = World(agency, users, people)
    world.extra["account_change"] = AccountChange.objects.create(
        user=users[Role.ANALYST],
        requested_by=users[Role.SYSTEM_ADMINISTRATOR],
        roles_added=["mash_manager"],
    )
    world.extra["duplicate"] = PersonFactory(recorded_by_agency=other)
    world.extra["duplicate_pair"] = PersonDuplicate.objects.create(
        person_a=people["other"],
        person_b=world.extra["duplicate"],
        probability=0.97,
        contributions=[["family_name", "exact", 8.0]],
        found_at=dt.datetime(2018, 1, 1, tzinfo=dt.UTC),
    )
    merged = PersonFactory(recorded_by_agency=other)
    world.extra["merge"] = PersonMerge.objects.create(
        survivor=world.extra["duplicate"],
        merged=merged,
        reason="For the matrix",
        merged_by=users[Role.INFORMATION_GOVERNANCE_OFFICER],
        moved={
            "names": {},
            "addresses": [],
            "identifiers": [],
            "allocations": [],
            "relationships_from": [],
            "relationships_to": [],
            "fields": {},
        },
    )
    _mash_world(world, other)
    _training_world(world)
    _returns_world(world)
    _reports_world(world, other)
    world.extra["grant"] = BreakGlassGrant.objects.create(
        user=users[Role.MASH_MANAGER],
        object_type="people.person",
        object_id=people["none"].pk,
        reason="For the matrix",
        expires_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    return world


def _mash_world(world: World, other: Any) -> None:
    third = AgencyFactory()
    submitter = world.users[Role.PARTNER_PRACTITIONER]
    world.notices = {
        "own": NotificationFactory(source_agency=world.agency, submitted_by=submitter),
        "other": NotificationFactory(source_agency=other, submitted_by=UserFactory(agency=other)),
        "none": NotificationFactory(source_agency=third, submitted_by=UserFactory(agency=third)),
    }
    world.asks = {
        "own": RequestFactory(notification=world.notices["other"], agency=world.agency),
        "other": RequestFactory(notification=world.notices["own"], agency=other),
        "none": RequestFactory(notification=world.notices["none"], agency=third),
    }
    world.extra["api_notices"] = {
        rel: NotificationFactory(source_agency=agency, submitted_by=None, channel="api")
        for rel, agency in (("own", world.agency), ("other", other), ("none", third))
    }
    world.extra["files"] = {
        rel: NotificationAttachment.objects.create(
            notification=world.notices[rel],
            file=default_storage.save("mash/notifications/matrix.pdf", ContentFile(PDF)),
            original_name="body map.pdf",
            content_type="application/pdf",
            size=len(PDF),
        )
        for rel in RELATIONSHIPS
    }
    world.extra["decided"] = decided_notification(PersonFactory())
    world.extra["escalation"] = Escalation.objects.create(
        notification=world.extra["decided"],
        raised_by=UserFactory(),
        raised_at=timezone.now(),
        reason="The school knows more",
        manager=UserFactory(),
        due_at=timezone.now(),
    )
    world.extra["work"] = {
        role: WorkItem.objects.create(
            user=user, kind=WorkKind.DECISION_MADE, reference="MASH-1", path="/mash/sent/"
        )
        for role, user in world.users.items()
    }
    world.attachments = {
        rel: answer_with_attachment(
            RequestFactory(notification=world.notices[rel], agency=world.asks[rel].agency)
        )
        for rel in RELATIONSHIPS
    }


def _training_world(world: World) -> None:
    session = SessionFactory(capacity=5)
    world.extra["course"], world.extra["session"] = session.course, session
    world.extra["booked"] = BookingFactory(session=session)
    held = SessionFactory(course=session.course, starts_at=timezone.now() - dt.timedelta(days=3))
    world.extra["attended"] = BookingFactory(session=held, status=BookingStatus.ATTENDED)
    world.extra["invoice"] = InvoiceFactory(booking=world.extra["booked"])


def _returns_world(world: World) -> None:
    analyst = world.users[Role.ANALYST]
    world.extra["job"] = ReturnImportJob.objects.create(
        agency=world.agency, requested_by=analyst, collection_year=2017, file_names=["x.csv"]
    )
    statutory_return = StatutoryReturn.objects.create(
        kind=ReturnKind.SSDA903, collection_year=2017, agency=world.agency, content_hash="x"
    )
    world.extra["to_review"] = ReturnChild.objects.create(
        statutory_return=statutory_return,
        child_ref="C1",
        link_status=LinkStatus.REVIEW,
        sex="F",
        date_of_birth=dt.date(2010, 1, 1),
        ethnicity="WBRI",
    )


def _reports_world(world: World, other: Any) -> None:
    officer = Actor.for_user(world.users[Role.PARTNERSHIP_OFFICER])
    third = AgencyFactory()
    indicators = {
        code: indicator_save(
            actor=officer, code=code, name=code, definition="x", unit="count",
            higher_is_better=None, period="year", theme="exploitation",
            owner_agency=owner, source_kind="submitted", computed_key="",
        )
        for code, owner in (("MARAC", None), ("OTHERS", other))
    }  # fmt: skip
    rounds = [
        round_open(
            actor=officer, year=year, quarter=None, due_on=dt.date(2030, 1, 1),
            agencies=agencies, indicators=list(indicators.values()),
        )
        for year, agencies in ((2018, [world.agency, other]), (2017, [third]))
    ]  # fmt: skip
    world.extra["round"] = rounds[0]
    world.extra["asks"] = {
        "own": f"/scorecard/due/{rounds[0].pk}/MARAC/",
        "other": f"/scorecard/due/{rounds[0].pk}/OTHERS/",
        "none": f"/scorecard/due/{rounds[1].pk}/MARAC/",
    }
    partner = Actor.for_user(world.users[Role.PARTNER_INFORMATION_OFFICER])
    world.extra["submission"] = submission_save(
        actor=partner,
        ask=ask_get(actor=partner, round_id=rounds[0].pk, code="MARAC"),
        value=Decimal(3),
        evidence="Minutes",
    )
    report = report_open(actor=officer, year=2018, contributions_due=dt.date(2030, 1, 1))
    earlier = report_open(actor=officer, year=2017, contributions_due=dt.date(2030, 1, 1))
    world.extra["contributions"] = {
        "own": report.contributions.get(agency=world.agency),
        "other": report.contributions.get(agency=other),
        "none": earlier.contributions.get(agency=third),
    }
    contribution_save(
        actor=partner,
        contribution=world.extra["contributions"]["own"],
        answers=["Our answer.", "", "", ""],
        seen_version=1,
    )
    section = {"key": "a", "number": "1", "title": "A", "generator": "", "body_html": "<p>x</p>"}
    Publication.objects.create(
        report=report,
        number=1,
        content={
            "title": "Report", "year": 2018, "year_label": "2018-19", "partnership": "P",
            "language": "en-GB", "sections": [section | {"blocks": []}], "acronyms_missing": [],
        },
        content_hash="x",
        published_by=officer.user,
        published_at=timezone.now(),
        is_public=True,
    )  # fmt: skip


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="safeguard.partners.auth.EmailBackend")
        session = client.session
        session[MFA_VERIFIED] = True
        session.save()
    return client


def _call(client: Client, method: str, path: str, **kwargs: Any) -> int:
    call = client.post if method == "POST" else client.get
    return call(path, **kwargs).status_code


def _check_page(world: World, row: Page) -> list[str]:
    path, wrong = row.path(world), []
    expected = {ANON: row.anon}
    expected |= {role: row.ok if role in row.allowed else 403 for role in ALL_ROLES}
    for who, want in expected.items():
        user = None if who == ANON else world.users[who]
        got = _call(_client(user), row.method, path)
        if got != want:
            wrong.append(f"{who}: expected {want}, got {got}")
    return wrong


def _check_record(world: World, row: Record) -> list[str]:
    wrong = []
    for rel_index, rel in enumerate(RELATIONSHIPS):
        path = row.path(world, rel)
        got = _call(_client(), row.method, path)
        if got != 302:
            wrong.append(f"anonymous/{rel}: expected 302, got {got}")
        for role in ALL_ROLES:
            want = row.expect[role][rel_index]
            got = _call(_client(world.users[role]), row.method, path)
            if got != want:
                wrong.append(f"{role}/{rel}: expected {want}, got {got}")
    return wrong


def _check_link(world: World, row: Link) -> list[str]:
    wrong = []
    for rel, want in (("own", row.ok), ("none", 404)):
        path = row.path(world, rel)
        for who in (ANON, *ALL_ROLES):
            user = None if who == ANON else world.users[who]
            got = _call(_client(user), row.method, path)
            if got != want:
                wrong.append(f"{who}/{rel}: expected {want}, got {got}")
    return wrong


def _check_mine(world: World, row: Mine) -> list[str]:
    wrong = []
    roles = list(ALL_ROLES)
    for index, role in enumerate(roles):
        someone_else = roles[(index + 1) % len(roles)]
        for who, owner, want in (
            (ANON, role, 302),
            (role, role, row.ok),
            (role, someone_else, 404),
        ):
            user = None if who == ANON else world.users[who]
            got = _call(_client(user), "GET", row.path(world, owner))
            if got != want:
                wrong.append(f"{who} on {owner}'s: expected {want}, got {got}")
    return wrong


def _check_api(world: World, row: Api) -> list[str]:
    token = api_key_create(agency=world.agency)[1]
    keyed = Client(headers={"Authorization": f"Bearer {token}"})
    wrong = []
    for rel_index, rel in enumerate(RELATIONSHIPS):
        path = row.path(world, rel)
        options = (
            {"data": row.body, "content_type": "application/json"} if (row.method == "POST") else {}
        )
        got = _call(keyed, row.method, path, **options)
        if got != row.expect[rel_index]:
            wrong.append(f"key/{rel}: expected {row.expect[rel_index]}, got {got}")
        got = _call(Client(), row.method, path, **options)
        if got != row.without_key:
            wrong.append(f"no key/{rel}: expected {row.without_key}, got {got}")
    return wrong


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_route_answers_each_role_as_the_matrix_says(world, route):
    row = MATRIX[route]
    if isinstance(row, Page):
        wrong = _check_page(world, row)
    elif isinstance(row, Record):
        wrong = _check_record(world, row)
    elif isinstance(row, Link):
        wrong = _check_link(world, row)
    elif isinstance(row, Mine):
        wrong = _check_mine(world, row)
    else:
        wrong = _check_api(world, row)
    assert wrong == [], f"{route}: " + "; ".join(wrong)
