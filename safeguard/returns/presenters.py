"""Formatting of returns, import jobs, indicators and chronologies for the pages."""

from typing import Any

from safeguard.core.presenters import format_date
from safeguard.returns.codelists import year_label
from safeguard.returns.indicators import IndicatorValue
from safeguard.returns.models import JobStatus, ReturnImportJob, StatutoryReturn

STATUS_TAGS = {
    JobStatus.QUEUED: "govuk-tag--grey",
    JobStatus.RUNNING: "govuk-tag--blue",
    JobStatus.DONE: "govuk-tag--green",
    JobStatus.INVALID: "govuk-tag--red",
    JobStatus.FAILED: "govuk-tag--red",
}


def job_tag(job: ReturnImportJob) -> dict[str, str]:
    return {"text": job.get_status_display(), "classes": STATUS_TAGS[JobStatus(job.status)]}


def job_is_running(job: ReturnImportJob) -> bool:
    return job.status in (JobStatus.QUEUED, JobStatus.RUNNING)


def job_summary_rows(job: ReturnImportJob) -> list[dict[str, Any]]:
    rows = [
        ("Collection year", year_label(job.collection_year)),
        ("Files", ", ".join(job.file_names)),
        ("Check only", "Yes" if job.dry_run else "No"),
        ("Started", format_date(job.created_at)),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def outcome_lines(job: ReturnImportJob) -> list[str]:
    """What the import did (or would do), table by table."""
    outcome = job.outcome
    if not outcome:
        return []
    if outcome.get("unchanged"):
        return ["The same as the return already imported for this year: nothing changed."]
    lines = [f"{table}: {count:,} rows" for table, count in sorted(outcome["counts"].items())]
    if outcome.get("replaces"):
        lines.append("It replaces the return imported earlier for this year. Changes:")
        lines += [
            f"{table}: {c['added']} added, {c['removed']} removed, {c['changed']} changed"
            for table, c in outcome["changes"].items()
        ]
    return lines


def job_error_summary(job: ReturnImportJob, *, shown: int = 10) -> dict[str, Any]:
    items = [
        {
            "text": f"{e['place']}: {e['message']}" if e["place"] else e["message"],
            "href": "#problems",
        }
        for e in job.errors[:shown]
    ]
    if len(job.errors) > shown:
        items.append({"text": f"And {len(job.errors) - shown} more problems", "href": "#problems"})
    return {"titleText": f"{len(job.errors)} problem(s): nothing was imported", "errorList": items}


def return_rows(returns: list[StatutoryReturn]) -> list[list[dict[str, Any]]]:
    rows = []
    for r in returns:
        counts = ", ".join(f"{t} {n:,}" for t, n in sorted(r.counts.items()))
        status = "Current" if r.is_current else "Replaced"
        rows.append(
            [
                {"text": year_label(r.collection_year)},
                {"text": r.get_kind_display()},
                {"text": counts},
                {"text": format_date(r.created_at)},
                {"text": status},
            ]
        )
    return rows


def indicator_value(value: IndicatorValue) -> str:
    if value.value is None:
        return "No return"
    if value.unit == "percent":
        return f"{value.value:.1f}% ({value.numerator:,} of {value.denominator:,})"
    return f"{value.value:,.0f}"
