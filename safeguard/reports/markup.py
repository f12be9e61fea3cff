"""The small markup partners and the officer write in: headings, lists, emphasis and links.

Everything is escaped first and only these few elements are made, so no script, style or event
handler can reach a page. Raw HTML and links to anything but the web or email are refused with
a message, so that the writer knows why their text changed nothing.

    ## A heading
    - an item          1. a numbered item
    **strong**, *emphasis*, [a link](https://example.org)
"""

import html
import re

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_SAFE_LINK = re.compile(r"^(https?://[^\s]+|mailto:[^\s@]+@[^\s]+|#[A-Za-z][\w-]*)$")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")
_BULLET = re.compile(r"^[-*] +")
_NUMBER = re.compile(r"^\d+[.)] +")


def markup_problems(text: str) -> list[str]:
    """Why the text cannot be accepted as it is; empty when it can."""
    problems = []
    if _HTML.search(text):
        problems.append(
            "HTML is not allowed. Use the markup shown: ## for a heading, - for a list, "
            "**bold**, *emphasis* and [text](https://address) for a link"
        )
    for _, target in _LINK.findall(text):
        if not _SAFE_LINK.match(target):
            problems.append(
                f"The link to {target[:60]} is not allowed: links must start with https://, "
                "http:// or mailto:"
            )
    return problems


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=True)

    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), html.unescape(match.group(2))
        if not _SAFE_LINK.match(target):
            return match.group(0)
        return f'<a href="{html.escape(target, quote=True)}">{label}</a>'

    escaped = _LINK.sub(link, escaped)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def _block(lines: list[str], heading_level: int) -> str:
    first = lines[0]
    if first.startswith("#"):
        hashes = len(first) - len(first.lstrip("#"))
        level = min(heading_level + hashes - 2, 6) if hashes >= 2 else heading_level
        return f"<h{level}>{_inline(first.lstrip('#').strip())}</h{level}>" + (
            _block(lines[1:], heading_level) if lines[1:] else ""
        )
    if all(_BULLET.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    if all(_NUMBER.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_NUMBER.sub('', line))}</li>" for line in lines)
        return f"<ol>{items}</ol>"
    return f"<p>{_inline(' '.join(lines))}</p>"


def markup_html(text: str, *, heading_level: int = 3) -> str:
    """The text as HTML; `## ` makes a heading at `heading_level`, `### ` one below it."""
    blocks, current = [], []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return "\n".join(_block(b, heading_level) for b in blocks)


def markup_text(text: str) -> str:
    """The words alone, for the checks (acronyms, placeholders) that read the text."""
    words = _LINK.sub(r"\1", text)
    return re.sub(r"[*_#]", "", words)
