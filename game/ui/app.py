"""The map screen: the window loop, input, and the App that ties map, units and panels together.

``App`` holds no game rules and never changes the state itself: selecting, hovering, the
overlays and an attack being prepared are view state; moving, attacking and ending a phase
are Orders handed to ``engine.apply``, whose ``IllegalOrder`` messages go to the status line
and whose events go to the event log. ``App.handle(event)``, ``App.update()`` and
``App.draw(surface)`` are the whole loop, so tests drive the screen with synthetic events and
no window, and ``render_screenshot`` draws the same screen offscreen.

Input goes to the topmost thing first: the help screen, then the attack panel, the result
box and the event log, and only then the map.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pygame

from game.core import engine
from game.core.events import Combat, Event
from game.core.hexgrid import Hex
from game.core.orders import EndPhase, Move, Order
from game.core.rules.movement import MoveRange, hex_path, movement_range
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.ui import combat_info, info, overlays, palette
from game.ui.camera import Camera, ViewRect
from game.ui.combat_panel import AttackPanel, ResultBox
from game.ui.counters import CounterLook, Counters, counter_dims, strength_label
from game.ui.eventlog import EventLog
from game.ui.help import HINT, draw_help
from game.ui.maplayer import MapLayer
from game.ui.mapoverlays import LABELS, MapOverlays
from game.ui.panels import (
    InfoLine,
    Layout,
    draw_side_panel,
    draw_status,
    draw_top_bar,
    render_legend,
    render_overlay_legend,
    stack_surfaces,
)
from game.ui.text import Text

ComputerMove = Callable[[GameState], Sequence[Event]]
FrameHook = Callable[["App", int], None]

DRAG_THRESHOLD = 5  # pixels a right-button press may move and still count as a click
PAN_STEP = 0.2  # fraction of the viewport an arrow key pans
# Arrows only: the letters are overlay toggles (S supply, Z zones, F forts, L log).
KEYS_PAN = {pygame.K_LEFT: (1, 0), pygame.K_RIGHT: (-1, 0), pygame.K_UP: (0, 1), pygame.K_DOWN: (0, -1)}
KEYS_ZOOM_IN = {pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS}
KEYS_ZOOM_OUT = {pygame.K_MINUS, pygame.K_KP_MINUS}
KEYS_CONFIRM = {pygame.K_RETURN, pygame.K_KP_ENTER}
KEYS_END_PHASE = {*KEYS_CONFIRM, pygame.K_SPACE}
KEYS_OVERLAY = {pygame.K_s: "supply", pygame.K_z: "zoc", pygame.K_f: "fortifications"}


class App:
    """The map screen for one game."""

    def __init__(
        self,
        state: GameState,
        size: tuple[int, int] = (1600, 900),
        *,
        computer_sides: frozenset[int] = frozenset(),
        ai: ComputerMove | None = None,
    ) -> None:
        self.state = state
        self.scenario = state.scenario
        self.computer_sides = frozenset(computer_sides)
        self.ai = ai
        self.text = Text()
        self.counters = Counters(self.text)
        self.side_colors = [palette.parse_color(s.color) for s in self.scenario.sides]
        self.layer = MapLayer(self.scenario.map, self.side_colors)
        self.layout = Layout.for_size(size)
        self.camera = Camera(self.scenario.map.grid, _view(self.layout.map))
        self.camera.fit()
        self.range_overlay = overlays.RangeOverlay()
        self.running = True
        self.selected: int | None = None
        self.move_range: MoveRange | None = None
        self.mouse: tuple[int, int] = (-1, -1)
        self.hover: Hex | None = None
        self.message = f"{self.scenario.name}: {self.scenario.sides[state.side].name} to move"
        self.message_color = palette.TEXT
        self.log: list[str] = []
        self.events = EventLog()
        self.overlays = MapOverlays()
        self.attack: AttackPanel | None = None  # an attack being prepared
        self.result: ResultBox | None = None  # what the last attack did, until dismissed
        self.help_open = False
        self.version = 0  # bumped whenever an order changed the state
        self._stacks: dict[int, list[int]] = {}
        self._stacks_version = -1
        self._drawn_version = -1
        self._legend: pygame.Surface | None = None
        self._legend_key: tuple[object, ...] = ()
        self._right_down: tuple[int, int] | None = None
        self._right_dragged = False

    # --- orders: the only way the state changes ---------------------------------------------
    def order(self, order: Order) -> list[Event] | None:
        """Hand ``order`` to the engine; report the result. None when it was illegal."""
        try:
            events = engine.apply(self.state, order)
        except engine.IllegalOrder as exc:
            self.say(str(exc), palette.TEXT_WARN)
            return None
        self._after_change(events)
        return events

    def end_phase(self) -> None:
        if self._human_to_move():
            self.order(EndPhase())

    def move_selected_to(self, h: Hex) -> None:
        if self.selected is None:
            self.say("Select a unit first", palette.TEXT_DIM)
            return
        self.order(Move(self.scenario.units[self.selected].id, h))

    def update(self) -> bool:
        """Let a computer side play its phase (one phase per frame, so the screen keeps up).

        Returns whether anything happened (the loop redraws only then or on input).
        """
        st = self.state
        if st.game_over or st.side not in self.computer_sides:
            return False
        before = (st.turn, st.phase)
        events: list[Event] = list(self.ai(st)) if self.ai is not None else []
        if not st.game_over and (st.turn, st.phase) == before:  # the AI left its phase open
            events += engine.apply(st, EndPhase())
        self._after_change(events)
        return True

    def _after_change(self, events: Sequence[Event]) -> None:
        self.version += 1
        self.events.add(events)
        self.attack = None  # its preview was for the old state
        self.result = None  # and the last result is old news (confirm_attack sets the new one after)
        text = info.describe_events(self.state, events)
        if text:
            self.say(text, palette.TEXT_GOOD)
        if self.selected is not None:
            self._refresh_range()

    def say(self, text: str, color: palette.Color = palette.TEXT) -> None:
        self.message, self.message_color = text, color
        self.log.append(text)
        del self.log[:-50]

    # --- attacks: a preview panel, then an Attack order ---------------------------------------
    def open_attack(self, target: Hex) -> None:
        """Preview an attack by the selected unit on ``target`` (nothing changes until confirmed)."""
        assert self.selected is not None
        self.result = None
        self.attack = AttackPanel(self.state, target, self.selected)
        if self.attack.error:
            self.say(self.attack.error, palette.TEXT_WARN)
        else:
            self.say(f"Attack on ({target[0]},{target[1]}): Enter to attack, Esc to cancel", palette.TEXT)

    def close_attack(self) -> None:
        if self.attack is not None:
            self.attack = None
            self.say("Attack cancelled", palette.TEXT_DIM)

    def toggle_attacker(self, unit: int) -> None:
        """Add or remove a unit from the attack being prepared."""
        if self.attack is None:
            return
        self.attack.toggle(self.state, unit)
        if self.attack.error:
            self.say(self.attack.error, palette.TEXT_WARN)
        else:
            names = ", ".join(self.scenario.units[u].name for u in self.attack.attackers)
            self.say(f"Attackers: {names}", palette.TEXT)

    def toggle_attacker_at(self, h: Hex) -> None:
        """Shift+click: the next friendly unit of hex ``h`` joins the attack; when all have, they leave it."""
        assert self.attack is not None
        i = self.scenario.map.grid.index(h)
        near = {c.unit for c in combat_info.candidates(self.state, self.attack.target)}
        own = [u for u in self.stacks().get(i, []) if u in near]
        if not own:
            t = self.attack.target
            self.say(f"Shift+click a friendly unit next to ({t[0]},{t[1]}) to add it", palette.TEXT_DIM)
            return
        out = [u for u in own if u not in self.attack.attackers]
        for u in out[:1] or own:
            self.toggle_attacker(u)

    def confirm_attack(self) -> None:
        """Enter or the Attack button: the engine carries out (or refuses) the attack."""
        panel = self.attack
        if panel is None:
            return
        events = self.order(panel.order(self.state))
        if events is None:  # refused: the panel stays open with the reason
            panel.error = self.message
            return
        combat = next((e for e in events if isinstance(e, Combat)), None)
        if combat is not None:
            self.result = ResultBox(self.state, combat)

    # --- selection -----------------------------------------------------------------------
    def select(self, unit: int | str | None) -> None:
        """Select a unit (index or id); its range is shaded when it may move now."""
        if isinstance(unit, str):
            if unit not in self.scenario.unit_index:
                raise KeyError(f"no unit '{unit}'")
            unit = self.scenario.unit_index[unit]
        self.selected = unit
        self._refresh_range()

    def _refresh_range(self) -> None:
        u = self.selected
        self.range_overlay.invalidate()
        self.move_range = None
        if u is None or self.state.game_over or self.state.unit_hex[u] == OFF_MAP:
            return
        if self.scenario.units[u].side == self.state.side and self._human_to_move():
            self.move_range = movement_range(self.state, u)

    def _human_to_move(self) -> bool:
        return not self.state.game_over and self.state.side not in self.computer_sides

    def _attack_target(self, h: Hex) -> bool:
        """Whether a click on ``h`` means attacking it with the selected unit."""
        u = self.selected
        return u is not None and self._human_to_move() and combat_info.is_attack_target(self.state, u, h)

    def viewer(self) -> int:
        """The side whose supply and enemy zones the overlays show: the human side (to move)."""
        if self.state.side not in self.computer_sides:
            return self.state.side
        humans = [i for i in range(len(self.scenario.sides)) if i not in self.computer_sides]
        return humans[0] if humans else self.state.side

    def toggle_overlay(self, name: str) -> None:
        on = self.overlays.toggle(name)
        self.say(f"{LABELS[name]} overlay {'on' if on else 'off'}", palette.TEXT_DIM)

    def stacks(self) -> dict[int, list[int]]:
        """Units on the map by flat hex index (rebuilt only after the state changed)."""
        if self._stacks_version != self.version:
            on = np.flatnonzero(self.state.unit_hex != OFF_MAP)
            self._stacks = {}
            for u in on[np.argsort(self.state.unit_hex[on], kind="stable")]:
                self._stacks.setdefault(int(self.state.unit_hex[u]), []).append(int(u))
            self._stacks_version = self.version
        return self._stacks

    def click_hex(self, h: Hex) -> None:
        """Left click: attack an adjacent enemy, select (cycling through a stack), or move to a shaded hex."""
        if self.attack is not None:
            if self.attack.target == h:
                return
            self.attack = None
        if self._attack_target(h):
            self.open_attack(h)
            return
        i = self.scenario.map.grid.index(h)
        here = self.stacks().get(i, [])
        if here:
            if self.selected in here:
                nxt = here[(here.index(self.selected) + 1) % len(here)]
            else:
                own = [u for u in here if self.scenario.units[u].side == self.state.side]
                nxt = (own or here)[-1]
            self.select(nxt)
            unit = self.scenario.units[nxt]
            if unit.side != self.state.side:
                self.say(f"{unit.name} ({self.scenario.sides[unit.side].name})", palette.TEXT_DIM)
            return
        mr = self.move_range
        if mr is not None and mr.can_end[i] and i != mr.start:
            self.move_selected_to(h)
            return
        self.select(None)

    # --- input ---------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """Apply one pygame event to the screen (a test may call this directly)."""
        t = event.type
        if t == pygame.QUIT:
            self.running = False
        elif t == pygame.KEYDOWN:
            self._key(event)
        elif t == pygame.MOUSEMOTION:
            self._motion(event)
        elif t == pygame.MOUSEBUTTONDOWN:
            self._button_down(event)
        elif t == pygame.MOUSEBUTTONUP:
            self._button_up(event)
        elif t == pygame.MOUSEWHEEL:
            self._wheel(event)
        elif t == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))

    def _key(self, event: pygame.event.Event) -> None:
        k = event.key
        if k == pygame.K_F1:
            self.help_open = not self.help_open
        elif self.help_open:
            if k == pygame.K_ESCAPE or k in KEYS_CONFIRM:
                self.help_open = False
        elif not self._modal_key(k):
            self._map_key(k)
        self._set_hover()

    def _modal_key(self, k: int) -> bool:
        """Keys taken by the attack panel or the result box; True when one took it."""
        if self.attack is not None and (k == pygame.K_ESCAPE or k in KEYS_END_PHASE or k == pygame.K_TAB):
            if k == pygame.K_ESCAPE:
                self.close_attack()
            elif k in KEYS_CONFIRM:
                self.confirm_attack()
            return True  # Space and Tab would end the phase or change the selection behind it
        if self.result is not None and (k == pygame.K_ESCAPE or k in KEYS_END_PHASE):
            self.result = None
            return True
        return False

    def _map_key(self, k: int) -> None:
        if k == pygame.K_ESCAPE:
            self.running = False
        elif k in KEYS_END_PHASE:
            self.end_phase()
        elif k in KEYS_OVERLAY:
            self.toggle_overlay(KEYS_OVERLAY[k])
        elif k == pygame.K_l:
            self.events.toggle()
        elif k in KEYS_ZOOM_IN:
            self.camera.zoom_step(1)
        elif k in KEYS_ZOOM_OUT:
            self.camera.zoom_step(-1)
        elif k == pygame.K_HOME:
            self.camera.fit()
        elif k == pygame.K_TAB:
            self._next_ready_unit()
        elif k in KEYS_PAN:
            dx, dy = KEYS_PAN[k]
            self.camera.pan(dx * self.camera.view[2] * PAN_STEP, dy * self.camera.view[3] * PAN_STEP)

    def _motion(self, event: pygame.event.Event) -> None:
        self.mouse = _pos(event)
        buttons = getattr(event, "buttons", (0, 0, 0))
        if buttons[1] or buttons[2]:
            self.camera.pan(*event.rel)
            if self._right_down is not None:
                dx, dy = event.pos[0] - self._right_down[0], event.pos[1] - self._right_down[1]
                self._right_dragged |= abs(dx) + abs(dy) > DRAG_THRESHOLD
        self._set_hover()

    def _wheel(self, event: pygame.event.Event) -> None:
        if self.help_open:
            return
        if self.attack is not None and self.attack.rect.collidepoint(self.mouse):
            self.attack.scroll_by(event.y)
        elif self.events.rect.collidepoint(self.mouse):
            self.events.scroll_by(event.y)
        else:
            anchor = self.mouse if self.camera.in_view(*self.mouse) else None
            self.camera.zoom_step(1 if event.y > 0 else -1, anchor)
            self._set_hover()

    def _button_down(self, event: pygame.event.Event) -> None:
        self.mouse = _pos(event)
        self._set_hover()
        if event.button not in (1, 3) or self._floating_click(event):
            return
        if event.button == 1:
            if self.layout.end_button.collidepoint(event.pos):
                self.end_phase()
            elif self.hover is not None:
                if self.attack is not None and _shift(event):
                    self.toggle_attacker_at(self.hover)
                else:
                    self.click_hex(self.hover)
        else:
            self._right_down, self._right_dragged = _pos(event), False

    def _floating_click(self, event: pygame.event.Event) -> bool:
        """Clicks on the help, the attack panel, the result box or the log; True when one took it."""
        pos = _pos(event)
        if self.help_open:
            self.help_open = False
            return True
        if self.attack is not None and self.attack.rect.collidepoint(pos):
            action = self.attack.click(pos) if event.button == 1 else None
            if action == "attack":
                self.confirm_attack()
            elif action == "cancel":
                self.close_attack()
            elif isinstance(action, int):
                self.toggle_attacker(action)
            return True
        if self.result is not None:
            over = self.result.rect.collidepoint(pos)
            self.result = None
            if over:
                return True
        return self.events.rect.collidepoint(pos)

    def _button_up(self, event: pygame.event.Event) -> None:
        if event.button != 3 or self._right_down is None:
            return
        was_drag = self._right_dragged
        self._right_down, self._right_dragged = None, False
        self.mouse = _pos(event)
        self._set_hover()
        if was_drag or self.hover is None or self.selected is None:
            return
        if self.attack is not None and _shift(event):
            self.toggle_attacker_at(self.hover)
        elif self.attack is not None and self.attack.target == self.hover:
            return
        elif self._attack_target(self.hover):
            self.open_attack(self.hover)
        elif self.move_range is None:
            self.say(f"{self.scenario.units[self.selected].name} cannot move now", palette.TEXT_WARN)
        else:
            self.attack = None
            self.move_selected_to(self.hover)

    def _set_hover(self) -> None:
        """The hex under the mouse; none while the mouse is over a floating panel."""
        covered = [r for r in self._floating_rects() if r.collidepoint(self.mouse)]
        self.hover = None if covered or self.help_open else self.camera.screen_to_hex(*self.mouse)

    def _floating_rects(self) -> list[pygame.Rect]:
        rects = [self.events.rect]
        if self.attack is not None:
            rects.append(self.attack.rect)
        if self.result is not None:
            rects.append(self.result.rect)
        return rects

    def _next_ready_unit(self) -> None:
        """Tab: select the next unit of the side to move that still has movement points."""
        if not self._human_to_move():
            return
        ready = [int(u) for u in self.state.units_of(self.state.side) if self.state.unit_mp[u] > 0]
        if not ready:
            self.say("No unit has movement points left", palette.TEXT_DIM)
            return
        later = [u for u in ready if self.selected is None or u > self.selected]
        self.select((later or ready)[0])
        assert self.selected is not None
        self.camera.center_on(self.scenario.map.grid.hex_at(int(self.state.unit_hex[self.selected])))

    def resize(self, size: tuple[int, int]) -> None:
        if tuple(size) == self.layout.size:
            return
        self.layout = Layout.for_size(size)
        self.camera.set_view(_view(self.layout.map))
        self._legend = None

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        """Draw the whole screen into ``surf`` (the window, or an offscreen surface)."""
        self.resize(surf.get_size())
        if self._drawn_version != self.version:  # hexes may have changed hands
            self.layer.sync_control(self.state.control)
            self._drawn_version = self.version
        stacks = self.stacks()
        surf.fill(palette.BACKGROUND)
        self.layer.draw(surf, self.camera)
        clip = surf.get_clip()
        surf.set_clip(self.layout.map)
        self.overlays.draw_under_units(surf, self.camera, self.state, self.viewer(), self.version)
        if self.move_range is not None and self.attack is None:
            key = (self.selected, self.version)
            self.range_overlay.draw(surf, self.camera, self.scenario.map, self.move_range.can_end, key)
        overlays.draw_place_labels(surf, self.camera, self.scenario.map, self.text)
        planned = self._planned_move() if self.attack is None else None
        if planned is not None:
            overlays.draw_path(surf, self.camera, planned[0])
        self._draw_units(surf, stacks)
        self.overlays.draw_over_units(surf, self.camera, self.state, self.text)
        self._draw_attack_marks(surf)
        if self.hover is not None:
            overlays.draw_hover(surf, self.camera, self.hover)
        if planned is not None:
            overlays.draw_cost_tag(surf, self.camera, planned[0][-1], planned[1], self.text)
        elif self.attack is None and self.hover is not None and self._attack_target(self.hover):
            overlays.draw_cost_tag(surf, self.camera, self.hover, "Attack", self.text, palette.ATTACK)
        surf.set_clip(clip)
        self._draw_panels(surf)
        self._draw_floating(surf)

    def _draw_attack_marks(self, surf: pygame.Surface) -> None:
        if self.attack is None:
            return
        grid = self.scenario.map.grid
        sources = [grid.hex_at(int(self.state.unit_hex[u])) for u in self.attack.attackers]
        overlays.draw_attack_marks(surf, self.camera, sources, self.attack.target, palette.ATTACK)

    def _draw_floating(self, surf: pygame.Surface) -> None:
        """The boxes over the map (log, attack panel, result), then the help over everything."""
        area = self.layout.map
        self.events.draw(surf, area, self.text)
        if self.attack is not None:
            x = self.camera.hex_to_screen(self.attack.target)[0]
            self.attack.draw(surf, area, self.state, self.text, x, self.mouse)
        if self.result is not None:
            x = self.camera.hex_to_screen(self.result.combat.target)[0]
            self.result.draw(surf, area, self.text, x)
        if self.help_open:
            draw_help(surf, pygame.Rect((0, 0), self.layout.size), self.text)

    def _draw_units(self, surf: pygame.Surface, stacks: dict[int, list[int]]) -> None:
        s = self.camera.tile_size
        w, h = counter_dims(s)
        grid = self.scenario.map.grid
        cut_off = self.overlays.cut_off(self.state, self.viewer(), self.version)
        for i in sorted(stacks):  # north to south, so lower counters overlap upper ones alike
            sx, sy = self.camera.hex_to_screen(grid.hex_at(i))
            if not pygame.Rect(self.layout.map).inflate(2 * w, 2 * h).collidepoint(sx, sy):
                continue
            units = stacks[i]
            if self.selected in units:
                units = [u for u in units if u != self.selected] + [self.selected]
            looks = [self._look(u, w, h) for u in units]
            sel = len(units) - 1 if self.selected in units else None
            top = self.counters.draw_stack(surf, looks, (sx, sy), selected=sel)
            if cut_off.intersection(units):
                overlays.draw_cut_off(surf, top, self.text)

    def _look(self, u: int, w: int, h: int) -> CounterLook:
        info_ = self.scenario.units[u]
        return CounterLook(
            self.side_colors[info_.side],
            info_.type.symbol,
            info_.type.size,
            strength_label(int(self.state.unit_men[u])),
            w,
            h,
            info.counter_marks(self.state, u),
        )

    def _planned_move(self) -> tuple[list[Hex], str] | None:
        """The path and cost label to the hovered hex, when the selected unit may end there."""
        mr, h = self.move_range, self.hover
        if mr is None or h is None:
            return None
        i = self.scenario.map.grid.index(h)
        if i == mr.start or not mr.can_end[i]:
            return None
        path = mr.path_to(i)
        if not path:
            return None
        return hex_path(self.state, path), f"{float(mr.cost[i]):g} MP"

    def _draw_panels(self, surf: pygame.Surface) -> None:
        st = self.state
        items = info.top_items(st, self.computer_sides)
        active = self.overlays.names()
        if active:
            items.append(InfoLine("Overlays: " + ", ".join(active), palette.CUT_OFF, size=17))
        draw_top_bar(surf, self.layout, self.text, items, "End phase", self._human_to_move(), self.mouse)
        sections = []
        if self.selected is not None:
            sections.append(("Selected unit", info.unit_lines(st, self.selected)))
        if self.hover is not None:
            attack = self._attack_target(self.hover)
            sections.append(("Hex", info.hex_lines(st, self.hover, self.move_range, attack=attack)))
        if not sections:
            sections.append((self.scenario.name, info.scenario_lines(st)))
        draw_side_panel(surf, self.layout, self.text, sections, self._legend_surface())
        draw_status(surf, self.layout, self.text, self.message, self.message_color, HINT)

    def _legend_surface(self) -> pygame.Surface:
        """The overlay keys and samples above the map legend; rebuilt when the overlays change."""
        key = (self.layout.side.w, tuple(sorted(self.overlays.active)))
        if self._legend is None or key != self._legend_key:
            base = render_legend(self.text, self.scenario.map, self.layout.side.w)
            extra = render_overlay_legend(self.text, sorted(self.overlays.active), self.layout.side.w)
            self._legend = stack_surfaces(extra, base, gap=8)
            self._legend_key = key
        return self._legend


def _pos(event: pygame.event.Event) -> tuple[int, int]:
    return int(event.pos[0]), int(event.pos[1])


def _shift(event: pygame.event.Event) -> bool:
    """Shift held: from the event's ``mod`` when it has one (tests), else the keyboard."""
    mod = getattr(event, "mod", None)
    return bool((pygame.key.get_mods() if mod is None else mod) & pygame.KMOD_SHIFT)


