"""A report's content as plain data, built from the records: the snapshot a publication
freezes, and what the HTML, the PDF and the consistency check all read."""

import hashlib
import json
import re
from typing import Any

from django.conf import settings

from safeguard.reports import blocks as b
from safeguard.reports.definition import QUESTIONS
from safeguard.reports.generated import GENERATORS, Build
from safeguard.reports.markup import markup_html, markup_text
from safeguard.reports.models import (
    Acronym,
    Contribution,
    ContributionStatus,
    Report,
    Section,
    SectionKind,
)

ACRONYM = re.compile(r"\b[A-Z][A-Z&]*[A-Z]s?\b")


def _approved(report: Report) -> list[Contribution]:
    return list(
        Contribution.objects.filter(report=report, status=ContributionStatus.APPROVED)
        .select_related("agency")
        .order_by("agency__name")
    )


def _contributions(approved: list[Contribution]) -> list[b.Block]:
    blocks = []
    for c in approved:
        parts = []
        for question, answer in zip(QUESTIONS, c.answers, strict=False):
            if answer.strip():
                parts.append(f"<h4>{b.html_escape(question)}</h4>")
                parts.append(markup_html(answer, heading_level=5))
        anchor = f"contribution-{c.agency.pk.hex[:8]}"
        blocks.append(b.subsection(c.agency.name, anchor, [b.paragraph("\n".join(parts))]))
    return blocks


def _texts(sections: list[Section], approved: list[Contribution]) -> list[str]:
    """The words people wrote, for the acronyms they use."""
    texts = [markup_text(s.body) for s in sections]
    for c in approved:
        texts.extend(markup_text(answer) for answer in c.answers)
    return texts


def _table_texts(blocks: list[b.Block]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if block["kind"] == "table":
            found.extend(cell["text"] for row in block["rows"] for cell in row)
        elif block["kind"] == "chart":
            found.extend(_table_texts([block["table"]]))
        elif block["kind"] == "subsection":
            found.extend(_table_texts(block["blocks"]))
    return found


def acronyms_used(texts: list[str]) -> list[str]:
    return sorted({m.group(0) for text in texts for m in ACRONYM.finditer(text)})


def _glossary(used: list[str]) -> tuple[list[b.Block], list[str]]:
    """The glossary of the acronyms the report uses, and those the managed list lacks."""
    known = dict(Acronym.objects.values_list("acronym", "meaning"))
    rows, missing = [], []
    for acronym in used:
        meaning = known.get(acronym) or known.get(acronym.removesuffix("s"))
        if meaning is None:
            missing.append(acronym)
        else:
            rows.append([b.text_cell(acronym), b.text_cell(meaning)])
    if not rows:
        return [], missing
    return [b.table("Acronyms used in this report", ["Acronym", "Meaning"], rows)], missing


def _definitions(build: Build) -> list[b.Block]:
    return [{"kind": "definitions", "items": list(build.references.values())}]


def _section(
    section: Section, number: int, build: Build, approved: list[Contribution]
) -> dict[str, Any]:
    blocks: list[b.Block] = []
    if section.kind == SectionKind.GENERATED:
        blocks = GENERATORS[section.generator](build)
    elif section.kind == SectionKind.CONTRIBUTIONS:
        blocks = _contributions(approved)
    return {
        "key": section.key,
        "number": str(number),
        "title": section.title,
        "generator": section.generator,
        "body_html": markup_html(section.body, heading_level=3),
        "blocks": blocks,
    }


def report_content(report: Report) -> dict[str, Any]:
    build = Build(report.year)
    rows = list(report.sections.order_by("position"))
    approved = _approved(report)
    sections = [_section(s, n, build, approved) for n, s in enumerate(rows, 1)]
    table_texts = [t for s in sections for t in _table_texts(s["blocks"])]
    used = acronyms_used(_texts(rows, approved) + table_texts + [s["title"] for s in sections])
    glossary, missing = _glossary(used)
    for section in sections:
        if section["generator"] == "glossary":
            section["blocks"] = glossary
        elif section["generator"] == "definitions":
            section["blocks"] = _definitions(build)
    return {
        "title": report.title,
        "year": report.year,
        "year_label": build.label,
        "partnership": settings.PARTNERSHIP_NAME,
        "language": "en-GB",
        "sections": sections,
        "acronyms_missing": missing,
    }


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
