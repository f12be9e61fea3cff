"""A report's content as an accessible HTML document, and as a tagged PDF (PDF/UA-1) from the
same template."""

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.templatetags.static import static

FONT_EPOCH = "946684800"  # 1 January 2000
CSS_PATH = Path(__file__).parent / "static" / "reports" / "report.css"


@cache
def _css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def _names(content: dict[str, Any]) -> dict[str, str]:
    for section in content["sections"]:
        for block in section["blocks"]:
            if block["kind"] == "definitions":
                return {d["ref"]: d["name"] for d in block["items"]}
    return {}


def report_html(
    content: dict[str, Any],
    *,
    standalone: bool = False,
    created: dt.datetime | None = None,
    banner: str = "",
    version_note: str = "",
    back_href: str = "",
) -> str:
    """`standalone` puts the stylesheet inside the file (for a file written to disk); a page
    served by Safeguard links it, as the content security policy allows no inline style."""
    context = {
        "content": content,
        "names": _names(content),
        "inline_css": _css() if standalone else "",
        "css_href": "" if standalone else static("reports/report.css"),
        "icon_href": "" if standalone else static("safeguard/images/favicon.svg"),
        "created": created.isoformat(timespec="seconds") if created else "",
        "banner": banner,
        "version_note": version_note,
        "back_href": back_href,
    }
    return render_to_string("reports/document.jinja", context)


def report_pdf(content: dict[str, Any], *, created: dt.datetime | None = None) -> bytes:
    from weasyprint import HTML

    # fontTools stamps each subset font with the time unless SOURCE_DATE_EPOCH says otherwise;
    # a fixed stamp makes a published version's PDF come out the same byte for byte.
    os.environ.setdefault("SOURCE_DATE_EPOCH", FONT_EPOCH)
    document = report_html(content, standalone=True, created=created)
    pdf = HTML(string=document, base_url=str(CSS_PATH.parent)).write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_identifier=b"safeguard-" + content["year_label"].encode(),
        uncompressed_pdf=False,
    )
    assert pdf is not None
    return pdf
