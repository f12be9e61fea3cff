"""How training records read on the page."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from safeguard.core.presenters import format_date, format_time, tag
from safeguard.core.reporting import Table, share
from safeguard.training.models import Booking, BookingStatus, InvoiceStatus, Session
from safeguard.training.reports import CourseRow, DeliveryTable, Impact, TrainingReport
from safeguard.training.services.elearning import ImportResult


def money(pence: int | None) -> str:
    """'£1,234.50', or 'Free'."""
    if not pence:
        return "Free"
    return f"£{pence / 100:,.2f}"


def amount(pence: int) -> str:
    """'£1,234.50', or '£0.00': an amount owed, where 'Free' would mislead."""
    return f"£{pence / 100:,.2f}"


def when(session: Session) -> str:
    """'4 March 2018, 9:30am to 4pm'."""
    return (
        f"{format_date(session.starts_at)}, {format_time(session.starts_at)} to "
        f"{format_time(session.ends_at)}"
    )


def where(session: Session) -> str:
    return "Online" if session.online else session.venue


def places_left(session: Session) -> str:
    left = session.capacity - getattr(session, "taken", 0)
    if left <= 0:
        return "Full: join the waiting list"
    return f"{left} place{'s' if left != 1 else ''} left"


def booking_tag(status: str) -> dict[str, Any]:
    colours = {
        BookingStatus.UNCONFIRMED: "grey",
        BookingStatus.BOOKED: "green",
        BookingStatus.WAITING: "yellow",
        BookingStatus.CANCELLED: "grey",
        BookingStatus.ATTENDED: "blue",
        BookingStatus.NO_SHOW: "red",
    }
    return tag(BookingStatus(status).label, colours[BookingStatus(status)])


def invoice_tag(status: str) -> dict[str, Any]:
    colours = {
        InvoiceStatus.UNPAID: "yellow",
        InvoiceStatus.PAID: "green",
        InvoiceStatus.CANCELLED: "grey",
    }
    return tag(InvoiceStatus(status).label, colours[InvoiceStatus(status)])


def percent(value: float | None) -> str:
    return "Not known" if value is None else f"{value:.0f}%"


def percent_filled(attendees: int, places: int | None) -> str:
    """Whole percent, but never '100%' while a place is empty (99.6% reads as 99%)."""
    if not places:
        return "Not applicable"
    value = share(attendees, places) or 0.0
    shown = round(value)
    if shown >= 100 and attendees < places:
        shown = 99
    return f"{shown}%"


def _delivery_rows(table: DeliveryTable) -> list[tuple[object, ...]]:
    def row(r: CourseRow) -> tuple[object, ...]:
        return (r.title, r.attendees, r.places, percent_filled(r.attendees, r.places))

    rows = [row(r) for r in table.courses]
    rows.append(row(table.direct))
    rows += [(r.title, r.attendees, None, None) for r in table.elearning]
    rows.append((table.elearning_total.title, table.elearning_total.attendees, None, None))
    rows.append(("Grand total: training places accessed", table.grand_total, None, None))
    return rows


def _impact_rows(impact: list[Impact]) -> list[tuple[object, ...]]:
    return [
        (
            i.course,
            i.attendees,
            i.before_respondents,
            i.before_response_rate,
            i.knowledge_before,
            i.confidence_before,
            i.after_respondents,
            i.after_response_rate,
            i.knowledge_after,
            i.confidence_after,
        )
        for i in impact
    ]


def _impact_columns() -> tuple[str, ...]:
    knowing = f"knowledge at least '{settings.TRAINING_KNOWLEDGE_THRESHOLD}' %"
    confident = f"confidence at least '{settings.TRAINING_CONFIDENCE_THRESHOLD}' %"
    return (
        "Course",
        "Attendees",
        "Rated before",
        "Response rate before %",
        f"Before: {knowing}",
        f"Before: {confident}",
        "Rated after",
        "Response rate after %",
        f"After: {knowing}",
        f"After: {confident}",
    )


def report_tables(report: TrainingReport) -> list[Table]:
    """The report's tables, in the order of the seed's section 9, for the page and for CSV."""
    money = report.income
    return [
        Table(
            "places",
            "Training places: attendees and places offered",
            ("Course", "Attendees", "Places offered", "% filled"),
            _delivery_rows(report.delivery),
        ),
        Table(
            "events",
            "Learning events",
            ("Event", "Attendees", "Places offered", "% filled"),
            [
                (r.title, r.attendees, r.places, percent_filled(r.attendees, r.places))
                for r in report.delivery.events
            ],
        ),
        Table(
            "agencies",
            "Attendance by agency",
            ("Agency", "Attendees"),
            [(name, n) for name, n in report.agencies],
        ),
        Table(
            "income",
            "Income from charges",
            ("Measure", "Value"),
            [
                ("Invoices issued", money.invoices),
                ("Invoiced (£)", pounds(money.invoiced_pence)),
                ("Paid (£)", pounds(money.paid_pence)),
                ("Outstanding (£)", pounds(money.outstanding_pence)),
            ],
        ),
        Table(
            "impact",
            "Impact: self-ratings before and after courses",
            _impact_columns(),
            _impact_rows(report.impact),
        ),
    ]


def pounds(pence: int) -> Decimal:
    """An amount as a number of pounds, for tables and CSV."""
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ChartData:
    title: str
    labels: list[str]
    values: list[float]
    value_title: str


def report_charts(report: TrainingReport) -> dict[str, ChartData]:
    """The charts beside the tables: each shows rows of its table, never anything else."""
    delivery = report.delivery
    charts = {
        "places": ChartData(
            "Attendees by course and e-learning module",
            [r.title for r in delivery.courses + delivery.elearning],
            [float(r.attendees) for r in delivery.courses + delivery.elearning],
            "Attendees",
        ),
        "events": ChartData(
            "Attendees at learning events",
            [r.title for r in delivery.events],
            [float(r.attendees) for r in delivery.events],
            "Attendees",
        ),
        "agencies": ChartData(
            "Attendees by agency",
            [name for name, _ in report.agencies],
            [float(n) for _, n in report.agencies],
            "Attendees",
        ),
    }
    overall = report.impact[-1] if report.impact else None
    if overall and (overall.before_respondents or overall.after_respondents):
        charts["impact"] = ChartData(
            "Respondents at or above each threshold, all courses",
            ["Knowledge before", "Knowledge after", "Confidence before", "Confidence after"],
            [
                overall.knowledge_before or 0.0,
                overall.knowledge_after or 0.0,
                overall.confidence_before or 0.0,
                overall.confidence_after or 0.0,
            ],
            "% of respondents",
        )
    return {slug: chart for slug, chart in charts.items() if chart.labels}


def booking_state(booking: Booking) -> dict[str, Any]:
    """What the delegate's booking page may offer: rating links, cancelling, the late warning."""
    now = timezone.now()
    starts = booking.session.starts_at
    return {
        "rated": {e.stage for e in booking.evaluations.all()},
        "can_cancel": booking.status in (BookingStatus.BOOKED, BookingStatus.WAITING)
        and starts > now,
        "late": starts - now < dt.timedelta(days=settings.TRAINING_LATE_CANCELLATION_DAYS),
        "late_days": settings.TRAINING_LATE_CANCELLATION_DAYS,
        "confirm_hours": settings.TRAINING_CONFIRM_HOURS,
        "invoice": getattr(booking, "invoice", None),
    }


def import_error_summary(result: ImportResult, *, shown: int = 10) -> dict[str, Any]:
    """The error summary of a refused import: the first problems, each pointing to the table."""
    count = len(result.errors)
    items = [
        {
            "text": f"Row {e.row}"
            + (f", column '{e.column}'" if e.column else "")
            + f": {e.message}",
            "href": "#problems",
        }
        for e in result.errors[:shown]
    ]
    if count > shown:
        items.append({"text": f"And {count - shown} more problems", "href": "#problems"})
    problems = f"{count} problem{'s' if count != 1 else ''}"
    return {
        "titleText": f"Nothing was imported: the file has {problems}",
        "descriptionText": "Correct the rows shown and import the whole file again.",
        "errorList": items,
    }
