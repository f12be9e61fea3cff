"""Charts as one Vega-Lite spec each (altair), drawn to SVG by vl-convert on the server.

The SVG works without JavaScript and in a PDF. Every chart is shown beside a table of the
same data, which is the accessible version; the SVG is labelled as one image.
"""

import html
import re
from collections.abc import Mapping, Sequence

import altair as alt
import vl_convert

_FONT = "Arial"
_COLOUR = "#1d70b8"


def _configured(chart: alt.Chart) -> alt.Chart:
    return chart.configure(font=_FONT).configure_axis(labelAngle=0, labelLimit=260)


def _svg(chart: alt.Chart, title: str) -> str:
    return spec_svg(_configured(chart).to_dict(), title)


def bar_chart_svg(
    *, title: str, labels: Sequence[str], values: Sequence[float], value_title: str
) -> str:
    data = alt.Data(
        values=[{"label": lab, "value": v} for lab, v in zip(labels, values, strict=True)]
    )
    chart = (
        alt.Chart(data, title=title, width=420)
        .mark_bar(color=_COLOUR)
        .encode(
            x=alt.X("value:Q", title=value_title),
            y=alt.Y("label:N", title=None, sort="-x"),
        )
    )
    return _svg(chart, title)


def line_chart_spec(
    *,
    title: str,
    periods: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    value_title: str,
) -> dict[str, object]:
    """The Vega-Lite spec, for vega-embed to draw in the page; `spec_svg` draws it on the server."""
    data = alt.Data(
        values=[
            {"period": period, "series": name, "value": value}
            for name, values in series.items()
            for period, value in zip(periods, values, strict=True)
            if value is not None
        ]
    )
    chart = (
        alt.Chart(data, title=title, width=520)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:O", title=None, sort=list(periods)),
            y=alt.Y("value:Q", title=value_title),
            color=alt.Color("series:N", title=None),
            strokeDash=alt.StrokeDash("series:N", title=None),  # not colour alone
        )
    )
    spec: dict[str, object] = _configured(chart).to_dict()
    return spec


# Vega gives each layer an ARIA role; inside one labelled image they only confuse (and an
# empty layer, a line with no points, has a role and no name).
_INNER_ARIA = re.compile(r' (?:role="graphics-[a-z]+"|aria-[a-z]+="[^"]*")')


def spec_svg(spec: dict[str, object], title: str) -> str:
    svg = _INNER_ARIA.sub("", vl_convert.vegalite_to_svg(spec))
    label = html.escape(title, quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def line_chart_svg(
    *, title: str, periods: Sequence[str], series: dict[str, Sequence[float]], value_title: str
) -> str:
    spec = line_chart_spec(title=title, periods=periods, series=series, value_title=value_title)
    return spec_svg(spec, title)
