"""Line charts of several series over time, and a drawing of the actors' network, as SVG
rendered on the server: readable without JavaScript, no inline styles (colours are SVG
presentation attributes, which the Content-Security-Policy allows), every text escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.words import counted

PALETTE = ("#1f5f99", "#d9823f", "#3f9d5a", "#b35aa6", "#8a1c1c", "#6a55c9", "#c9a227", "#444")
"""One colour per series, in order (at most eight series share a chart)."""
QUAD_COLOURS = {0: "#9aa3ab", 1: "#3f9d5a", 2: "#1f6b3a", 3: "#d9823f", 4: "#b3261e"}
"""Edge colour by quad class: uncoded, verbal/material cooperation, verbal/material conflict."""
QUAD_NAMES = {
    0: "not coded",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    values: Sequence[float | None]  # one per window; None leaves a gap


def _nice_top(top: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above `top` (the y axis's end)."""
    if top <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 5, 10):
        if top <= step * power:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.3g}"


def _value(value: float, unit: str, noun: str | None) -> str:
    """A point's value in words: a count of `noun` ("1 article"), else `value unit`."""
    if noun is not None and float(value).is_integer():
        return counted(int(value), noun)
    return f"{_number(value)} {unit}"


def line_chart(
    windows: Sequence[str],
    lines: Sequence[Line],
    *,
    title: str,
    unit: str,
    noun: str | None = None,
    width: int = 760,
    height: int = 220,
    signed: bool = False,
) -> Markup:
    """`lines` over `windows` (their names along the x axis), with a legend and a `<title>` on
    every point; `signed` puts zero in the middle (for tone, which runs negative). A point of a
    count says it in `noun` ("1 article", "3 articles"), one of a measure `value unit`."""
    if not windows or not lines:
        return Markup(f'<p class="muted">No {escape(unit)} to chart.</p>')
    known = [v for line in lines for v in line.values if v is not None]
    reach = max((abs(v) for v in known), default=0.0)
    top = _nice_top(reach) if known else 1.0
    low = -top if signed else 0.0
    pad_left, pad_right, pad_top = 44, 8, 8
    legend_h = 16 * math.ceil(len(lines) / 3)
    pad_bottom = 22 + legend_h
    inner_w = width - pad_left - pad_right
    inner_h = height - pad_top - pad_bottom
    step = inner_w / max(len(windows) - 1, 1)

    def x(i: int) -> float:
        return pad_left + (i * step if len(windows) > 1 else inner_w / 2)

    def y(v: float) -> float:
        return pad_top + inner_h * (top - v) / (top - low)

    parts = [_grid(top, low, y, pad_left, width - pad_right)]
    for n, line in enumerate(lines):
        colour = PALETTE[n % len(PALETTE)]
        parts.append(_polyline(line, colour, windows, x, y, unit, noun))
    parts.append(_x_axis(windows, x, pad_top + inner_h))
    parts.append(_legend(lines, pad_left, height - legend_h + 4, inner_w))
    return Markup(
        f'<svg class="chart trend" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def _grid(top: float, low: float, y: Callable[[float], float], left: int, right: int) -> str:
    out = []
    for value in (low, (low + top) / 2, top) if low < 0 else (0.0, top / 2, top):
        py = y(value)
        out.append(
            f'<line class="base" x1="{left}" y1="{py:.1f}" x2="{right}" y2="{py:.1f}" '
            f'stroke-opacity="{1 if value == 0 else 0.4}"/>'
            f'<text class="axis" x="{left - 4}" y="{py + 3:.1f}" text-anchor="end">'
            f"{escape(_number(round(value, 4)))}</text>"
        )
    if low < 0:
        py = y(0.0)
        out.append(f'<line class="base" x1="{left}" y1="{py:.1f}" x2="{right}" y2="{py:.1f}"/>')
    return "".join(out)


def _polyline(
    line: Line,
    colour: str,
    windows: Sequence[str],
    x: Callable[[int], float],
    y: Callable[[float], float],
    unit: str,
    noun: str | None,
) -> str:
    runs: list[list[str]] = [[]]
    dots = []
    for i, value in enumerate(line.values):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        px, py = x(i), y(value)
        runs[-1].append(f"{px:.1f},{py:.1f}")
        dots.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.2" fill="{colour}">'
            f"<title>{escape(line.label)}, {escape(windows[i])}: "
            f"{escape(_value(value, unit, noun))}</title></circle>"
        )
    paths = "".join(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="1.8"/>'
        for run in runs
        if len(run) > 1
    )
    return f'<g class="series">{paths}{"".join(dots)}</g>'


