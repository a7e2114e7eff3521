"""The log as a timeline, drawn on the server as inline SVG: no JavaScript, prints, goes into PDFs.

Two strips share one date axis, one column per calendar day from the first
contact to the last (so quiet days show as gaps):

- contacts per day, stacked by who was contacted (in the vocabulary's
  order and colours), a dot over each day with night contacts, and the
  dashed line at three a day (the most the rules allow the borrower to be
  called, and "repeatedly" in the public-security law);
- the time of day against the date, with the night (22:00–08:00) shaded:
  a circle for each hour of each day with contacts, larger for more.

Everything is drawn with presentation attributes (no ``style``: the site's
CSP forbids inline styles, and WeasyPrint draws attributes alike). The
picture carries its title and a description for screen readers; the pages
and the letters put the per-day table (``facts.DayRow``) beside it, and the
counts drawn are those rows', so they are the log's. No Django here: the
texts come in ready-translated.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from rights_guide.evidence.facts import DayRow
from rights_guide.evidence.record import Incident

# Colours for who was contacted, by their place in the vocabulary (Okabe–Ito, then
# Tol's muted scheme): told apart without red–green, each ≥ 3:1 against white
# except where outlined.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#332288",
)
INK = "#1a1a1a"
GRID = "#b0b0b0"
LIMIT_COLOUR = "#b00020"
NIGHT_SHADE = "#dde3ea"
LIMIT = 3  # contacts a day: the dashed line
WIDTH = 640
NARROW = {"width": 360, "font_size": 11}  # a phone's drawing: about 1:1 on a 360 px screen
LEFT, RIGHT = 34, 8
BAR_TOP, BAR_HEIGHT = 14, 130
STRIP_GAP, STRIP_HEIGHT = 30, 96  # the time-of-day strip: 24 hours
AXIS = 18


@dataclass(frozen=True)
class ChartTexts:
    """The chart's words, in the page's or letter's language."""

    title: str
    description: str
    limit: str  # "3 a day"
    night: str  # "night"


@dataclass(frozen=True)
class Chart:
    svg: str
    days: int  # calendar days drawn
    bars: Mapping[datetime.date, int]  # contacts drawn for each day (tests compare to the log)


def colour_of(target: str, targets: Sequence[str]) -> str:
    return PALETTE[targets.index(target) % len(PALETTE)]


def _short_date(day: datetime.date) -> str:
    return "%d-%d" % (day.month, day.day)


