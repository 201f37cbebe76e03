"""A seeded UI fuzzer: random input on every screen, no exception may escape.

Events are built as SDL delivers them (a click has ``pos`` and ``button`` but no ``mod``; held
modifiers come from ``pygame.key.get_mods``, which the fuzzer sets), with a share of the
synthetic shape the tests use (``mod`` on the event). Clicks aim half the time at something
on screen — buttons, list rows, panels, units and the hexes around them — since uniform clicks
rarely hit a button. Windows are resized to odd and tiny sizes, lose focus, minimise, and are
asked to quit.

After every batch of events the shell updates and draws at the window's size. The map's rule
is checked too: the game state changes only through ``Game.play`` (or ``Game.undo``, or a
whole game loaded or reloaded in its place), so a batch that called neither must leave the
state hash as it found it.
"""

from __future__ import annotations

import json
import random
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame

from game.core.game import Game
from game.core.units import OFF_MAP
from game.persistence.saves import save_game
from game.scenario.build import load_game as load_scenario
from game.ui.gui import Button
from game.ui.session import HOTSEAT, WATCH, Session
from game.ui.settings import Settings
from game.ui.shell import Shell
from tests.conftest import TINY

HANDLED_KEYS = (
    pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_UP, pygame.K_DOWN,
    pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS,
    pygame.K_KP_MINUS, pygame.K_HOME, pygame.K_F1, pygame.K_F5, pygame.K_F9, pygame.K_o, pygame.K_v, pygame.K_s,
    pygame.K_z, pygame.K_f, pygame.K_l, pygame.K_n, pygame.K_q, pygame.K_r,
)
ALL_KEYS = tuple(sorted({getattr(pygame, n) for n in dir(pygame) if n.startswith("K_")}))
MODS = (0, 0, 0, pygame.KMOD_LSHIFT, pygame.KMOD_RSHIFT, pygame.KMOD_LCTRL, pygame.KMOD_RCTRL,
        pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT, pygame.KMOD_LALT, pygame.KMOD_CAPS | pygame.KMOD_NUM)
SIZES = ((200, 150), (1, 1), (64, 48), (320, 240), (333, 777), (640, 480), (1000, 200), (150, 900), (1280, 800),
         (1366, 768), (1920, 1080), (2560, 1440))
WINDOW_EVENTS = tuple(getattr(pygame, n) for n in (
    "WINDOWFOCUSGAINED", "WINDOWFOCUSLOST", "WINDOWMINIMIZED", "WINDOWRESTORED", "WINDOWMAXIMIZED", "WINDOWENTER",
    "WINDOWLEAVE", "WINDOWEXPOSED", "WINDOWSHOWN", "WINDOWHIDDEN", "WINDOWMOVED", "WINDOWTAKEFOCUS",
) if hasattr(pygame, n))
OTHER_EVENTS = (pygame.KEYUP, pygame.TEXTINPUT, pygame.USEREVENT, pygame.ACTIVEEVENT, pygame.VIDEOEXPOSE,
                pygame.DROPFILE, pygame.JOYBUTTONDOWN, pygame.TEXTEDITING)


# ---------------------------------------------------------------- counting Game.play


@dataclass
class Calls:
    """How often the game was changed through its own door."""

    n: int = 0


@contextmanager
def counting_game_calls() -> Iterator[Calls]:
    """Wrap ``Game.play`` and ``Game.undo`` (the only ways a game's state may change) to count calls."""
    calls = Calls()
    play, undo = Game.play, Game.undo

    def counted_play(self: Game, order: Any) -> Any:
        calls.n += 1
        return play(self, order)

    def counted_undo(self: Game) -> None:
        calls.n += 1
        undo(self)

    Game.play, Game.undo = counted_play, counted_undo  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        Game.play, Game.undo = play, undo  # type: ignore[method-assign]


# ---------------------------------------------------------------- the screens to fuzz


