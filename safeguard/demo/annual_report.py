"""The demo partnership's scorecard and its 2017-18 yearly report, set up through the same
services its officer and partners use: the catalogue, the figures partners submit with their
evidence, the demographics with their sources, the narrative, the partners' contributions, and
the first published version, made public."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.demo.report_text import ACRONYMS, CONTRIBUTIONS, NARRATIVE, SUBMITTED
from safeguard.partners.models import Agency, User, UserRole
from safeguard.partners.roles import Role
from safeguard.reports.models import Report
from safeguard.reports.services import (
    acronyms_add,
    contribution_review,
    contribution_save,
    report_open,
    report_publish,
    section_edit,
)
from safeguard.scorecard.models import Indicator, PeriodKind, SourceKind, Theme, Unit
from safeguard.scorecard.selectors import ask_get
from safeguard.scorecard.services import (
    demographic_figure_add,
    indicator_save,
    round_open,
    submission_review,
    submission_save,
)

# (code, theme, higher is better, target, amber margin, in the report) for computed indicators.
COMPUTED = (
    ("returns.CLA_31MAR", Theme.CARE, None, None, None, True),
    ("returns.CLA_HEALTH", Theme.CARE, True, "90", "5", True),
    ("returns.CLA_3PLACE", Theme.CARE, False, None, None, True),
    ("returns.PRIVATE_FOSTERING", Theme.JOURNEY, True, None, None, True),
    ("returns.CLA_MISSING", Theme.EXPLOITATION, False, None, None, False),
    ("returns.CIN_REFERRALS", Theme.JOURNEY, None, None, None, False),
    ("returns.CIN_REREFERRALS", Theme.JOURNEY, False, "22", "3", False),
    ("returns.CIN_ASSESS_45", Theme.JOURNEY, True, "85", "5", False),
    ("returns.CIN_ICPC_15", Theme.JOURNEY, True, "80", "5", False),
    ("returns.CP_SECOND", Theme.JOURNEY, False, "20", "3", False),
    ("mash.notifications", Theme.FRONT_DOOR, None, None, None, False),
    ("mash.decided_in_time", Theme.FRONT_DOOR, True, "90", "5", False),
    ("mash.referred", Theme.FRONT_DOOR, None, None, None, False),
    ("training.attendees", Theme.TRAINING, True, None, None, False),
    ("training.places_filled", Theme.TRAINING, True, "80", "10", False),
)


OTHER_NAMES = {
    "mash.notifications": ("Notifications received by the MASH", Unit.COUNT),
    "mash.decided_in_time": ("MASH decisions within one working day", Unit.PERCENT),
    "mash.referred": ("Notifications referred to children's social care", Unit.PERCENT),
    "training.attendees": ("Training places accessed", Unit.COUNT),
    "training.places_filled": ("Training places taken", Unit.PERCENT),
}


def _catalogue(officer: Actor, agencies: dict[str, Agency]) -> None:
    from safeguard.returns.indicators import INDICATORS
    from safeguard.scorecard.computed import COMPUTED as REGISTRY

    for n, (key, theme, better, target, amber, in_report) in enumerate(COMPUTED):
        code = key.split(".", 1)[1].upper()
        journey = INDICATORS.get(code)
        indicator_save(
            actor=officer,
            code=code,
            name=journey.name if journey else OTHER_NAMES[key][0],
            definition=REGISTRY[key].method,
            unit=journey.unit if journey else OTHER_NAMES[key][1],
            higher_is_better=better,
            period=PeriodKind.YEAR,
            theme=theme,
            owner_agency=agencies[cal.COUNCIL] if journey else None,
            source_kind=SourceKind.COMPUTED,
            computed_key=key,
            target=Decimal(target) if target else None,
            amber_within=Decimal(amber) if amber else None,
            in_yearly_report=in_report,
            position=n,
        )
    for n, (code, name, definition, unit, theme, owner) in enumerate(SUBMITTED):
        indicator_save(
            actor=officer,
            code=code,
            name=name,
            definition=definition,
            unit=unit,
            higher_is_better=None,
            period=PeriodKind.YEAR,
            theme=theme,
            owner_agency=agencies[owner],
            source_kind=SourceKind.SUBMITTED,
            computed_key="",
            position=100 + n,
        )


def _submissions(officer: Actor, analyst: User, agencies: dict[str, Agency]) -> None:
    council = agencies[cal.COUNCIL]
    asked = Indicator.objects.filter(code__in=cal.REPORT_SUBMITTED)
    collection_round = round_open(
        actor=officer,
        year=cal.REPORT_YEAR,
        quarter=None,
        due_on=timezone.localdate() + dt.timedelta(days=28),
        agencies=[council],
        indicators=asked,
    )
    submitter = Actor.for_user(analyst)
    for code, (value, evidence) in cal.REPORT_SUBMITTED.items():
        ask = ask_get(actor=submitter, round_id=collection_round.pk, code=code)
        submission = submission_save(
            actor=submitter, ask=ask, value=Decimal(value), evidence=evidence
        )
        submission_review(
            actor=officer, submission=submission, approve=True, note="", seen_version=1
        )


def _lead(agency: Agency, users: dict[str, User]) -> User:
    """Who writes the agency's contribution: its demo information officer, or a safeguarding
    lead made for the purpose (who cannot sign in)."""
    for user in users.values():
        if user.agency_id == agency.pk and Role.PARTNER_INFORMATION_OFFICER in user.roles:
            return user
    email = f"safeguarding.lead.{slugify(agency.name)[:40]}@{cal.DEMO_DOMAIN}"
    lead, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": "Safeguarding lead", "agency": agency, "is_demo_account": True},
    )
    if created:
        lead.set_unusable_password()
        lead.save()
        UserRole.objects.create(user=lead, role=Role.PARTNER_INFORMATION_OFFICER)
    return User.objects.get(pk=lead.pk)


def _report(officer: Actor, users: dict[str, User], agencies: dict[str, Agency]) -> Report:
    report = report_open(
        actor=officer,
        year=cal.REPORT_YEAR,
        contributions_due=timezone.localdate() + dt.timedelta(days=28),
    )
    for section in report.sections.all():
        body = NARRATIVE.get(section.key, "")
        if body:
            section_edit(
                actor=officer,
                section=section,
                title=section.title,
                body=body,
                seen_version=section.version,
            )
    for name, answers in CONTRIBUTIONS.items():
        contribution = report.contributions.get(agency=agencies[name])
        writer = Actor.for_user(_lead(agencies[name], users))
        contribution = contribution_save(
            actor=writer,
            contribution=contribution,
            answers=list(answers),
            seen_version=contribution.version,
        )
        contribution_review(
            actor=officer,
            contribution=contribution,
            approve=True,
            note="",
            seen_version=contribution.version,
        )
    return report


def annual_report_write(*, users: dict[str, User], agencies: dict[str, Agency]) -> None:
    officer = Actor.for_user(users["partnership_officer"])
    _catalogue(officer, agencies)
    for label, value, unit, source in cal.REPORT_DEMOGRAPHICS:
        demographic_figure_add(
            actor=officer,
            year=cal.REPORT_YEAR,
            label=label,
            value=Decimal(value),
            unit=unit,
            source=source,
        )
    _submissions(officer, users["analyst"], agencies)
    acronyms_add(actor=officer, entries=ACRONYMS)
    report = _report(officer, users, agencies)
    report_publish(actor=officer, report=report, make_public=True)
