"""Colours of the map screen.

Terrain and map-feature colours are presentation, so they live here; the colours of the
sides are scenario data (``Side.color``) and are only parsed here. Terrain colours are chosen
to be told apart at a glance even where a side's control tint is mixed in: open ground is
light (clear, steppe, desert differ in hue), cover is dark (forest, hills, mountains differ in
hue), water is blue (sea dark, lake light) and marsh is a blue-green between the two.
"""

from __future__ import annotations

Color = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

TERRAIN: dict[str, Color] = {
    "clear": (178, 206, 132),
    "steppe": (218, 212, 140),
    "desert": (236, 206, 150),
    "forest": (62, 122, 66),
    "hills": (176, 142, 92),
    "mountains": (132, 112, 104),
    "marsh": (108, 160, 150),
    "urban": (170, 170, 176),
    "sea": (46, 88, 150),
    "lake": (120, 170, 220),
}
UNKNOWN_TERRAIN: Color = (255, 0, 255)  # loud on purpose: a kind with no colour is a bug to see

# How strongly a controlling side's colour is mixed into a hex (0 = none, 1 = all).
CONTROL_TINT = 0.16  # strong enough to tell whose ground it is on turn 1 without hovering

HEX_OUTLINE: RGBA = (0, 0, 0, 38)
RIVER_MAJOR: Color = (28, 84, 196)
RIVER_MINOR: Color = (64, 124, 214)
ROAD: Color = (150, 104, 52)
ROAD_EDGE: Color = (242, 226, 190)
# Railways by gauge in mm: the Soviet broad gauge against the standard gauge of the Manchurian
# network, the difference that matters for supply; any other gauge gets RAIL_OTHER.
RAIL_BY_GAUGE: dict[int, Color] = {1520: (150, 20, 24), 1524: (150, 20, 24), 1435: (18, 18, 18)}
RAIL_OTHER: Color = (90, 40, 140)
FORTIFICATION: Color = (58, 36, 24)
PLACE_FILL: Color = (250, 250, 250)
PLACE_EDGE: Color = (20, 20, 20)

BACKGROUND: Color = (28, 32, 38)
PANEL: Color = (36, 40, 48)
PANEL_EDGE: Color = (70, 76, 88)
TEXT: Color = (230, 232, 236)
TEXT_DIM: Color = (150, 156, 166)
TEXT_WARN: Color = (255, 120, 100)
TEXT_GOOD: Color = (140, 220, 140)
BUTTON: Color = (70, 92, 130)
BUTTON_HOVER: Color = (92, 120, 168)
BUTTON_OFF: Color = (60, 62, 68)

RANGE_FILL: RGBA = (255, 255, 255, 78)
RANGE_EDGE: RGBA = (255, 255, 255, 230)
PATH: Color = (255, 255, 255)
PATH_EDGE: Color = (0, 0, 0)
SELECTED: Color = (255, 236, 64)
HOVER_EDGE: RGBA = (255, 255, 255, 150)


def parse_color(text: str) -> Color:
    """'#rrggbb' or '#rgb' (as written in scenario files) -> an RGB tuple."""
    s = text.strip().lstrip("#")
    if len(s) == 3:
        s = "".join(ch * 2 for ch in s)
    if len(s) != 6:
        raise ValueError(f"not a colour: {text!r}")
    return int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16)


def mix(a: Color, b: Color, t: float) -> Color:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def shade(c: Color, factor: float) -> Color:
    """Darker (factor < 1) or lighter (factor > 1) version of ``c``."""
    if factor <= 1:
        return mix(c, (0, 0, 0), 1 - factor)
    return mix(c, (255, 255, 255), min(1.0, factor - 1))


def ink_on(c: Color) -> Color:
    """Black or white, whichever reads better on a background of colour ``c``."""
    luminance = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    return (0, 0, 0) if luminance > 140 else (255, 255, 255)


def terrain_color(kind: str) -> Color:
    return TERRAIN.get(kind, UNKNOWN_TERRAIN)


def rail_color(gauge_mm: int) -> Color:
    return RAIL_BY_GAUGE.get(int(gauge_mm), RAIL_OTHER)

# Overlays (S, Z, F) and warnings. Supply runs green to red, enemy zones red (danger); the
# fortification overlay darkens everything but the forts, which get a bright outline.
SUPPLY_FILL: RGBA = (60, 200, 90, 88)
SUPPLY_EDGE: RGBA = (20, 120, 50, 230)
# The supply overlay's levels: what the lorries deliver today, full, partial, thin, cut off.
SUPPLY_FULL: RGBA = (40, 200, 80, 100)
SUPPLY_PARTIAL: RGBA = (250, 225, 40, 120)
SUPPLY_THIN: RGBA = (255, 130, 20, 135)
SUPPLY_CUT: RGBA = (220, 30, 50, 140)
SUPPLY_SHADES: tuple[RGBA, ...] = (SUPPLY_FULL, SUPPLY_PARTIAL, SUPPLY_THIN, SUPPLY_CUT)
RAILHEAD: RGBA = (20, 110, 45, 255)
ZOC_FILL: RGBA = (220, 40, 40, 62)
ZOC_EDGE: RGBA = (190, 20, 20, 220)
FORT_VEIL: RGBA = (10, 12, 16, 105)
FORT_EMPHASIS: Color = (255, 176, 64)
CUT_OFF: Color = (255, 214, 40)
ATTACK: Color = (235, 60, 40)
# Marks on counters: low fuel, no ammunition, out of supply.
MARK_FUEL: Color = (255, 150, 30)
MARK_AMMO: Color = (225, 35, 35)
MARK_OOS: Color = (170, 90, 230)
FRONT_LINE: Color = (25, 20, 20)
# The wreck marker (rules.demolition): a burst, hot orange round a yellow core on a dark rim, loud on
# every terrain and unlike any feature colour (roads are brown, forts dark, the fort overlay amber lines).
WRECK: Color = (244, 92, 24)
WRECK_CORE: Color = (255, 214, 72)
WRECK_EDGE: Color = (34, 18, 12)
WRECK_HATCH_ALPHA = 150  # the stripes over a wrecked hex: the terrain shows through
BAR_MEN: Color = (90, 220, 90)
BAR_ARMOUR: Color = (90, 170, 255)