@dataclass
class World:
    """The files a fuzz run works on: a copy of the tiny scenario, a saves folder with good and bad saves."""

    root: Path
    scenario: Path = field(init=False)
    saves: Path = field(init=False)
    settings: Path = field(init=False)

    def __post_init__(self) -> None:
        self.scenario = self.root / "tiny"
        self.saves = self.root / "saves"
        self.settings = self.root / "settings.json"
        if not self.scenario.exists():
            shutil.copytree(TINY, self.scenario)
        self.saves.mkdir(parents=True, exist_ok=True)
        self.reset_saves()

    def reset_saves(self) -> None:
        """A good save, one without meta, and damaged ones of every kind the Load screen may meet."""
        game = Game(load_scenario(self.scenario, 7), 7, meta=Session.for_mode(1, 2).to_meta(("soviet", "japan")))
        save_game(game, self.saves / "good.json")
        save_game(Game(load_scenario(self.scenario, 7), 7), self.saves / "old-no-meta.json")
        damaged = {
            "damaged.json": '{"format": "august-storm-save", "version": 1, "scen',
            "empty.json": "",
            "list.json": "[1, 2, 3]",
            "future.json": '{"format": "august-storm-save", "version": 99}',
            "binary.json": "\udcff",
        }
        for name, text in damaged.items():
            (self.saves / name).write_bytes(text.encode("utf-8", "surrogateescape"))
        edits: dict[str, Callable[[dict[str, Any]], object]] = {
            "snapshot.json": lambda d: d["snapshot"].update(turn="x"),
            "arrays.json": lambda d: d["snapshot"]["arrays"]["unit_hex"].update(shape=[2, 2]),
            "scenario-list.json": lambda d: d.update(scenario=[d["scenario"]]),
            "meta-junk.json": lambda d: d.update(meta={"soviet": "robot", "mode": 7}),
            "meta-list.json": lambda d: d.update(meta=["soviet", "human"]),
            "nowhere.json": lambda d: d["scenario"].update(path=str(self.root / "gone")),
            "orders.json": lambda d: d.update(orders=[{"type": "move", "unit": "rd_124"}, 5]),
            "checksum.json": lambda d: d.update(state_hash="0" * 64),
        }
        for name, edit in edits.items():
            doc = json.loads((self.saves / "good.json").read_text(encoding="utf-8"))
            edit(doc)
            (self.saves / name).write_text(json.dumps(doc), encoding="utf-8")

    def shell(self, size: tuple[int, int], settings: Settings) -> Shell:
        return Shell(size, settings=settings, settings_file=self.settings, saves_dir=self.saves, briefs=self.briefs)

    def briefs(self) -> list[Any]:
        from game.ui.session import read_brief

        return [read_brief(self.scenario, is_test=True), read_brief(self.root / "missing")]


Setup = Callable[[Shell, World], None]


def _map(mode: int | str) -> Setup:
    def setup(shell: Shell, world: World) -> None:
        assert shell.start_scenario(world.scenario, Session.for_mode(mode, 2), seed=7)

    return setup


def _map_then(mode: int | str, then: Callable[[Shell], None]) -> Setup:
    def setup(shell: Shell, world: World) -> None:
        _map(mode)(shell, world)
        then(shell)

    return setup


def _attack(shell: Shell, world: World) -> None:
    """The attack preview: tb_206 next to the Japanese tanks on turn 2 (as in test_combat_ui)."""
    state = load_scenario(world.scenario, 7)
    scn, grid = state.scenario, state.scenario.map.grid
    state.unit_hex[scn.unit_index["tb_206"]] = grid.index((1, 3))
    state.unit_hex[scn.unit_index["tk_1"]] = grid.index((2, 3))
    state.turn = 2
    shell.open_game(Game(state, 7), Session.for_mode(0, 2))
    app = shell.app
    assert app is not None
    app.select("tb_206")
    app.open_attack((2, 3))
    assert app.attack is not None and not app.attack.error


