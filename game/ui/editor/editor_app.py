"""The map editor's window: paint terrain, move units, undo/redo, save, and the validator's
messages live in a side panel (`python main.py edit SCENARIO`).

Drawn on its own, simply (flat hexes in the game's terrain colours, units as side-coloured
squares), from the ``ScenarioDocument``'s text after every edit: what the panel says and what the
map shows are always the files as they would be saved. Checking runs when the edits pause, so
painting a stroke stays smooth on a big map.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import pygame

from game.core.hexgrid import DIRECTION_NAMES, Grid
from game.ui import palette
from game.ui.camera import hex_at, hex_center, map_pixel_size
from game.ui.editor.document import EditError, ScenarioDocument
from game.ui.text import Text

PANEL_W = 420
CHECK_AFTER_S = 0.4  # quiet time after an edit before the scenario is checked again
BG, INK, DIM, BAD, WARN = (24, 28, 34), (232, 232, 224), (150, 156, 164), (236, 110, 96), (232, 190, 90)
UNIT_TOOL, RIVER_TOOL, PLACE_TOOL, FORT_TOOL = "unit", "river", "place", "fort"
ROAD_TOOL, RAIL_TOOL = "roads", "railways"  # also the map.yaml keys they edit
TOOLS = {UNIT_TOOL: "units", RIVER_TOOL: "rivers", ROAD_TOOL: "roads", RAIL_TOOL: "railways", PLACE_TOOL: "places",
         FORT_TOOL: "forts"}  # the palette's swatches besides the codes
HINTS = {UNIT_TOOL: "units: click one, then its new hex (Shift+click: a copy of it there)",
         RIVER_TOOL: "rivers: click near a hexside to add it to the first river, or to take it out",
         ROAD_TOOL: "roads: click next to a road's end to extend it, on its end to take that hex off",
         RAIL_TOOL: "railways: click next to a railway's end to extend it, on its end to take that hex off",
         PLACE_TOOL: "places: click a hex to add a place, or a place to rename it (type, Enter) and set its "
                     "vp (+ / -)",
         FORT_TOOL: "fortifications: click a hex: none -> level 1 ... 5 -> none"}
MODES = ["terrain", "control", *TOOLS]  # what Tab steps through


class Editor:
    """The editor's state on screen: the document, the tool, the view and the last check."""

    def __init__(self, path: Path, size: tuple[int, int] = (1600, 900)) -> None:
        self.doc = ScenarioDocument.open(path)
        self.size = size
        self.text = Text()
        self.layer = "terrain"  # or "control": which rows the palette paints (C switches)
        self.codes = self._codes()
        self.tool = next(iter(self.codes), UNIT_TOOL)
        self.held: str | None = None  # unit id picked up with the unit tool
        self.place: tuple[int, int] | None = None  # the place being renamed (places tool)
        self.typed = ""
        self.status = "map is generated from geo/ by mapgen: edit geo/*.yaml and run mapgen, or Ctrl+D twice " \
            "to detach it (geo/ moves to geo.detached/) and paint here" \
            if self.doc.generated else "click to paint; Tab: the next tool (control, units, rivers, roads ...); " \
            "Ctrl+Z, Ctrl+Y: undo, redo; Ctrl+S: save"
        self.problems = self.doc.problems()
        self.edited_at: float | None = None
        self.running = True

    def _codes(self) -> dict[str, str]:
        """The palette: terrain codes -> kind, or side map codes -> side id in the control layer."""
        if self.layer == "control":
            return self.doc.side_codes()
        data = self.doc.parsed(self.doc.map_name).data or {}
        codes = data.get("terrain_codes") or {}
        return {str(k): str(v) for k, v in codes.items()}

    def _swatch(self, code: str) -> tuple[int, int, int]:
        if self.layer == "control":
            return self._side_colors().get(self.codes.get(code, ""), (120, 120, 120))
        return palette.terrain_color(self.codes.get(code, ""))

    # ------------------------------------------------------------ geometry

    @property
    def grid(self) -> Grid:
        rows = self.doc.terrain_rows()
        return Grid(max((len(r) for r in rows), default=1), max(len(rows), 1))

    @property
    def hex_size(self) -> float:
        w, h = map_pixel_size(self.grid, 1.0)
        return max(4.0, min((self.size[0] - PANEL_W - 20) / w, (self.size[1] - 40) / h))

    def hex_under(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        h = hex_at(pos[0] - 10, pos[1] - 30, self.hex_size)
        return h if self.grid.contains(h) else None

    # ------------------------------------------------------------ input

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            shift = pygame.display.get_init() and pygame.key.get_mods() & pygame.KMOD_SHIFT  # no keyboard headless
            self._click(event.pos, copy=bool(shift))
        elif event.type == pygame.MOUSEMOTION and event.buttons[0] and self.tool not in TOOLS:
            self._click(event.pos)  # a stroke paints every hex it crosses

    def _key(self, event: pygame.event.Event) -> None:
        ctrl = event.mod & pygame.KMOD_CTRL
        if self.place is not None and not ctrl and self._place_key(event):
            return
        if ctrl and event.key == pygame.K_s:
            saved = self.doc.save()
            self.status = f"saved {', '.join(saved)}" if saved else "nothing to save"
        elif ctrl and (event.key == pygame.K_y or (event.key == pygame.K_z and event.mod & pygame.KMOD_SHIFT)):
            self._after(self.doc.redo(), "redo")
        elif ctrl and event.key == pygame.K_z:
            self._after(self.doc.undo(), "undo")
        elif ctrl and event.key == pygame.K_d and self.doc.generated:
            if self.status.startswith("detach?"):
                self.status = f"detached: geo/ is now {self.doc.detach().name}/; paint away"
            else:
                self.status = "detach? the map stops following geo/ (Ctrl+D again to detach)"
        elif event.key == pygame.K_ESCAPE:
            if self.doc.dirty and not self.status.startswith("unsaved"):
                self.status = "unsaved changes: Ctrl+S saves, Esc again leaves without saving"
            else:
                self.running = False
        elif event.key == pygame.K_TAB:  # terrain -> control -> units -> rivers -> terrain
            self._next_mode()
        elif event.unicode and event.unicode in self.codes:  # a code's own key picks it (u may be urban)
            self.tool = event.unicode

    def _place_key(self, event: pygame.event.Event) -> bool:
        """Typing a selected place's new name (Enter renames, Esc stops) and + / - for its vp; True when used."""
        assert self.place is not None
        try:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.typed:
                    self._after(self.doc.rename_place(self.place, self.typed), "rename")
                self.place, self.typed = None, ""
            elif event.key == pygame.K_ESCAPE:
                self.place, self.typed = None, ""
                self.status = HINTS[PLACE_TOOL]
            elif event.key == pygame.K_BACKSPACE:
                self.typed = self.typed[:-1]
            elif event.unicode in ("+", "-") and not self.typed:
                self._after(self.doc.change_place_vp(self.place, 1 if event.unicode == "+" else -1), "vp")
            elif event.unicode and event.unicode.isprintable():
                self.typed += event.unicode
            else:
                return False
        except EditError as exc:
            self.status = str(exc)
        if self.place is not None and event.key not in (pygame.K_RETURN, pygame.K_ESCAPE):
            self.status = f"new name: {self.typed}_ (Enter renames, Esc stops; + / - vp)"
        return True

    def _next_mode(self) -> None:
        mode = self.tool if self.tool in TOOLS else self.layer
        self._set_mode(MODES[(MODES.index(mode) + 1) % len(MODES)])

    def _set_mode(self, mode: str) -> None:
        if mode in TOOLS:
            self.tool = mode
        else:
            self.layer = mode
            self.codes = self._codes()
            self.tool = next(iter(self.codes), UNIT_TOOL)
        self.held, self.place, self.typed = None, None, ""
        self.status = HINTS.get(self.tool, f"painting {self.layer}" + (": side map codes, '.' for nobody"
                                                                        if self.layer == "control" else ""))

    def hexside_under(self, pos: tuple[int, int]) -> tuple[tuple[int, int], str] | None:
        """The hex under ``pos`` and its side nearest to it (E, NE, NW, W, SW, SE)."""
        h = self.hex_under(pos)
        if h is None:
            return None
        x, y = hex_center(h, self.hex_size)
        angle = math.degrees(math.atan2(-(pos[1] - 30 - y), pos[0] - 10 - x)) % 360  # counter-clockwise from east
        return h, DIRECTION_NAMES[round(angle / 60) % 6]

    def _click(self, pos: tuple[int, int], copy: bool = False) -> None:
        choice = self._palette_at(pos)
        if choice is not None:
            self.tool, self.held = choice, None
            return
        h = self.hex_under(pos)
        if h is None:
            return
        try:
            if self.tool == UNIT_TOOL:
                self._unit_click(h, copy)
            elif self.tool == RIVER_TOOL:
                side = self.hexside_under(pos)
                if side is not None:
                    self._after(self.doc.toggle_river(*side), "river")
            elif self.tool in (ROAD_TOOL, RAIL_TOOL):
                self._after(self.doc.extend_path(self.tool, h), self.tool)
            elif self.tool == PLACE_TOOL:
                found = self.doc.place_at(h)
                if found is None:
                    self._after(self.doc.add_place(h), "place")
                else:
                    self.place, self.typed = h, ""
                    self.status = f"{found[1].get('name')} ({found[1].get('vp', 0)} vp): type a new name, Enter " \
                                  "renames; + / - change its vp; Esc stops"
            elif self.tool == FORT_TOOL:
                self._after(self.doc.cycle_fortification(h), "fortification")
            else:
                self._after(self.doc.paint(h, self.tool, self.layer), "paint")
        except EditError as exc:
            self.status = str(exc)

    def _unit_click(self, h: tuple[int, int], copy: bool = False) -> None:
        """Pick a unit up, then put it down: moved, or with Shift a copy of it there (it stays held for more)."""
        if self.held is None:
            here = [u for u, _, at, _ in self.doc.units() if at == h]
            self.held = here[0] if here else None
            self.status = f"{self.held}: click its new hex (Shift+click: a copy there)" if self.held else \
                "no unit there"
            return
        if copy:
            self._after(self.doc.copy_unit(self.held, h), "copy")
            return
        unit, self.held = self.held, None
        self._after(self.doc.move_unit(unit, h), "move")

    def _after(self, edit: object, what: str) -> None:
        if edit is None:
            return
        self.status = f"{what}: {getattr(edit, 'what', '')}"
        self.edited_at = time.monotonic()

    def tick(self) -> None:
        """Check the scenario again once the edits have paused."""
        if self.edited_at is not None and time.monotonic() - self.edited_at >= CHECK_AFTER_S:
            self.problems = self.doc.problems()
            self.edited_at = None

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BG)
        self._draw_map(surface)
        self._draw_panel(surface)

    def _draw_map(self, surface: pygame.Surface) -> None:
        s = self.hex_size
        rows = self.doc.terrain_rows()
        corners = [(s * math.cos(math.radians(60 * k - 30)), s * math.sin(math.radians(60 * k - 30)))
                   for k in range(6)]
        kinds = self._terrain_kinds()
        control = self.doc.rows("control") if self.layer == "control" and self.tool not in TOOLS else []
        sides = self._side_colors()
        codes = self.doc.side_codes()
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                x, y = hex_center((c, r), s)
                pts = [(10 + x + dx, 30 + y + dy) for dx, dy in corners]
                pygame.draw.polygon(surface, palette.terrain_color(kinds.get(ch, "")), pts)
                pygame.draw.polygon(surface, (0, 0, 0), pts, 1)
                held = control[r][c] if r < len(control) and c < len(control[r]) else "."
                if held != ".":  # the control layer: a ring of the holder's colour
                    inner = [(10 + x + dx * 0.8, 30 + y + dy * 0.8) for dx, dy in corners]
                    pygame.draw.polygon(surface, sides.get(codes.get(held, ""), (255, 0, 255)), inner,
                                        max(2, int(s * 0.12)))
        data = self.doc.parsed(self.doc.map_name).data or {}
        self._draw_rivers(surface, data, corners)
        self._draw_paths(surface, data)
        for fort in data.get("fortifications") or []:
            at = fort.get("hex") if isinstance(fort, dict) else None
            if isinstance(at, list) and len(at) == 2 and isinstance(fort.get("level"), int):
                x, y = hex_center((int(at[0]), int(at[1])), s)
                ring = [(10 + x + dx * 0.62, 30 + y + dy * 0.62) for dx, dy in corners]
                pygame.draw.polygon(surface, (92, 52, 28), ring, max(2, int(s * 0.05 * fort["level"])))
        for place in data.get("places") or []:
            at = place.get("hex") if isinstance(place, dict) else None
            if isinstance(at, list) and len(at) == 2:
                x, y = hex_center((int(at[0]), int(at[1])), s)
                label = self.text.render_halo(str(place.get("name", "")), max(10, int(s * 0.3)), INK, (0, 0, 0))
                surface.blit(label, label.get_rect(midtop=(int(10 + x), int(30 + y + s * 0.45))))
        stacked: dict[tuple[int, int], int] = {}
        for unit, side, (c, r), _ in self.doc.units():
            x, y = hex_center((c, r), s)
            shift = stacked.get((c, r), 0) * s * 0.18  # a stack fans out down and right
            stacked[(c, r)] = stacked.get((c, r), 0) + 1
            box = pygame.Rect(0, 0, int(s * 0.9), int(s * 0.7))
            box.center = (int(10 + x + shift), int(30 + y - s * 0.15 + shift))
            pygame.draw.rect(surface, sides.get(side, (200, 200, 200)), box)
            pygame.draw.rect(surface, (255, 255, 255) if unit == self.held else (0, 0, 0), box, 2)
            label = self.text.render(unit[:8], max(9, int(s * 0.28)), (255, 255, 255))
            surface.blit(label, label.get_rect(center=box.center))

    def _draw_rivers(self, surface: pygame.Surface, data: dict[str, object],
                     corners: list[tuple[float, float]]) -> None:
        """Each river hexside as a blue line along the hex's edge (corner k is at 60k - 30 degrees, clockwise
        on screen, so side k of E, NE, NW ... runs from corner -k to corner 1 - k)."""
        s = self.hex_size
        rivers = data.get("rivers")
        for river in rivers if isinstance(rivers, list) else []:
            if not isinstance(river, dict):
                continue
            color = palette.RIVER_MAJOR if river.get("kind") == "major" else palette.RIVER_MINOR
            for item in river.get("hexsides") or []:
                if not (isinstance(item, list) and len(item) == 3 and item[2] in DIRECTION_NAMES):
                    continue
                x, y = hex_center((int(item[0]), int(item[1])), s)
                k = DIRECTION_NAMES.index(item[2])
                a, b = corners[(-k) % 6], corners[(1 - k) % 6]
                pygame.draw.line(surface, color, (10 + x + a[0], 30 + y + a[1]), (10 + x + b[0], 30 + y + b[1]),
                                 max(3, int(s * 0.2)))

    def _draw_paths(self, surface: pygame.Surface, data: dict[str, object]) -> None:
        """Roads (brown) and railways (by gauge) as lines through their hexes' centres."""
        s = self.hex_size
        for key in ("roads", "railways"):
            items = data.get(key)
            for item in items if isinstance(items, list) else []:
                path = item.get("path") if isinstance(item, dict) else None
                points = [hex_center((int(p[0]), int(p[1])), s) for p in path or [] if isinstance(p, list)
                          and len(p) == 2]
                if len(points) < 2:
                    continue
                color = palette.ROAD if key == "roads" else palette.RAIL_BY_GAUGE.get(item.get("gauge"),
                                                                                       palette.RAIL_OTHER)
                pygame.draw.lines(surface, color, False, [(10 + x, 30 + y) for x, y in points],
                                  max(2, int(s * (0.1 if key == "roads" else 0.14))))

    def _terrain_kinds(self) -> dict[str, str]:
        data = self.doc.parsed(self.doc.map_name).data or {}
        return {str(k): str(v) for k, v in (data.get("terrain_codes") or {}).items()}

    def _side_colors(self) -> dict[str, tuple[int, int, int]]:
        data = self.doc.parsed("scenario.yaml").data or {}
        out = {}
        for side in data.get("sides") or []:
            try:
                out[str(side.get("id"))] = palette.parse_color(str(side.get("color")))
            except (ValueError, AttributeError):
                continue
        return out

    def _palette_rects(self) -> list[tuple[str, pygame.Rect]]:
        x0 = self.size[0] - PANEL_W + 16
        items = [*self.codes, *TOOLS]
        return [(code, pygame.Rect(x0 + (i % 6) * 66, 70 + (i // 6) * 34, 60, 28)) for i, code in enumerate(items)]

    def _palette_at(self, pos: tuple[int, int]) -> str | None:
        return next((code for code, rect in self._palette_rects() if rect.collidepoint(pos)), None)

    def _draw_panel(self, surface: pygame.Surface) -> None:
        x0 = self.size[0] - PANEL_W
        pygame.draw.rect(surface, (34, 40, 48), (x0, 0, PANEL_W, self.size[1]))
        title = f"Editing {self.doc.root.name}" + (" *" if self.doc.dirty else "")
        surface.blit(self.text.render(title, 18, INK, bold=True), (x0 + 16, 14))
        mode = TOOLS.get(self.tool, f"painting {self.layer}")
        surface.blit(self.text.render(f"{mode} (Tab switches); key or click:", 13, DIM),
                     (x0 + 16, 46))
        for code, rect in self._palette_rects():
            color = self._swatch(code) if code in self.codes else (90, 90, 100)
            pygame.draw.rect(surface, color, rect)
            pygame.draw.rect(surface, INK if code == self.tool else (0, 0, 0), rect, 3 if code == self.tool else 1)
            name = TOOLS[code] if code in TOOLS else f"{code} {self.codes[code]}"
            surface.blit(self.text.render(name[:9], 11, (0, 0, 0) if code in self.codes else INK), rect.move(4, 7))
        y = 90 + 34 * ((len(self.codes) + len(TOOLS) + 5) // 6)
        for line in _wrap(self.status, 56):
            surface.blit(self.text.render(line, 13, WARN), (x0 + 16, y))
            y += 18
        y += 10
        errors = sum(p.severity == "error" for p in self.problems)
        others = len(self.problems) - errors
        head = "valid" if not self.problems else \
            f"{errors} error{'s' * (errors != 1)}, {others} warning{'s' * (others != 1)} or note{'s' * (others != 1)}"
        surface.blit(self.text.render(f"Check: {head}", 15, INK, bold=True), (x0 + 16, y))
        y += 24
        for p in self.problems:
            color = BAD if p.severity == "error" else WARN
            for line in _wrap(str(p), 56):
                if y > self.size[1] - 20:
                    return
                surface.blit(self.text.render(line, 12, color), (x0 + 16, y))
                y += 16
            y += 4


def _wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*out, line] if line else out


def run_editor(path: Path, size: tuple[int, int] = (1600, 900)) -> int:
    """Open the editor window on a scenario folder until it is closed."""
    pygame.init()
    screen = pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.display.set_caption(f"August Storm editor: {path}")
    editor = Editor(path, size)
    clock = pygame.time.Clock()
    while editor.running:
        for event in pygame.event.get():
            if event.type == pygame.VIDEORESIZE:
                editor.size = (event.w, event.h)
            editor.handle(event)
        editor.tick()
        editor.draw(screen)
        pygame.display.flip()
        clock.tick(30)
    pygame.quit()
    return 0


def save_frame(editor: Editor, out: Path) -> None:
    """The editor's screen as a PNG (for the guide and tests)."""
    surface = pygame.Surface(editor.size)
    editor.draw(surface)
    pygame.image.save(surface, str(out))
