"""The consistency check a report must pass before it is published: the faults that hand-made
reports carry (a percentage that is not its numerator over its denominator, a total that is not
the sum of its rows, last year's label, a placeholder, a dead link)."""

import re
from html.parser import HTMLParser
from typing import Any

from safeguard.reports.blocks import whole_percent
from safeguard.returns.codelists import year_label

PLACEHOLDER = re.compile(
    r"\{\{|\}\}|\bTODO\b|\bTBC\b|\bXXX+\b|\[insert|Error! Bookmark|lorem ipsum", re.IGNORECASE
)
PERIOD = re.compile(r"\b(20\d\d)[-/](\d\d)\b")
PERCENT = re.compile(r"^(\d+)%$")
SAFE_HREF = re.compile(r"^(https?://[\w.-]+\.[a-z]{2,}\S*|mailto:\S+@\S+)$", re.IGNORECASE)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and tag == "a":
                self.hrefs.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _tables(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for block in blocks:
        if block["kind"] == "table":
            found.append(block)
        elif block["kind"] == "chart":
            found.append(block["table"])
        elif block["kind"] == "subsection":
            found.extend(_tables(block["blocks"]))
    return found


def _table_problems(table: dict[str, Any]) -> list[str]:
    problems, rows, name = [], table["rows"], table["caption"]
    for total in table["totals"]:
        for column in total["columns"]:
            stated = rows[total["row"]][column]["value"]
            summed = sum(rows[r][column]["value"] or 0 for r in total["of"])
            if stated != summed:
                label = rows[total["row"]][0]["text"]
                problems.append(
                    f"{name}: {label} in column {table['columns'][column]} is {stated}, "
                    f"but its rows add up to {summed}"
                )
    for rule in table["percents"]:
        for r in rule["rows"]:
            row = rows[r]
            numerator, denominator = (
                row[rule["numerator"]]["value"],
                row[rule["denominator"]]["value"],
            )
            shown = PERCENT.match(row[rule["column"]]["text"])
            if not denominator:
                continue
            expected = whole_percent(numerator or 0, denominator)
            if shown is None or int(shown.group(1)) != expected:
                problems.append(
                    f"{name}: {row[0]['text']} shows {row[rule['column']]['text']}, but "
                    f"{numerator} of {denominator} is {expected}%"
                )
    return problems


def _figure_problems(block: dict[str, Any], year: int) -> list[str]:
    problems = []
    for item in block["items"]:
        if item["current_period"] != year_label(year):
            problems.append(f"{item['label']}: the figure is for {item['current_period']}")
        if item["previous_period"] != year_label(year - 1):
            problems.append(f"{item['label']}: the comparison is with {item['previous_period']}")
        if item["unit"] != "percent":
            continue
        for when in ("previous", "current"):
            numerator, denominator = item[when]
            if denominator:
                expected = f"{whole_percent(numerator, denominator)}%"
                if item[f"{when}_text"] != expected:
                    problems.append(
                        f"{item['label']}: shows {item[f'{when}_text']}, but {numerator} of "
                        f"{denominator} is {expected}"
                    )
    return problems


def _period_problems(content: dict[str, Any], text: str) -> list[str]:
    year = content["year"]
    allowed = {year_label(y) for y in (year - 1, year, year + 1)}
    problems = []
    for section in content["sections"]:
        for block in section["blocks"]:
            period = block.get("period")
            if period and period != content["year_label"]:
                problems.append(f"{section['title']}: figures for {period}, not the report's year")
    for match in PERIOD.finditer(text):
        start, end = int(match.group(1)), int(match.group(2))
        if end != (start + 1) % 100:
            continue  # a span of years ("2018-20"), not a year's label
        label = f"{match.group(1)}-{match.group(2)}"
        if label not in allowed:
            problems.append(f"The period {match.group(0)} is not the report's year or next to it")
    return sorted(set(problems))


def report_check(content: dict[str, Any], html: str) -> list[str]:
    """Every reason the report cannot be published; empty when it can."""
    problems = []
    for section in content["sections"]:
        if not section["body_html"].strip() and not section["blocks"]:
            problems.append(f"The section {section['title']} is empty")
        for table in _tables(section["blocks"]):
            problems.extend(_table_problems(table))
        for block in section["blocks"]:
            if block["kind"] == "figures":
                problems.extend(_figure_problems(block, content["year"]))
    parser = _Links()
    parser.feed(html)
    text = " ".join(parser.text)
    problems.extend(_period_problems(content, text))
    for href in parser.hrefs:
        if href.startswith("#"):
            if href[1:] not in parser.ids:
                problems.append(f"The link to {href} goes nowhere in the report")
        elif not SAFE_HREF.match(href):
            problems.append(f"The link {href[:80]} is not a web or email address")
    for match in sorted({m.group(0) for m in PLACEHOLDER.finditer(text)}):
        problems.append(f"The report still holds the placeholder {match!r}")
    for acronym in content["acronyms_missing"]:
        problems.append(f"{acronym} is used but is not in the glossary's list of acronyms")
    return problems
