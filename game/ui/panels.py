"""The screen's frame around the map: top bar, side panel (unit, hex, log, legend), status line.

Panels are plain functions of what they show: the app collects the lines (``InfoLine``) and
these functions only lay them out, so a later pygame_gui version can replace the drawing
without touching the game logic. Text comes from the cached ``Text`` renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.mapdata import MapData
from game.ui import hexdraw, palette
from game.ui.counters import BAR_NOTE, MARKS, STATUS, STRENGTH_NOTE
from game.ui.palette import Color
from game.ui.text import Text

TOP_H = 38
STATUS_H = 28
PAD = 10


@dataclass(frozen=True)
class Layout:
    """Where each part of the screen is, for one window size."""

    size: tuple[int, int]
    top: pygame.Rect
    map: pygame.Rect
    side: pygame.Rect
    status: pygame.Rect
    end_button: pygame.Rect
    oob_button: pygame.Rect  # the order-of-battle browser (O)
    vp_button: pygame.Rect  # the victory panel (V)

    @classmethod
    def for_size(cls, size: tuple[int, int]) -> Layout:
        w, h = max(320, size[0]), max(240, size[1])
        side_w = 340 if w >= 1200 else max(220, w // 4)
        top = pygame.Rect(0, 0, w, TOP_H)
        status = pygame.Rect(0, h - STATUS_H, w, STATUS_H)
        side = pygame.Rect(w - side_w, TOP_H, side_w, h - TOP_H - STATUS_H)
        map_rect = pygame.Rect(0, TOP_H, w - side_w, h - TOP_H - STATUS_H)
        button = pygame.Rect(0, 0, 130, TOP_H - 10)
        button.midright = (w - PAD, TOP_H // 2)
        vp = pygame.Rect(0, 0, 104, TOP_H - 10)
        vp.midright = (button.left - 8, TOP_H // 2)
        oob = pygame.Rect(0, 0, 104, TOP_H - 10)
        oob.midright = (vp.left - 8, TOP_H // 2)
        return cls((w, h), top, map_rect, side, status, button, oob, vp)


@dataclass(frozen=True)
class InfoLine:
    text: str
    color: Color = palette.TEXT
    size: int = 18
    bold: bool = False
    swatch: Color | None = None  # a colour square before the text (sides, terrain)
    wrap: bool = False  # break into several lines to fit the panel (else cut with an ellipsis)


def draw_top_bar(
    surf: pygame.Surface,
    layout: Layout,
    text: Text,
    items: list[InfoLine],
    button_label: str,
    button_enabled: bool,
    mouse: tuple[int, int],
    toggles: tuple[tuple[pygame.Rect, str, bool], ...] = (),
) -> None:
    """Scenario, turn, date, weather and side to move, left to right; at right the panel toggles
    (rect, label, open) and the End phase button. Items that would run under the buttons are left out.
    """
    pygame.draw.rect(surf, palette.PANEL, layout.top)
    pygame.draw.line(surf, palette.PANEL_EDGE, layout.top.bottomleft, layout.top.bottomright)
    limit = min([layout.end_button.left, *(r.left for r, _, _ in toggles)]) - PAD
    x = PAD
    for item in items:
        width = text.size_of(item.text, item.size, bold=item.bold)[0] + (22 if item.swatch is not None else 0)
        if x + width > limit:
            break
        if item.swatch is not None:
            sw = pygame.Rect(x, layout.top.centery - 8, 16, 16)
            pygame.draw.rect(surf, item.swatch, sw)
            pygame.draw.rect(surf, palette.PANEL_EDGE, sw, 1)
            x += 22
        label = text.render(item.text, item.size, item.color, bold=item.bold)
        surf.blit(label, label.get_rect(midleft=(x, layout.top.centery)))
        x += label.get_width() + 24
    b = layout.end_button
    color = (
        palette.BUTTON_OFF
        if not button_enabled
        else (palette.BUTTON_HOVER if b.collidepoint(mouse) else palette.BUTTON)
    )
    pygame.draw.rect(surf, color, b, border_radius=5)
    pygame.draw.rect(surf, palette.PANEL_EDGE, b, 1, border_radius=5)
    label = text.render(button_label, 18, palette.TEXT if button_enabled else palette.TEXT_DIM, bold=True)
    surf.blit(label, label.get_rect(center=b.center))
    for rect, name, is_open in toggles:
        fill = palette.shade(palette.BUTTON, 1.3) if rect.collidepoint(mouse) or is_open else palette.shade(
            palette.PANEL, 1.3)
        pygame.draw.rect(surf, fill, rect, border_radius=5)
        pygame.draw.rect(surf, palette.SELECTED if is_open else palette.PANEL_EDGE, rect, 1, border_radius=5)
        label = text.render(name, 16, palette.TEXT, bold=is_open)
        surf.blit(label, label.get_rect(center=rect.center))


def draw_status(
    surf: pygame.Surface, layout: Layout, text: Text, message: str, color: Color, hint: str
) -> None:
    """The message first (cut to the line when long); the hint only in the room the message leaves."""
    pygame.draw.rect(surf, palette.PANEL, layout.status)
    pygame.draw.line(surf, palette.PANEL_EDGE, layout.status.topleft, layout.status.topright)
    room = layout.status.w - 2 * PAD
    label = text.render(text.fit(message, 18, room), 18, color)
    surf.blit(label, label.get_rect(midleft=(PAD, layout.status.centery)))
    left = room - label.get_width() - 4 * PAD
    if left > 80:
        tip = text.render(text.fit(hint, 15, left), 15, palette.TEXT_DIM)
        surf.blit(tip, tip.get_rect(midright=(layout.status.right - PAD, layout.status.centery)))


def render_side_content(text: Text, width: int, sections: list[tuple[str, list[InfoLine]]],
                        legend: pygame.Surface | None) -> pygame.Surface:
    """The side panel's content at full height: titled sections top-down, then the legend (when on).

    Nothing is cut: the panel shows a window of it and scrolls (``draw_side_panel``), so a long
    equipment list or the supply legend can never push the hex card or the VP lines out of reach.
    """
    y = PAD
    rows: list[tuple[pygame.Surface, int, int, Color | None]] = []  # surface, x, y, swatch
    for title, lines in sections:
        head = text.render(title.upper(), 15, palette.TEXT_DIM, bold=True)
        rows.append((head, PAD, y, None))
        y += head.get_height() + 4
        for line in lines:
            x = PAD + (18 if line.swatch is not None else 0)
            room = width - PAD - x
            for k, part in enumerate(_wrap(text, line, room) if line.wrap else [_fit(text, line, room)]):
                label = text.render(part, line.size, line.color, bold=line.bold)
                rows.append((label, x, y, line.swatch if k == 0 else None))
                y += label.get_height() + 2
        y += 10
    legend_y = y
    if legend is not None:
        y += 6 + legend.get_height() + PAD
    surf = pygame.Surface((width, max(1, y)))  # opaque, on the panel's colour: a pan frame blits it fast
    surf.fill(palette.PANEL)
    for label, x, ry, swatch in rows:
        if swatch is not None:
            pygame.draw.rect(surf, swatch, (x - 18, ry + 2, 12, 12))
            pygame.draw.rect(surf, palette.PANEL_EDGE, (x - 18, ry + 2, 12, 12), 1)
        surf.blit(label, (x, ry))
    if legend is not None:
        pygame.draw.line(surf, palette.PANEL_EDGE, (PAD, legend_y), (width - PAD, legend_y))
        surf.blit(legend, (PAD, legend_y + 6))
    return surf


def side_scroll_limit(content_h: int, view_h: int) -> int:
    """How far the side panel may scroll: to where the content's last line shows, never past it."""
    return max(0, content_h - view_h)