def _x_axis(windows: Sequence[str], x: Callable[[int], float], base: float) -> str:
    n = len(windows)
    marks = sorted({0, n // 2, n - 1}) if n > 2 else list(range(n))
    out = []
    for i in marks:
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        out.append(
            f'<text class="axis" x="{x(i):.1f}" y="{base + 14:.1f}" '
            f'text-anchor="{anchor}">{escape(windows[i])}</text>'
        )
    return "".join(out)


def _legend(lines: Sequence[Line], left: int, top: float, width: int) -> str:
    column = width / 3
    out = []
    for n, line in enumerate(lines):
        lx = left + (n % 3) * column
        ly = top + 16 * (n // 3)
        name = line.label if len(line.label) <= 60 else line.label[:59] + "…"
        out.append(
            f'<rect x="{lx:.1f}" y="{ly:.1f}" width="12" height="4" '
            f'fill="{PALETTE[n % len(PALETTE)]}"/>'
            f'<text class="axis legend-label" x="{lx + 16:.1f}" y="{ly + 5:.1f}">'
            f"{escape(name)}</text>"
        )
    return "".join(out)


# --- the actors' network -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    events: int
    href: str


@dataclass(frozen=True, slots=True)
class Link:
    source: str
    target: str
    events: int
    quad_class: int
    title: str


def network_svg(
    nodes: Sequence[Node], links: Sequence[Link], *, size: int = 640, most: int = 40
) -> Markup:
    """The `most` busiest nodes on a circle (busiest at the top, then clockwise: the same
    network is always drawn the same way) and one arrow per actor and recipient between them:
    its width by events, its colour by the quad class of most of them, its title listing each
    event type. A legend of the quad classes sits below."""
    shown = list(nodes[:most])
    if not shown:
        return Markup('<p class="muted">No actors linked by events here.</p>')
    centre, radius = size / 2, size / 2 - 110
    top = max(n.events for n in shown) or 1
    at: dict[str, tuple[float, float, float, float]] = {}  # x, y, angle, node radius
    for i, node in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / len(shown)
        at[node.id] = (
            centre + radius * math.cos(angle),
            centre + radius * math.sin(angle),
            angle,
            4 + 10 * math.sqrt(node.events / top),
        )
    pairs: dict[tuple[str, str], list[Link]] = {}
    for link in links:
        if link.source in at and link.target in at:
            pairs.setdefault((link.source, link.target), []).append(link)
    heaviest = max((sum(lk.events for lk in group) for group in pairs.values()), default=1)
    edges = [
        _arrow(at[s], at[t], group, heaviest, loop=s == t)
        for (s, t), group in sorted(pairs.items(), key=lambda kv: sum(lk.events for lk in kv[1]))
    ]
    dots = []
    for node in shown:
        x, y, angle, r = at[node.id]
        right = math.cos(angle) >= 0
        tx = x + (r + 4) * (1 if right else -1)
        name = node.label if len(node.label) <= 28 else node.label[:27] + "…"
        dot = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#1f5f99" fill-opacity="0.85">'
            f"<title>{escape(node.label)}: {counted(node.events, 'event')}</title></circle>"
            f'<text class="axis node-label" x="{tx:.1f}" y="{y + 3:.1f}" '
            f'text-anchor="{"start" if right else "end"}">{escape(name)}</text>'
        )
        dots.append(f'<a href="{escape(node.href)}">{dot}</a>' if node.href else dot)
    legend_y = size + 14
    legend = "".join(
        f'<line x1="{12 + 125 * i}" y1="{legend_y}" x2="{32 + 125 * i}" y2="{legend_y}" '
        f'stroke="{QUAD_COLOURS[quad]}" stroke-width="3"/>'
        f'<text class="axis" x="{36 + 125 * i}" y="{legend_y + 4}">{escape(name)}</text>'
        for i, (quad, name) in enumerate(QUAD_NAMES.items())
    )
    actors = counted(len(shown), "actor")
    return Markup(
        f'<svg class="chart network" viewBox="0 0 {size} {size + 28}" role="img" '
        f'aria-label="Network of {actors}" xmlns="http://www.w3.org/2000/svg">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path '
        'd="M0 0L10 5L0 10z" fill="#66717c"/></marker></defs>'
        f"{''.join(edges)}{''.join(dots)}{legend}</svg>"
    )


def _arrow(
    source: tuple[float, float, float, float],
    target: tuple[float, float, float, float],
    group: Sequence[Link],
    heaviest: int,
    *,
    loop: bool,
) -> str:
    """One actor-to-recipient arrow (a loop for an actor acting on itself), ending at the edge
    of the recipient's circle."""
    events = sum(lk.events for lk in group)
    busiest = max(group, key=lambda lk: lk.events)
    colour = QUAD_COLOURS.get(busiest.quad_class, QUAD_COLOURS[0])
    width = 0.8 + 5.0 * math.sqrt(events / max(heaviest, 1))
    title = f"<title>{escape('; '.join(lk.title for lk in group))}</title>"
    paint = f'fill="none" stroke="{colour}" stroke-width="{width:.1f}" stroke-opacity="0.7"'
    x1, y1, _, _ = source
    x2, y2, _, r2 = target
    if loop:
        return f'<circle cx="{x1:.1f}" cy="{y1 - 12:.1f}" r="12" {paint}>{title}</circle>'
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    stop = (r2 + 2) / length
    ex, ey = x2 - (x2 - x1) * stop, y2 - (y2 - y1) * stop
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" {paint} '
        f'marker-end="url(#arrow)">{title}</line>'
    )