def _view(rect: pygame.Rect) -> ViewRect:
    return rect.x, rect.y, rect.w, rect.h


def run(
    state: GameState,
    *,
    size: tuple[int, int] = (1600, 900),
    computer_sides: frozenset[int] = frozenset(),
    ai: ComputerMove | None = None,
    max_frames: int | None = None,
    on_frame: FrameHook | None = None,
    fps: int = 60,
) -> int:
    """Open the window and play until the player quits; returns 0.

    ``max_frames`` stops after that many frames and ``on_frame(app, frame)`` is called at the
    start of each frame, before the events are read: together they let a test or a smoke run
    post events (``pygame.event.post``) into the real loop.
    """
    pygame.display.init()  # display and fonts only: no sound yet, so no audio device to wait for
    pygame.font.init()
    try:
        screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption(f"August Storm — {state.scenario.name}")
        pygame.key.set_repeat(250, 35)
        app = App(state, screen.get_size(), computer_sides=computer_sides, ai=ai)
        clock = pygame.time.Clock()
        frame = 0
        while app.running and (max_frames is None or frame < max_frames):
            if on_frame is not None:
                on_frame(app, frame)
            events = pygame.event.get()
            for event in events:
                app.handle(event)
            acted = app.update()
            if events or acted or frame == 0:  # an idle screen is not redrawn
                app.draw(pygame.display.get_surface())
                pygame.display.flip()
            clock.tick(fps)
            frame += 1
    finally:
        pygame.quit()
    return 0
