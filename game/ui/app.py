"""The map screen: the App that ties map, units, panels and the game around them together.

``App`` owns a ``Game`` (the state, its seed and its order log) and never changes the state
itself: moving, attacking and ending a phase are Orders handed to ``game.play``, whose
``IllegalOrder`` messages go to the status line and whose events go to the event log;
Ctrl+Z is ``game.undo``; Ctrl+R reloads the scenario from its files and replays the log on
them (``reload``). Selecting, hovering, the overlays and an attack being prepared are view
state. ``App.handle(event)``, ``App.update(dt_ms)`` and ``App.draw(surface)`` are the whole
loop, so tests drive the screen with synthetic events and no window, and
``render_screenshot`` draws the same screen offscreen.

Around the map it runs the game (``flow.GameFlow``): computer sides play through their player
callable and their phase is animated and summed up; at a hotseat the map is hidden between the
players; the game is autosaved at the start of every turn and F5 / F9 quicksave and quickload;
at the end come the result and charts. Every side sees the map, the log and the reports
through its own fog of war (``view``, ``fog``).

Input goes to the topmost thing first: a dialog, the game-over screen, the hand-over screen,
the animation (Space skips), the phase report, the help, the order of battle and victory
panels, the attack panel, the result box and the event log, and only then the map.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path

import pygame

from game.ai.players import Player
from game.core.engine import may_move
from game.core.events import Combat, Event
from game.core.game import Game
from game.core.hexgrid import Hex
from game.core.orders import Demolish, EndPhase, Move, Order
from game.core.rules.battle import why_unit_cannot_attack
from game.core.rules.movement import MoveRange, movement_range
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import view
from game.ui import combat_info, info, overlays, palette
from game.ui.animation import PhaseAnimation
from game.ui.camera import Camera, ViewRect
from game.ui.combat_panel import AttackPanel, ResultBox
from game.ui.controller import GameController
from game.ui.counters import CounterLook, Counters
from game.ui.eventlog import EventLog
from game.ui.flow import TurnFlow
from game.ui.gameover import GameOverScreen
from game.ui.gui import Dialog
from game.ui.gui import event_pos as _pos
from game.ui.handover import draw_handover, handover_button
from game.ui.history import TurnHistory
from game.ui.keys import VIEW_KEYS
from game.ui.layers import InputRouter
from game.ui.mapinput import KEYS_PAN, KEYS_ZOOM_IN, KEYS_ZOOM_OUT, MapInput
from game.ui.maplayer import MapLayer
from game.ui.mapoverlays import LABELS, MapOverlays
from game.ui.mappainter import MapPainter
from game.ui.mapview import MapView
from game.ui.minimap import Minimap
from game.ui.oob import OrderOfBattlePanel
from game.ui.panels import Layout
from game.ui.pbem_games import PbemLink
from game.ui.reload import ReloadWatcher
from game.ui.session import Session, computer_player
from game.ui.settings import Settings
from game.ui.sound import Sounds
from game.ui.text import Text
from game.ui.turnreport import PhaseReport
from game.ui.victory_panel import VictoryPanel

TAB_ZOOM = 21  # Tab zooms in to at least this hex size, so the unit it finds can be seen
LEAVE_EVENTS = frozenset(getattr(pygame, n) for n in ("WINDOWLEAVE", "WINDOWFOCUSLOST", "WINDOWMINIMIZED")
                         if hasattr(pygame, n))
KEYS_VIEW = {*KEYS_PAN, *KEYS_ZOOM_IN, *KEYS_ZOOM_OUT, *VIEW_KEYS, pygame.K_F1}


class App:
    """The map screen for one game: map view state, orders and panels; the game around the map is its
    ``flow`` (a ``TurnFlow``) and live reload its ``reloader`` (a ``ReloadWatcher``), each owned by it."""

    def __init__(
        self,
        game: Game | GameState,
        size: tuple[int, int] = (1600, 900),
        *,
        computer_sides: frozenset[int] = frozenset(),
        players: Mapping[int, Player] | None = None,
        session: Session | None = None,
        saves_dir: Path | None = None,
        settings: Settings | None = None,
    ) -> None:
        if isinstance(game, GameState):
            game = Game(game, game.scenario.seed)
        n_sides = len(game.state.scenario.sides)
        if session is None:
            session = Session(frozenset(range(n_sides)) - frozenset(computer_sides))
        self.session = session
        self.computer_sides = session.computer_sides(n_sides)
        self.players: dict[int, Player] = {s: computer_player(session.difficulty) for s in self.computer_sides}
        self.players.update(players or {})
        self.saves_dir = saves_dir
        self.settings = settings or Settings()
        self.text = Text()
        self.counters = Counters(self.text)
        self.layout = Layout.for_size(size)
        self.running = True
        self.exit_request: str | None = None  # "menu" when the player asked for the main menu
        self.mouse: tuple[int, int] = (-1, -1)
        self._edge_armed = False  # set by a mouse motion, cleared when the pointer leaves the window
        self.flow = TurnFlow(self)
        self.pbem: PbemLink | None = None  # a play-by-e-mail game: its turn files (game.ui.pbem_games)
        self.keep_settings: Callable[[Settings], object] | None = None  # the shell saves settings changed here
        self.controller = GameController(self, Sounds(self.settings.volume, self.settings.muted))
        self._start(game)

    view_keys = KEYS_VIEW  # keys that only look around: they reach the map while the computer's moves play

    def _start(self, game: Game) -> None:
        """Everything that belongs to one game: a new game, or one just loaded over the old."""
        self.game = game
        self.scenario = game.state.scenario
        game.meta.update(self.session.to_meta([s.id for s in self.scenario.sides]))  # the save remembers who plays
        self.side_colors = [palette.parse_color(s.color) for s in self.scenario.sides]
        self.layer = MapLayer(self.scenario.map, self.side_colors)
        self.minimap = Minimap(self.layer)
        self.camera = Camera(self.scenario.map.grid, _view(self.layout.map))
        self.camera.fit()
        self.range_overlay = overlays.RangeOverlay()
        self.selected: int | None = None
        self.move_range: MoveRange | None = None
        self.hover: Hex | None = None
        self.message = f"{self.scenario.name}: {self.scenario.sides[game.state.side].name} to move"
        self.message_color = palette.TEXT
        self.log: list[str] = []
        owners: list[int | None] = [None] if self.session.watching else [*sorted(self.session.human_sides)]
        self.logs: dict[int | None, EventLog] = {o: EventLog() for o in owners}
        self.overlays = MapOverlays()
        self.attack: AttackPanel | None = None  # an attack being prepared
        self.result: ResultBox | None = None  # what the last attack did, until dismissed
        self.help_open: bool = False
        self.oob: OrderOfBattlePanel | None = None
        self.victory: VictoryPanel | None = None
        self.dialog: Dialog | None = None
        self.anim: PhaseAnimation | None = None
        self.report: PhaseReport | None = None  # what the other side's phase did, until dismissed
        self.handover: int | None = None  # hotseat: the side waiting to take the keyboard
        self.over: GameOverScreen | None = None
        self.over_hidden: bool = False  # the player closed the game-over screen to look at the map
        self.history = TurnHistory()
        self._phase_events: list[Event] = []  # this phase's events, for the hand-over report
        self._pending_report: PhaseReport | None = None
        self._wait_ms = 0.0
        self.controller.new_game()
        self._camera_before: tuple[float, float, float] | None = None
        self._button = handover_button()
        self.version = 0  # bumped whenever the state shown changed
        self._seen: GameState | None = None
        self._seen_key: tuple[int, int | None] = (-1, None)
        self._predicted: tuple[object, str] = (None, "")
        self._drawn_version = -1
        self._legends: dict[tuple[object, ...], pygame.Surface] = {}  # by panel width and the overlays on
        self._side_panels: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()  # newest last
        self.side_scroll = 0  # pixels the side panel's content is scrolled (mouse wheel over it)
        self.legend_on = True  # K: the legend below the cards
        self.equipment_open = False  # E: the selected unit's equipment list unfolded
        self._right_down: tuple[int, int] | None = None
        self._right_dragged = False
        self.mapview = MapView(self)  # the cached map picture and the counters on it
        self.painter = MapPainter(self)  # draws the map screen from what the app holds
        self.input = MapInput(self)  # what a key, a click or the wheel means on the map
        self.router = InputRouter(self)  # the modal layers over the map, top first
        st = game.state
        if not game.log and st.turn == 1 and st.phase == 0:
            self.history.record(st, 0)
            self.autosave()
        if self.session.hotseat and not st.game_over:
            self.handover = st.side
        self.reloader = ReloadWatcher(self)  # watches this game's scenario files

    # --- what the turn flow and the reloader do, as the window, the shell and the keys ask for it ------
    def update(self, dt_ms: float = 1000 / 60) -> bool:
        """Let time pass (see ``TurnFlow.update``); True when the screen should be drawn again."""
        return self.flow.update(dt_ms)

    def edge_pan(self, dt_ms: float) -> bool:
        return self.flow.edge_pan(dt_ms)

    def skip_animation(self) -> None:
        self.flow.skip_animation()

    def take_over(self) -> None:
        self.flow.take_over()

    def autosave(self) -> Path | None:
        return self.flow.autosave()

    def quicksave(self) -> None:
        self.flow.quicksave()

    def quickload(self) -> None:
        self.flow.quickload()

    def ask_quickload(self) -> None:
        self.flow.ask_quickload()

    def load(self, game: Game) -> None:
        self.flow.load(game)

    def open_game_menu(self) -> None:
        self.flow.open_game_menu()

    def reload_scenario(self, *, auto: bool = False) -> bool:
        return self.reloader.reload_scenario(auto=auto)

    def order(self, order: Order) -> list[Event] | None:
        """Hand ``order`` to the game (``GameController.order``); None when it was illegal."""
        return self.controller.order(order)

    def undo(self) -> None:
        """Ctrl+Z (``GameController.undo``); a play-by-e-mail game's kept phase forgets the move too."""
        self.controller.undo()
        if self.pbem is not None:
            self.pbem.keep_pending(self.game)

    def change_settings(self, settings: Settings) -> None:
        """A choice made on the map ("don't ask again"): used now, and saved when a shell is around."""
        self.settings = settings
        if self.keep_settings is not None:
            self.keep_settings(settings)

    # --- the game, and what the screen shows of it ------------------------------------------
    @property
    def truth(self) -> GameState:
        """The real state of the game (orders are checked against it; it is never drawn as is)."""
        return self.game.state

    @property
    def state(self) -> GameState:
        """The state as the side at the screen sees it: its fog of war, or the animation's frame."""
        if self.anim is not None:
            return self.anim.shown
        side = self.fog_side()
        key = (self.version, side)
        if self._seen is None or self._seen_key != key or self._seen.scenario is not self.scenario:
            self._seen = self.truth if side is None else view(self.truth, side)
            self._seen_key = key
        return self._seen

    def fog_side(self) -> int | None:
        """Whose fog of war the map is drawn under; None shows everything (watching, or the game is over)."""
        st = self.truth
        if st.game_over or self.session.watching:
            return None
        if st.side in self.session.human_sides:
            return st.side
        return min(self.session.human_sides)

    @property
    def events(self) -> EventLog:
        """The event log of the side at the screen (each side at a hotseat has its own)."""
        return self.logs.get(self.fog_side(), next(iter(self.logs.values())))

    # --- orders: the only way the state changes ---------------------------------------------

    def end_phase(self) -> None:
        """Enter, Space or the button: end the phase, after a warning when units could still act."""
        if not self._human_to_move():
            return
        idle = info.idle_units(self.truth) if self.settings.warn_end_phase else None
        if idle is None or not (idle.unmoved or idle.can_attack):
            self.order(EndPhase())
            return
        self.dialog = Dialog("End the phase?", idle.lines(),
                             (("End phase", "end!"), ("Don't ask again", "end-always"), ("Cancel", "resume")),
                             warn=False, width=700)

    def move_selected_to(self, h: Hex) -> None:
        if self.selected is None:
            self.say("Select a unit first", palette.TEXT_DIM)
            return
        self.order(Move(self.scenario.units[self.selected].id, h))

    def demolish_selected(self) -> None:
        """D: the selected unit blows the bridges and track of its hex, an order played like a move (the
        engine refuses it with ``why_cannot_demolish``'s reason, which the status line shows). Only on a
        person's own phase, as a move; it cannot be undone (``Game.play`` clears the undo)."""
        if not self._human_to_move():
            self.say("Not your phase: no orders now", palette.TEXT_DIM)
            return
        if self.selected is None:
            self.say("Select a unit first (D: it blows the bridges and track of its hex)", palette.TEXT_DIM)
            return
        self.order(Demolish(self.scenario.units[self.selected].id))

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
        near = {c.unit for c in combat_info.candidates(self.state, self.attack.target) if not c.why_not}
        own = [u for u in self.mapview.stacks().get(i, []) if u in near]
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
        if unit != self.selected:
            self.side_scroll = 0  # a new card starts at its top
        self.selected = unit
        self._refresh_range()

    def _refresh_range(self) -> None:
        u = self.selected
        self.range_overlay.invalidate()
        self.move_range = None
        if u is None or self.state.game_over or self.state.unit_hex[u] == OFF_MAP:
            return
        if self.scenario.units[u].side == self.state.side and self._human_to_move() and may_move(self.state, u):
            self.move_range = movement_range(self.state, u)  # a held-back unit shades nothing: it cannot move

    def _human_to_move(self) -> bool:
        """A person may give orders now: their side's phase, and nothing is playing or covering the map."""
        st = self.truth
        return (not st.game_over and st.side not in self.computer_sides and self.handover is None
                and self.anim is None and self.dialog is None)

    def _attack_target(self, h: Hex) -> bool:
        """Whether a click on ``h`` means attacking it with the selected unit."""
        u = self.selected
        if u is None or not self._human_to_move() or not combat_info.is_attack_target(self.state, u, h):
            return False
        grid = self.scenario.map.grid
        return why_unit_cannot_attack(self.state, u, grid.index(h)) is None

    def _why_no_attack(self, h: Hex) -> str | None:
        """Why the selected unit next to enemy hex ``h`` may not attack it (held back, attacked...), if so."""
        u = self.selected
        if u is None or not self._human_to_move() or not combat_info.is_attack_target(self.state, u, h):
            return None
        why = why_unit_cannot_attack(self.state, u, self.scenario.map.grid.index(h))
        return None if why is None else f"{self.scenario.units[u].name} {why}"

    def viewer(self) -> int:
        """The side whose supply and enemy zones the overlays show: the side at the screen, else the one to move."""
        side = self.fog_side()
        return self.truth.side if side is None else side

    def toggle_overlay(self, name: str) -> None:
        before = set(self.overlays.active)
        on = self.overlays.toggle(name)
        replaced = sorted(before - self.overlays.active - {name})
        note = f" ({', '.join(LABELS[n] for n in replaced)} off: one shading at a time)" if replaced else ""
        self.say(f"{LABELS[name]} overlay {'on' if on else 'off'}{note}", palette.TEXT_DIM)


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
        here = self.mapview.stacks().get(i, [])
        if here:
            why = self._why_no_attack(h)
            self._select_in_stack(here)
            if why is not None:
                self.say(why, palette.TEXT_WARN)
            return
        mr = self.move_range
        if mr is not None and mr.can_end[i] and i != mr.start:
            self.move_selected_to(h)
            return
        self.select(None)

    def _select_in_stack(self, here: list[int]) -> None:
        """A click on a stack: its top own unit; a click on the selected unit's hex goes on to the next
        own unit there that may still move (never to a held-back one, so a right-click after it
        cannot surprise), and says which of how many it chose."""
        side = self.state.side
        own = [u for u in here if self.scenario.units[u].side == side]
        if self.selected in here and self.selected in own:
            ready = [u for u in own if u == self.selected or (may_move(self.state, u) and self.state.unit_mp[u] > 0)]
            nxt = ready[(ready.index(self.selected) + 1) % len(ready)]
            self.select(nxt)
            if len(ready) > 1:
                self.say(f"{self.scenario.units[nxt].name} ({ready.index(nxt) + 1} of {len(ready)} here "
                         "that may move; click again for the next)", palette.TEXT)
            return
        movable = [u for u in own if may_move(self.state, u) and self.state.unit_mp[u] > 0]
        nxt = (movable or own or here)[-1]  # the top unit that may still move, else the top one
        self.select(nxt)
        unit = self.scenario.units[nxt]
        if unit.side != side:
            self.say(f"{unit.name} ({self.scenario.sides[unit.side].name})", palette.TEXT_DIM)
        elif len(own) > 1:
            self.say(f"{unit.name}: {len(own)} units here, click again for the next", palette.TEXT)

    # --- input ---------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """Apply one pygame event to the screen (a test may call this directly)."""
        t = event.type
        if t == pygame.QUIT:
            self.running = False
        elif t == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
        elif t == pygame.KEYDOWN and event.key == pygame.K_r and getattr(event, "mod", 0) & pygame.KMOD_CTRL:
            self.reload_scenario()  # over everything: a designer presses it again from the problems dialog
        elif not self._modal_event(event):
            self.input.event(event)

    def _modal_event(self, event: pygame.event.Event) -> bool:
        """The layers that cover the map or pause it take the event first (``layers.STACK``); True when one did."""
        if event.type == pygame.MOUSEMOTION:
            self.mouse = _pos(event)
            self._edge_armed = True  # the pointer really is in the window (not the (0, 0) of no mouse at all)
        elif event.type in LEAVE_EVENTS:
            self._edge_armed = False
        return self.router.route(event)

    # the plain keys' actions (``keys.BINDINGS`` names them)
    def toggle_log(self) -> None:
        self.events.toggle()

    def toggle_legend(self) -> None:
        self.legend_on = not self.legend_on
        self.say(f"Legend {'shown' if self.legend_on else 'hidden'} (K)", palette.TEXT_DIM)

    def toggle_equipment(self) -> None:
        self.equipment_open = not self.equipment_open
        self.say(f"Equipment list {'open' if self.equipment_open else 'folded'} (E)", palette.TEXT_DIM)

    def fit_map(self) -> None:
        self.camera.fit()

    def toggle_oob(self) -> None:
        """O: the order-of-battle browser of the side at the screen."""
        self.oob = None if self.oob is not None else OrderOfBattlePanel(self.scenario, self.viewer())

    def toggle_victory(self) -> None:
        """V: objectives, who holds them, and victory points."""
        self.victory = None if self.victory is not None else VictoryPanel()

    def find_unit(self, u: int) -> None:
        """The browser's click: select the unit and centre the map on it (when it is on the map)."""
        at = int(self.truth.unit_hex[u])
        if at == OFF_MAP or self.state.unit_hex[u] == OFF_MAP:
            self.say(f"{self.scenario.units[u].name} is not on the map", palette.TEXT_DIM)
            return
        self.select(u)
        self.camera.center_on(self.scenario.map.grid.hex_at(at))
        self.say(f"{self.scenario.units[u].name}", palette.TEXT)

    def _set_hover(self) -> None:
        """The hex under the mouse; none while the mouse is over a floating panel."""
        covered = [r for r in self._floating_rects() if r.collidepoint(self.mouse)]
        self.hover = None if covered or self.help_open else self.camera.screen_to_hex(*self.mouse)

    def _floating_rects(self) -> list[pygame.Rect]:
        rects = [self.events.rect, self.minimap.rect]
        rects += [p.rect for p in (self.oob, self.victory, self.report) if p is not None]
        if self.attack is not None:
            rects.append(self.attack.rect)
        if self.result is not None:
            rects.append(self.result.rect)
        return rects

    def _next_ready_unit(self) -> None:
        """Tab: select the next unit of the side to move that may still move (not held back, points left)."""
        if not self._human_to_move():
            return
        st = self.state
        ready = [int(u) for u in st.units_of(st.side) if st.unit_mp[u] > 0 and may_move(st, int(u))]
        if not ready:
            self.say("No unit can move any more this turn", palette.TEXT_DIM)
            return
        later = [u for u in ready if self.selected is None or u > self.selected]
        self.select((later or ready)[0])
        assert self.selected is not None
        if self.camera.tile_size < TAB_ZOOM:  # from the whole theatre, close enough to see the unit and its range
            self.camera.zoom_to(TAB_ZOOM)
        self.camera.center_on(self.scenario.map.grid.hex_at(int(self.state.unit_hex[self.selected])))

    def resize(self, size: tuple[int, int]) -> None:
        if tuple(size) == self.layout.size:
            return
        self.layout = Layout.for_size(size)
        self.camera.set_view(_view(self.layout.map))
        self._legends.clear()

    # --- drawing -------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """The map is still rendering a new zoom level behind an interim view: keep drawing frames."""
        return self.mapview.busy

    def stacks(self) -> dict[int, list[int]]:
        """Units on the map by flat hex index (the map view's, rebuilt only after the state changed)."""
        return self.mapview.stacks()

    def _look(self, u: int, w: int, h: int) -> CounterLook:
        return self.mapview.look(u, w, h)

    def draw(self, surf: pygame.Surface) -> None:
        """Draw the whole screen into ``surf`` (the window, or an offscreen surface)."""
        self.resize(surf.get_size())
        if self.handover is not None:  # nothing of the map may show between hotseat players
            draw_handover(surf, self.text, self.truth, self.handover, self._button, self.mouse)
        elif self.over is not None and not self.over_hidden:
            self.over.draw(surf, self.text)
        else:
            self.painter.draw_map_screen(surf)
        if self.dialog is not None:
            self.dialog.draw(surf, self.text)








def _view(rect: pygame.Rect) -> ViewRect:
    return rect.x, rect.y, rect.w, rect.h


def run(state: GameState | None = None, **kwargs: object) -> int:
    """Open the game window (see ``window.run``): the main menu, or straight to ``state``'s map."""
    from game.ui.window import run as run_window

    return run_window(state, **kwargs)  # type: ignore[arg-type]