def _game_over(shell: Shell, world: World) -> None:
    _map(WATCH)(shell, world)
    app = shell.app
    assert app is not None
    for _ in range(200):
        shell.update(16)
        if app.over is not None:
            return
    raise AssertionError("the watched game did not end")


def _broken_reload(shell: Shell, world: World) -> None:
    """The reload problems dialog: the scenario broken on disk after the map opened (fixed again after)."""
    _map(0)(shell, world)
    path = world.scenario / "oob_soviet.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("men: 9000", "mens: 9000"), encoding="utf-8")
    try:
        app = shell.app
        assert app is not None
        app.reload_scenario()
        assert app.dialog is not None
    finally:
        path.write_text(text, encoding="utf-8")


def _key_on_app(k: int) -> Callable[[Shell], None]:
    def press(shell: Shell) -> None:
        assert shell.app is not None
        shell.app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=""))

    return press


def _nowhere_to_save(shell: Shell, world: World) -> None:
    """A saves "folder" that is a file: every autosave, quicksave and quickload must fail politely."""
    blocked = world.root / "saves-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    shell.saves_dir = blocked
    _map(0)(shell, world)


def _shell_error(shell: Shell, world: World) -> None:
    shell.open_load()
    assert not shell.load_save(world.saves / "damaged.json", Session.for_mode(0, 2))
    assert shell.dialog is not None


QUICK = Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0.0)  # phases play at once
ANIMATED = Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=4.0)
SCALED = Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=1.0, ui_scale=1.5, scroll_speed=3.0)


def _with(settings: Settings, setup: Setup) -> tuple[Setup, Settings]:
    return setup, settings


TARGETS: dict[str, Setup | tuple[Setup, Settings]] = {
    "menu": lambda shell, world: shell.open_menu(),
    "new game": lambda shell, world: shell.open_new_game(),
    "load game": lambda shell, world: shell.open_load(),
    "settings": lambda shell, world: shell.open_settings(),
    "map solo": _map(0),
    "map solo japan": _map(1),
    "map hotseat": _map(HOTSEAT),
    "map watch": _map(WATCH),
    "attack preview": _attack,
    "help": _map_then(0, _key_on_app(pygame.K_F1)),
    "order of battle": _map_then(0, _key_on_app(pygame.K_o)),
    "victory panel": _map_then(0, _key_on_app(pygame.K_v)),
    "game menu dialog": _map_then(0, _key_on_app(pygame.K_ESCAPE)),
    "reload dialog": _broken_reload,
    "load error dialog": _shell_error,
    "game over": _game_over,
    "map with nowhere to save": _nowhere_to_save,
    "map watch animated": _with(ANIMATED, _map(WATCH)),
    "map solo japan animated, UI scale 150%": _with(SCALED, _map(1)),
    "menu at UI scale 150%": _with(SCALED, lambda shell, world: shell.open_menu()),
}


# ---------------------------------------------------------------- events


def _points_in(obj: Any, depth: int = 4) -> Iterator[pygame.Rect]:
    """Every rectangle an object of the UI holds (buttons, rows, panels), a couple of levels down."""
    if obj is None or depth < 0:
        return
    if isinstance(obj, pygame.Rect):
        if obj.w > 0 and obj.h > 0:
            yield obj
        return
    if isinstance(obj, list | tuple):
        for item in obj[:40]:
            yield from _points_in(item, depth - 1)
        return
    if isinstance(obj, Button) or (hasattr(obj, "__dict__") and type(obj).__module__.startswith("game.ui")):
        for value in vars(obj).values():
            if isinstance(value, pygame.Rect | list | tuple | Button) or (
                    hasattr(value, "__dict__") and type(value).__module__.startswith("game.ui")):
                yield from _points_in(value, depth - 1)