def draw_chart(
    rows: Sequence[DayRow],
    incidents: Sequence[Incident],
    targets: Sequence[str],
    texts: ChartTexts,
    *,
    element_id: str = "log-chart",
    width: int = WIDTH,
    font_size: float = 9,
) -> Chart | None:
    """The timeline of these days (None for an empty log). ``targets``: the vocabulary's order.

    ``width`` and ``font_size`` are in the drawing's own units: the letters and wide screens
    take the default; a phone gets a narrower drawing with larger type (NARROW), which it
    shows at about its own size, so the labels stay readable.
    """
    if not rows:
        return None
    left = round(LEFT * font_size / 9)  # room for "00:00" in this type size
    first, last = rows[0].day, rows[-1].day
    span = (last - first).days + 1
    step = (width - left - RIGHT) / span
    bar = max(step * 0.72, 0.6)
    peak = max(max(row.total for row in rows), LIMIT + 1)
    unit = BAR_HEIGHT / peak
    # A band above the bars holds the dashed line's label, so no bar or dot runs under it.
    band = round(font_size) + 6
    bar_top = BAR_TOP + band
    base = bar_top + BAR_HEIGHT
    strip_top = base + STRIP_GAP
    hour = STRIP_HEIGHT / 24
    height = strip_top + STRIP_HEIGHT + AXIS

    def x_of(day: datetime.date) -> float:
        return left + ((day - first).days + 0.5) * step

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="log-chart" viewBox="0 0 %d %d" '
        'width="100%%" role="img" aria-labelledby="%s-title %s-desc" font-family="sans-serif" '
        'font-size="%g">' % (width, height, element_id, element_id, font_size),
        '<title id="%s-title">%s</title>' % (element_id, escape(texts.title)),
        '<desc id="%s-desc">%s</desc>' % (element_id, escape(texts.description)),
        # Axes and the scale of the bars.
        '<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="0.8"/>'
        % (left, base, width - RIGHT, base, INK),
        '<text x="%d" y="%.1f" text-anchor="end" fill="%s">0</text>' % (left - 4, base, INK),
        '<text x="%d" y="%.1f" text-anchor="end" fill="%s">%d</text>'
        % (left - 4, bar_top + 6, INK, peak),
    ]
    drawn: dict[datetime.date, int] = {}
    for row in rows:
        x = x_of(row.day) - bar / 2
        y = base
        for target, number in row.by_target:
            height_of = number * unit
            y -= height_of
            parts.append(
                '<rect class="log-chart-bar" x="%.2f" y="%.2f" width="%.2f" height="%.2f" '
                'fill="%s"/>' % (x, y, bar, height_of, colour_of(target, targets))
            )
        drawn[row.day] = sum(number for _target, number in row.by_target)
        if row.night:
            parts.append(
                '<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                % (x + bar / 2, y - 4, max(min(bar / 2, 2.6), 1.2), INK)
            )
    limit_y = base - LIMIT * unit
    parts.append(
        '<line x1="%d" y1="%.2f" x2="%d" y2="%.2f" stroke="%s" stroke-width="1.2" '
        'stroke-dasharray="4 3"/>' % (left, limit_y, width - RIGHT, limit_y, LIMIT_COLOUR)
    )
    parts += [
        '<line x1="%d" y1="%.2f" x2="%d" y2="%.2f" stroke="%s" stroke-width="1.2" '
        'stroke-dasharray="4 3"/>'
        % (left, band - font_size / 3, left + 18, band - font_size / 3, LIMIT_COLOUR),
        '<text class="log-chart-limit-label" x="%d" y="%.2f" fill="%s">%s</text>'
        % (left + 22, band, LIMIT_COLOUR, escape(texts.limit)),
    ]
    # The time-of-day strip: night shaded (00:00–08:00 at the top, 22:00–24:00 at the bottom).
    parts += [
        '<rect x="%d" y="%.2f" width="%d" height="%.2f" fill="%s"/>'
        % (left, strip_top, width - left - RIGHT, 8 * hour, NIGHT_SHADE),
        '<rect x="%d" y="%.2f" width="%d" height="%.2f" fill="%s"/>'
        % (left, strip_top + 22 * hour, width - left - RIGHT, 2 * hour, NIGHT_SHADE),
        '<rect x="%d" y="%.2f" width="%d" height="%.2f" fill="none" stroke="%s" '
        'stroke-width="0.6"/>' % (left, strip_top, width - left - RIGHT, STRIP_HEIGHT, GRID),
    ]
    for mark in (0, 8, 22):
        parts.append(
            '<text x="%d" y="%.2f" text-anchor="end" fill="%s">%02d:00</text>'
            % (left - 3, strip_top + mark * hour + 3, INK, mark)
        )
    parts.append(
        '<text x="%d" y="%.2f" fill="%s">%s</text>'
        % (left + 3, strip_top + 7, INK, escape(texts.night))
    )
    cells = Counter((incident.when.date(), incident.when.hour) for incident in incidents)
    night_hours = {hour_of for hour_of in range(24) if hour_of >= 22 or hour_of < 8}
    for (day, hour_of), number in sorted(cells.items()):
        radius = min(1.3 + number**0.5, hour * 2.2, max(step * 0.6, 1.3))
        parts.append(
            '<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
            % (
                x_of(day),
                strip_top + (hour_of + 0.5) * hour,
                radius,
                INK if hour_of in night_hours else PALETTE[0],
            )
        )
    # Dates under the strip: the first, the last, and a few between.
    shown = max(1, round(span / 6))
    for offset in range(0, span - 1, shown):
        if offset and span - 1 - offset < shown * 0.6:
            continue  # too close to the last date, which is always shown
        day = first + datetime.timedelta(days=offset)
        parts.append(
            '<text x="%.2f" y="%.2f" text-anchor="middle" fill="%s">%s</text>'
            % (x_of(day), strip_top + STRIP_HEIGHT + 12, INK, _short_date(day))
        )
    parts.append(
        '<text x="%.2f" y="%.2f" text-anchor="%s" fill="%s">%s</text>'
        % (
            x_of(last) if span == 1 else width - RIGHT,
            strip_top + STRIP_HEIGHT + 12,
            "middle" if span == 1 else "end",
            INK,
            _short_date(last),
        )
    )
    parts.append("</svg>")
    return Chart(svg="".join(parts), days=span, bars=drawn)


def swatch(colour: str) -> str:
    """A small square of a colour, for the legend (an image, hidden from screen readers)."""
    return (
        '<svg class="swatch" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" '
        'focusable="false"><rect width="10" height="10" fill="%s"/></svg>' % colour
    )