def draw_side_panel(surf: pygame.Surface, rect: pygame.Rect, text: Text, content: pygame.Surface,
                    scroll: int) -> int:
    """A window of ``content`` at ``scroll`` (clamped; returned), with a scroll bar and "more below" when
    it does not all fit."""
    full = content.get_height()
    scroll = max(0, min(scroll, side_scroll_limit(full, rect.h)))
    surf.blit(content, rect.topleft, pygame.Rect(0, scroll, rect.w, rect.h))
    if full - scroll < rect.h:  # the content ends above the panel's bottom
        surf.fill(palette.PANEL, pygame.Rect(rect.x, rect.y + full - scroll, rect.w, rect.h - (full - scroll)))
    pygame.draw.line(surf, palette.PANEL_EDGE, rect.topleft, rect.bottomleft)
    if full > rect.h:
        track = pygame.Rect(rect.right - 6, rect.y + 2, 4, rect.h - 4)
        knob_h = max(20, track.h * rect.h // full)
        knob_y = track.y + (track.h - knob_h) * scroll // max(1, full - rect.h)
        pygame.draw.rect(surf, palette.PANEL_EDGE, track, border_radius=2)
        pygame.draw.rect(surf, palette.TEXT_DIM, (track.x, knob_y, track.w, knob_h), border_radius=2)
        if scroll < full - rect.h:
            tip = text.render_halo("more below: mouse wheel", 14, palette.TEXT, palette.PANEL)
            band = pygame.Rect(rect.x + 1, rect.bottom - tip.get_height() - 4, rect.w - 8, tip.get_height() + 4)
            pygame.draw.rect(surf, palette.shade(palette.PANEL, 0.8), band)
            surf.blit(tip, tip.get_rect(center=band.center))
    return scroll


_WRAPPED: dict[tuple[int, str, int, bool, int], list[str]] = {}


def _wrap(text: Text, line: InfoLine, width: int) -> list[str]:
    """The line's text broken at spaces into pieces no wider than ``width`` (memoised: the side panel
    wraps the same briefing every frame, and measuring each word cost a couple of ms a frame)."""
    key = (id(text), line.text, line.size, line.bold, width)
    hit = _WRAPPED.get(key)
    if hit is None:
        if len(_WRAPPED) > 512:
            _WRAPPED.clear()
        hit = _WRAPPED[key] = _wrap_now(text, line, width)
    return hit


def _wrap_now(text: Text, line: InfoLine, width: int) -> list[str]:
    out: list[str] = []
    for para in line.text.splitlines() or [""]:
        current = ""
        for word in para.split():
            trial = f"{current} {word}" if current else word
            if current and text.size_of(trial, line.size, bold=line.bold)[0] > width:
                out.append(current)
                current = word
            else:
                current = trial
        out.append(current)
    return out


def _fit(text: Text, line: InfoLine, width: int) -> str:
    """The line's text, cut with an ellipsis if it is wider than ``width``."""
    s = line.text
    if text.size_of(s, line.size, bold=line.bold)[0] <= width:
        return s
    while s and text.size_of(s + "…", line.size, bold=line.bold)[0] > width:
        s = s[:-1]
    return s + "…"


def render_legend(text: Text, mapdata: MapData, width: int,
                  sides: tuple[tuple[str, Color], ...] = (), *, wrecks: bool = False) -> pygame.Surface:
    """The key to the map, drawn once: terrain swatches in two columns, who holds the ground (the tint and
    the front line), then the features; ``wrecks``: the scenario has demolitions, so the wreck marker too."""
    kinds = list(mapdata.terrain_kinds)
    row_h = 18
    col_w = (width - 2 * PAD) // 2
    owners = [(f"Held by {name}", palette.mix(palette.terrain_color(kinds[0]), color, palette.CONTROL_TINT * 2.5),
               color) for name, color in sides]
    features = [
        "River (major)",
        "River (minor)",
        "Road",
        "Railway 1520 mm (Soviet)",
        "Railway 1435 mm (standard)",
        "Fortification",
        "Town / city",
    ]
    if wrecks:
        features.append(WRECK_LABEL)
    if sides:
        features.insert(0, "Front line")
    rows = (len(kinds) + 1) // 2
    height = 20 + rows * row_h + 6 + (len(owners) + len(features)) * row_h
    surf = pygame.Surface((width - 2 * PAD, height), pygame.SRCALPHA)
    surf.blit(text.render("LEGEND", 15, palette.TEXT_DIM, bold=True), (0, 0))
    for k, kind in enumerate(kinds):
        x, y = (k % 2) * col_w, 20 + (k // 2) * row_h
        pygame.draw.rect(surf, palette.terrain_color(kind), (x, y + 2, 22, 13))
        pygame.draw.rect(surf, palette.PANEL_EDGE, (x, y + 2, 22, 13), 1)
        surf.blit(text.render(kind, 16, palette.TEXT), (x + 28, y + 1))
    y = 20 + rows * row_h + 6
    for label, fill, edge in owners:
        pygame.draw.rect(surf, fill, (0, y + 2, 30, 13))
        pygame.draw.line(surf, edge, (0, y + 14), (29, y + 14), 2)
        surf.blit(text.render(label, 16, palette.TEXT), (38, y + 1))
        y += row_h
    for label in features:
        _legend_sample(surf, label, pygame.Rect(0, y, 30, row_h))
        surf.blit(text.render(label, 16, palette.TEXT), (38, y + 1))
        y += row_h
    return surf


WRECK_LABEL = "Bridges and track blown (D)"


def _legend_sample(surf: pygame.Surface, label: str, r: pygame.Rect) -> None:
    mid = r.centery
    if label.startswith("River"):
        major = "major" in label
        pygame.draw.line(
            surf,
            palette.RIVER_MAJOR if major else palette.RIVER_MINOR,
            (r.left, mid),
            (r.right, mid),
            4 if major else 2,
        )
    elif label == "Road":
        pygame.draw.line(surf, palette.ROAD, (r.left, mid), (r.right, mid), 3)
    elif label.startswith("Railway"):
        gauge = 1520 if "1520" in label else 1435
        hexdraw.draw_rail_sample(surf, r, gauge)
    elif label == "Front line":
        pygame.draw.line(surf, palette.FRONT_LINE, (r.left, mid), (r.right, mid), 3)
    elif label == "Fortification":  # on a light swatch, as on the map's ground: dark teeth on the panel vanish
        pygame.draw.rect(surf, palette.terrain_color("clear"), r.inflate(0, -2))
        for k in range(3):
            x0 = r.left + k * 10
            pygame.draw.polygon(
                surf, palette.FORTIFICATION, [(x0, mid + 4), (x0 + 5, mid - 5), (x0 + 10, mid + 4)]
            )
        pygame.draw.line(surf, palette.FORTIFICATION, (r.left, mid + 4), (r.right, mid + 4), 2)
    elif label == WRECK_LABEL:  # the map's marker: a hatched swatch of ground with the burst on it
        pygame.draw.rect(surf, palette.terrain_color("clear"), r.inflate(0, -2))
        clip = surf.get_clip()
        surf.set_clip(r.inflate(0, -2))
        hatch = hexdraw.wreck_hatch(16)
        surf.blit(hatch, hatch.get_rect(center=r.center))
        surf.set_clip(clip)
        burst = hexdraw.wreck_burst(6.0)
        surf.blit(burst, burst.get_rect(center=r.center))
    else:
        pygame.draw.circle(surf, palette.PLACE_FILL, (r.left + 8, mid), 5)
        pygame.draw.circle(surf, palette.PLACE_EDGE, (r.left + 8, mid), 5, 1)
        sq = pygame.Rect(0, 0, 11, 11)
        sq.center = (r.left + 24, mid)
        pygame.draw.rect(surf, palette.PLACE_FILL, sq)
        pygame.draw.rect(surf, palette.PLACE_EDGE, sq, 1)


def render_overlay_legend(text: Text, active: list[str], width: int) -> pygame.Surface:
    """The keys of the overlays, the counter marks, and a sample of each overlay that is on.

    Drawn above the map legend; only the active overlays get rows, so the legend explains
    what is on screen without crowding the unit and hex details when nothing is toggled.
    """
    row_h = 18
    supply = ("supply", "supply partial", "supply thin", "supply cut", "railhead", "cut off")
    samples = [name for name in (*supply, "zoc", "fortifications")
               if name in active or (name in supply and "supply" in active)]
    note = text.wrap(SUPPLY_NOTE, 14, width - 2 * PAD) if "supply" in active else []
    note_h = text.size_of("Ag", 14)[1] + 1
    marks = [(color, letter, text.render(label, 15, palette.TEXT)) for color, letter, label in
             (*STATUS.values(), *MARKS.values())]
    places, x, y = [], 0, row_h + 2  # the marks run on in a row and wrap where the panel is narrow
    for _, _, label_s in marks:
        w = 18 + label_s.get_width()
        if x > 0 and x + w > width - 2 * PAD:
            x, y = 0, y + row_h
        places.append((x, y))
        x += w + 12
    counter_notes = [part for line in (STRENGTH_NOTE, BAR_NOTE) for part in text.wrap(line, 14, width - 2 * PAD)]
    surf = pygame.Surface((width - 2 * PAD, y + row_h + 4 + len(counter_notes) * note_h + len(samples) * row_h
                           + len(note) * note_h), pygame.SRCALPHA)
    surf.blit(text.render("S Z F G C: overlays · K legend · L log · F1 help", 15, palette.TEXT_DIM), (0, 1))
    for (color, letter, label_s), (x, my) in zip(marks, places, strict=True):
        pygame.draw.circle(surf, color, (x + 7, my + 8), 7)
        glyph = text.render(letter, 13, palette.ink_on(color), bold=True)
        surf.blit(glyph, glyph.get_rect(center=(x + 7, my + 9)))
        surf.blit(label_s, (x + 18, my + 2))
    y += row_h + 4
    for line in counter_notes:
        surf.blit(text.render(line, 14, palette.TEXT_DIM), (0, y))
        y += note_h
    for name in samples:
        _overlay_sample(surf, text, name, pygame.Rect(0, y, 30, row_h))
        y += row_h
        if name == "cut off":  # the note on how the supply shades are read, under the supply rows
            for line in note:
                surf.blit(text.render(line, 14, palette.TEXT_DIM), (0, y))
                y += note_h
    return surf


SUPPLY_NOTE = ("Supply: the share of the day's tons your lorries bring; they serve units near the railheads "
               "first. A hex shades as your nearest unit on the same rail line.")
_SUPPLY_SHADES = {"supply": palette.SUPPLY_FULL, "supply partial": palette.SUPPLY_PARTIAL,
                  "supply thin": palette.SUPPLY_THIN, "supply cut": palette.SUPPLY_CUT}

_OVERLAY_LABELS = {
    "supply": "Supply today: full (95%+)",
    "supply partial": "Partial: 50-95% arrives",
    "supply thin": "Thin: under half arrives",
    "supply cut": "Cut off: nothing arrives",
    "railhead": "Railhead",
    "cut off": "Unit cut off from supply now",
    "zoc": "Enemy zone of control",
    "fortifications": "Fortified hex (level)",
}


def _overlay_sample(surf: pygame.Surface, text: Text, name: str, r: pygame.Rect) -> None:
    box = pygame.Rect(r.x, r.y + 2, 22, 13)
    if name in _SUPPLY_SHADES:
        pygame.draw.rect(surf, palette.mix(palette.PANEL, _SUPPLY_SHADES[name][:3], 0.6), box)
        if name != "supply cut":  # the line runs where supply ends
            pygame.draw.rect(surf, palette.SUPPLY_EDGE[:3], box, 2)
    elif name == "zoc":
        pygame.draw.rect(surf, palette.mix(palette.PANEL, palette.ZOC_FILL[:3], 0.6), box)
        pygame.draw.rect(surf, palette.ZOC_EDGE[:3], box, 2)
    elif name == "railhead":
        cx, cy = box.center
        pts = [(cx, cy - 6), (cx + 6, cy), (cx, cy + 6), (cx - 6, cy)]
        pygame.draw.polygon(surf, palette.RAILHEAD[:3], pts)
        pygame.draw.polygon(surf, (255, 255, 255), pts, 1)
    elif name == "cut off":  # the counter's own pip
        color, letter, _ = MARKS["encircled"]
        pygame.draw.circle(surf, color, box.center, 7)
        glyph = text.render(letter, 13, palette.ink_on(color), bold=True)
        surf.blit(glyph, glyph.get_rect(center=(box.centerx, box.centery + 1)))
    else:
        pygame.draw.rect(surf, palette.FORT_EMPHASIS, box, 3)
    surf.blit(text.render(_OVERLAY_LABELS[name], 16, palette.TEXT), (38, r.y + 1))


def stack_surfaces(top: pygame.Surface, bottom: pygame.Surface, gap: int = 0) -> pygame.Surface:
    """One surface with ``top`` above ``bottom`` (the overlay legend above the map legend)."""
    out = pygame.Surface((max(top.get_width(), bottom.get_width()), top.get_height() + gap + bottom.get_height()),
                         pygame.SRCALPHA)
    out.blit(top, (0, 0))
    out.blit(bottom, (0, top.get_height() + gap))
    return out