def targets_on_screen(shell: Shell, rng: random.Random) -> list[tuple[int, int]]:
    """Points worth clicking, in window pixels: buttons, rows and panels; or units and their neighbours."""
    rects: list[pygame.Rect] = []
    points: list[tuple[float, float]] = []
    app = shell.app
    if shell.dialog is not None:
        rects += _points_in(shell.dialog)
    elif app is None:
        rects += _points_in(shell.screen)
        lst = getattr(shell.screen, "list", None)
        if lst is not None:
            rects += [lst.row_rect(i) for i in range(lst.scroll, min(len(lst.rows), lst.scroll + 8))]
    else:
        layers = [app.dialog, None if app.over_hidden else app.over, app.report, app.attack, app.result, app.oob,
                  app.victory]
        top = next((layer for layer in layers if layer is not None), None)
        if top is not None and rng.random() < 0.6:  # what is on top is what a player clicks next
            rects += _points_in(top)
        for part in (*layers, app.events, app.layout, app._button):
            rects += _points_in(part)
        grid = app.scenario.map.grid
        for i in list(app.stacks())[:40]:
            if i == OFF_MAP:
                continue
            h = grid.hex_at(i)
            points.append(app.camera.hex_to_screen(h))
            for n in grid.neighbor_table[i]:
                if n >= 0:
                    points.append(app.camera.hex_to_screen(grid.hex_at(int(n))))
    s = shell.scale
    rects += [r for r in rects if r.w * r.h < 20000] * 4  # buttons and rows count five times a whole panel
    ui = [(int((r.x + r.w * rng.random()) * s), int((r.y + r.h * rng.random()) * s)) for r in rects]
    on_map = [(int(x * s), int(y * s)) for x, y in points]
    if ui and on_map:  # half on the panels and buttons, half on the units and around them
        return ui if rng.random() < 0.5 else on_map
    return ui or on_map


