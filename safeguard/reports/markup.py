"""The small markup partners and the officer write in: headings, lists, emphasis and links.

It is CommonMark, parsed by markdown-it-py with raw HTML off, and its output is then cleaned by
nh3 to an allow-list of elements and of link schemes: no script, style, image or event handler
can reach a page, whatever the input. Raw HTML and links to anything but the web or email are
refused with a message, so that the writer knows why their text changed nothing.

    ## A heading
    - an item          1. a numbered item
    **strong**, *emphasis*, [a link](https://example.org)
"""

import re
from collections.abc import Iterator

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "a"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_SAFE_LINK = re.compile(r"^(https?://[^\s]+|mailto:[^\s@]+@[^\s]+|#[A-Za-z][\w-]*)$")

_parser = MarkdownIt("commonmark", {"html": False}).disable(
    ["code", "fence", "blockquote", "hr", "html_block", "html_inline", "image", "backticks"]
)
# Every link reaches the tokens, so that a refused one can be named; the rendering drops it.
_parser.validateLink = lambda url: True  # type: ignore[method-assign]


def _links(tokens: list[Token]) -> Iterator[str]:
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                yield str(child.attrGet("href") or "")


def markup_problems(text: str) -> list[str]:
    """Why the text cannot be accepted as it is; empty when it can."""
    problems = []
    if _HTML.search(text):
        problems.append(
            "HTML is not allowed. Use the markup shown: ## for a heading, - for a list, "
            "**bold**, *emphasis* and [text](https://address) for a link"
        )
    for target in _links(_parser.parse(text)):
        if not _SAFE_LINK.match(target):
            problems.append(
                f"The link to {target[:60]} is not allowed: links must start with https://, "
                "http:// or mailto:"
            )
    return problems


def _shift_headings(tokens: list[Token], heading_level: int) -> None:
    """`#` and `##` make a heading at `heading_level`; each further `#` one level below."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            hashes = int(token.tag[1])
            token.tag = f"h{min(heading_level + max(hashes, 2) - 2, 6)}"


def _unlink_refused(tokens: list[Token]) -> None:
    """A refused link keeps its words and loses its link (markup_problems says why)."""
    for token in tokens:
        dropped: list[bool] = []  # for each link open around this point, whether it goes
        for child in token.children or []:
            if child.type == "link_open":
                drop = not _SAFE_LINK.match(str(child.attrGet("href") or ""))
                dropped.append(drop)
            elif child.type == "link_close":
                drop = dropped.pop() if dropped else False
            else:
                continue
            if drop:
                child.type, child.content, child.attrs = "text", "", {}


def markup_html(text: str, *, heading_level: int = 3) -> str:
    """The text as HTML, holding only the allowed elements and link schemes."""
    tokens = _parser.parse(text)
    _shift_headings(tokens, heading_level)
    _unlink_refused(tokens)
    rendered = _parser.renderer.render(tokens, _parser.options, {})
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        strip_comments=True,
    ).strip()


def markup_text(text: str) -> str:
    """The words alone, for the checks (acronyms, placeholders) that read the text."""
    blocks = [
        "".join(
            " " if c.type in ("softbreak", "hardbreak") else c.content
            for c in token.children or []
            if c.type in ("text", "softbreak", "hardbreak")
        )
        for token in _parser.parse(text)
        if token.type == "inline"
    ]
    return "\n".join(blocks)
