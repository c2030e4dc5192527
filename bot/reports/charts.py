"""The report's charts, drawn with matplotlib: SVG for the HTML page, PNG for the PDF.

matplotlib because it draws offline with no browser or extra binary (Vega-Altair would need
vl-convert's bundled engine) and can hatch bars. Colours are the Okabe-Ito set, which
colour-blind readers tell apart, and every series also has its own hatching, so a black and
white print still separates them. A hidden number (fewer than five people) gets no bar but the
mark "<5", as in the tables.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from dialogs.reports.build import Chart

COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
HATCHES = ("", "//", "..", "xx", "\\\\", "--")
INK = "#1a1a1a"


def draw(chart: Chart, image_format: str) -> bytes:
    """The chart as "svg" or "png" bytes."""
    figure = Figure(figsize=(7.2, 3.4 if chart.kind != "map" else 4.2), dpi=150)
    axes = figure.add_subplot()
    if chart.kind == "map":
        _map(axes, chart)
    else:
        _bars(axes, chart)
    figure.tight_layout()
    out = io.BytesIO()
    metadata = {"Date": None} if image_format == "svg" else {}
    figure.savefig(out, format=image_format, metadata=metadata)
    return out.getvalue()


def _bars(axes, chart: Chart) -> None:  # type: ignore[no-untyped-def]
    count = len(chart.series)
    width = 0.8 / max(count, 1)
    positions = range(len(chart.categories))
    tallest = max((v for s in chart.series for v in s.values if v is not None), default=0) or 1
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        heights = [value or 0 for value in series.values]
        axes.bar(
            offsets,
            heights,
            width=width * 0.92,
            color=COLOURS[index % len(COLOURS)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor=INK,
            linewidth=0.6,
            label=series.label,
        )
        marks = series.marks or ("<5",) * len(series.values)
        for x, value, mark in zip(offsets, series.values, marks, strict=True):
            if value is None:
                axes.text(x, tallest * 0.02, mark, ha="center", va="bottom", fontsize=7, color=INK)
    axes.set_xticks(list(positions), list(chart.categories), fontsize=8)
    if len(chart.categories) > 6:
        for label in axes.get_xticklabels():
            label.set_rotation(35)
            label.set_horizontalalignment("right")
    axes.set_ylim(0, tallest * 1.1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(chart.unit, fontsize=8)
    axes.tick_params(axis="y", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#cccccc", linewidth=0.5)
    axes.set_axisbelow(True)
    if count > 1:
        axes.legend(fontsize=8, frameon=False)


def _map(axes, chart: Chart) -> None:  # type: ignore[no-untyped-def]
    places = chart.places or {}
    values = dict(zip(chart.categories, chart.series[0].values, strict=True))
    for name, (lat, lon) in places.items():
        yes = bool(values.get(name))
        axes.scatter(
            [lon],
            [lat],
            s=150,
            marker="s",
            color=COLOURS[0] if yes else "white",
            hatch="" if yes else "////",
            edgecolors=INK,
            linewidths=0.8,
        )
        axes.annotate(
            name,
            (lon, lat),
            xytext=(0, -11),
            textcoords="offset points",
            ha="center",
            fontsize=5.5,
            color=INK,
        )
    axes.scatter([], [], s=80, marker="s", color=COLOURS[0], edgecolors=INK, label="telt mee")
    axes.scatter(
        [],
        [],
        s=80,
        marker="s",
        color="white",
        hatch="////",
        edgecolors=INK,
        label="geen activiteit die meetelt",
    )
    axes.legend(fontsize=7, frameon=False, loc="lower left")
    axes.set_aspect(1.6)  # a degree of longitude is shorter than one of latitude at 51° N
    axes.margins(0.12)
    axes.set_axis_off()