class EventMaker:
    """Random events for a window of ``size``, from one seeded ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.buttons = [False, False, False]
        self.mouse = (0, 0)

    def pos(self, shell: Shell, size: tuple[int, int]) -> tuple[int, int]:
        r = self.rng
        if r.random() < 0.5:
            spots = targets_on_screen(shell, r)
            if spots:
                x, y = r.choice(spots)
                return x + r.randint(-2, 2), y + r.randint(-2, 2)
        w, h = size
        if r.random() < 0.05:  # outside the window: a drag that left it
            return r.randint(-50, w + 50), r.randint(-50, h + 50)
        return r.randrange(max(1, w)), r.randrange(max(1, h))

    def _mod(self, attrs: dict[str, Any]) -> dict[str, Any]:
        mod = self.rng.choice(MODS)
        pygame.key.set_mods(mod)  # what SDL reports as held for an event without ``mod``
        if self.rng.random() < 0.4:
            attrs["mod"] = mod
        return attrs

    def click(self, pos: tuple[int, int], button: int) -> list[pygame.event.Event]:
        attrs = self._mod({"pos": pos, "button": button, "touch": False, "window": None})
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False,
                                   window=None),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, attrs), pygame.event.Event(pygame.MOUSEBUTTONUP, attrs)]

    def unit_action(self, shell: Shell) -> list[pygame.event.Event]:
        """What a player does most: click a unit, then (left or right, maybe with Shift) a hex one or two away."""
        app, r = shell.app, self.rng
        if app is None or shell.dialog is not None or not app.stacks():
            return []
        grid = app.scenario.map.grid
        i = r.choice(list(app.stacks()))
        j = i
        for _ in range(r.choice((1, 1, 2))):
            j = int(r.choice([n for n in grid.neighbor_table[j] if n >= 0]))
        s = shell.scale
        first, then = (app.camera.hex_to_screen(grid.hex_at(k)) for k in (i, j))
        return [*self.click((int(first[0] * s), int(first[1] * s)), 1),
                *self.click((int(then[0] * s), int(then[1] * s)), r.choice((1, 3, 3)))]

    def batch(self, shell: Shell, size: tuple[int, int]) -> list[pygame.event.Event]:
        r = self.rng
        kind = r.choices(("unit", "click", "drag", "motion", "key", "wheel", "window", "other", "quit"),
                         (10, 26, 6, 14, 26, 8, 6, 4, 1))[0]
        if kind == "unit":
            unit_clicks = self.unit_action(shell)
            if unit_clicks:
                return unit_clicks
            kind = "click"
        if kind in ("click", "drag"):
            button = r.choice((1, 1, 1, 3, 3, 2, 4, 5, 6, 7))
            a = self.pos(shell, size)
            b = self.pos(shell, size) if kind == "drag" else a
            down = self._mod({"pos": a, "button": button, "touch": False, "window": None})
            held = [button == 1, button == 2, button == 3]
            moves = [pygame.event.Event(pygame.MOUSEMOTION, pos=(a[0] + (b[0] - a[0]) * k // 4,
                                                                 a[1] + (b[1] - a[1]) * k // 4),
                                        rel=((b[0] - a[0]) // 4, (b[1] - a[1]) // 4), buttons=tuple(held),
                                        touch=False, window=None) for k in range(1, 5)] if kind == "drag" else []
            up = dict(down, pos=b)
            return [pygame.event.Event(pygame.MOUSEMOTION, pos=a, rel=(0, 0), buttons=(0, 0, 0), touch=False,
                                       window=None),
                    pygame.event.Event(pygame.MOUSEBUTTONDOWN, down), *moves,
                    pygame.event.Event(pygame.MOUSEBUTTONUP, up)][0 if r.random() < 0.8 else 1:]
        if kind == "motion":
            p = self.pos(shell, size)
            rel = (p[0] - self.mouse[0], p[1] - self.mouse[1])
            self.mouse = p
            buttons = tuple(r.random() < 0.15 for _ in range(3))
            return [pygame.event.Event(pygame.MOUSEMOTION, pos=p, rel=rel, buttons=buttons, touch=False, window=None)]
        if kind == "key":
            k = r.choice(HANDLED_KEYS) if r.random() < 0.8 else r.choice(ALL_KEYS) if r.random() < 0.9 else \
                r.randint(0, 0x4000_0200)  # a key code pygame has no name for
            attrs = self._mod({"key": k, "unicode": "", "scancode": 0, "window": None})
            if r.random() < 0.08:  # the Ctrl shortcuts: undo, reload
                attrs.update(key=r.choice((pygame.K_z, pygame.K_z, pygame.K_r)), mod=pygame.KMOD_LCTRL)
            attrs.setdefault("mod", pygame.key.get_mods())  # SDL always sends mod with a key
            return [pygame.event.Event(pygame.KEYDOWN, attrs), pygame.event.Event(pygame.KEYUP, attrs)]
        if kind == "wheel":
            y = r.choice((-3, -1, -1, 1, 1, 3, 0, 50, -50))  # a touchpad flick gives large steps
            return [pygame.event.Event(pygame.MOUSEWHEEL, x=r.choice((0, 0, 1, -1)), y=y, flipped=False,
                                       precise_x=0.0, precise_y=float(y), touch=False, which=0, window=None)]
        if kind == "window":
            if r.random() < 0.5:
                w, h = r.choice(SIZES) if r.random() < 0.7 else (r.randint(1, 2600), r.randint(1, 1500))
                return [pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h),
                        pygame.event.Event(getattr(pygame, "WINDOWRESIZED", pygame.VIDEOEXPOSE), x=w, y=h,
                                           window=None)]
            return [pygame.event.Event(r.choice(WINDOW_EVENTS), window=None)]
        if kind == "other":
            t = r.choice(OTHER_EVENTS)
            return [pygame.event.Event(t, key=r.choice(ALL_KEYS), mod=0, unicode="x", text="é", gain=0, state=1,
                                       file="/nonexistent.yaml", button=1, instance_id=0, joy=0, start=0, length=0)]
        return [pygame.event.Event(pygame.QUIT)]


# ---------------------------------------------------------------- the run

RESTART_BATCHES = 40  # the screen is set up afresh this often, so most events land on the screen under test


@dataclass
class Report:
    events: int = 0
    batches: int = 0
    quits: int = 0
    setups: int = 0
    plays: int = 0
    by_target: dict[str, int] = field(default_factory=dict)


class StateChanged(AssertionError):
    """The game state changed while nothing called ``Game.play`` or ``Game.undo``."""


def fuzz(world: World, rng: random.Random, events_per_target: int, *,
         targets: dict[str, Setup | tuple[Setup, Settings]] | None = None,
         draw_every: int = 1, shots: Path | None = None) -> Report:
    """Fuzz every target screen with about ``events_per_target`` events; raises on the first failure."""
    report = Report()
    maker = EventMaker(rng)
    with counting_game_calls() as calls:
        for name, target in (targets or TARGETS).items():
            setup, settings = target if isinstance(target, tuple) else (target, QUICK)
            size = rng.choice(((1280, 800), (1600, 900), (1024, 700)))
            shell = world.shell(size, settings)
            setup(shell, world)
            report.setups += 1
            done = 0
            history: deque[str] = deque(maxlen=30)
            batches = 0
            while done < events_per_target:
                if not shell.running:  # QUIT, or Quit from a menu: the test goes on with the screen set up again
                    report.quits += 1
                if not shell.running or batches == RESTART_BATCHES:  # back to the target after wandering off it
                    shell = world.shell(size, settings)
                    setup(shell, world)
                    report.setups += 1
                    batches = 0
                batches += 1
                app = shell.app
                game = app.game if app is not None else None
                before = game.state.state_hash() if game is not None else None
                n_calls = calls.n
                batch = maker.batch(shell, size)
                try:
                    for event in batch:
                        history.append(_describe(event))
                        shell.handle(event)
                        if event.type == pygame.VIDEORESIZE:
                            size = (event.w, event.h)
                        if event.type == pygame.QUIT:
                            assert not shell.running, "QUIT did not stop the shell"
                    shell.update(rng.choice((0.0, 16.0, 16.0, 50.0, 400.0)))
                    if report.batches % draw_every == 0:
                        shell.draw(pygame.Surface(size))
                    if game is not None and shell.app is app and app is not None and app.game is game \
                            and calls.n == n_calls and game.state.state_hash() != before:
                        raise StateChanged("the game state changed without Game.play")
                except Exception as exc:
                    trail = "\n  ".join(history)
                    raise AssertionError(f"fuzzing '{name}' failed after {report.events + len(batch)} events "
                                         f"({type(exc).__name__}: {exc}); the last events:\n  {trail}") from exc
                done += len(batch)
                report.events += len(batch)
                report.batches += 1
            report.by_target[name] = done
            if shots is not None:  # as the fuzzing left it, and with the window restored to a usual size
                stem = "fuzz-" + "".join(c if c.isalnum() else "-" for c in name)
                for suffix, at in (("", size), ("-restored", (1280, 800))):
                    shell.handle(pygame.event.Event(pygame.VIDEORESIZE, size=at, w=at[0], h=at[1]))
                    surf = pygame.Surface(at)
                    shell.draw(surf)
                    pygame.image.save(surf, str(shots / f"{stem}{suffix}.png"))
        report.plays = calls.n
    return report


def _describe(event: pygame.event.Event) -> str:
    name = pygame.event.event_name(event.type)
    d = {k: v for k, v in event.dict.items() if k in ("pos", "button", "key", "mod", "y", "w", "h", "buttons")}
    if "key" in d:
        d["key"] = pygame.key.name(d["key"]) or d["key"]
    return f"{name} {d}"
