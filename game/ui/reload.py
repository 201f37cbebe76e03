"""Live reload for scenario designers: Ctrl+R, or by itself when the scenario's files change.

A designer edits YAML while the game is open and wants to see the change on the map now, in
the position they were testing, not from turn 1. A game is its scenario, seed and order log,
so a reload is: read and check the scenario again (``load_game(folder, seed)``), then replay
the order log on the new data. An order the new data refuses (a unit removed, a hex made
impassable) ends the replay there: the orders before it are kept and the designer is told how
many made it. A scenario that no longer loads changes nothing: every problem is listed as its
``file:line:col: field: message`` line and the game goes on with the last data that loaded.

``ScenarioWatcher`` polls the folder's ``*.yaml`` modification times about once a second (a
stat per file: cheap, no threads, no extra package) and waits until a change has settled, so
an editor caught half-way through writing a file is not reported as a broken scenario.

``ScenarioReload`` is mixed into ``App`` like ``GameFlow``: it swaps in the new game and
drops every cache built from the old scenario, keeping what the designer was looking at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.core.game import Game, replay
from game.core.orders import IllegalOrder, Order
from game.core.state import GameState
from game.scenario.loader import ScenarioError
from game.ui import overlays, palette
from game.ui.camera import Camera
from game.ui.counters import Counters
from game.ui.eventlog import EventLog
from game.ui.gui import Dialog
from game.ui.history import TurnHistory
from game.ui.maplayer import MapLayer
from game.ui.mapoverlays import MapOverlays
from game.ui.mapview import MapView
from game.ui.minimap import Minimap
from game.ui.oob import OrderOfBattlePanel
from game.ui.session import Session, computer_player
from game.ui.victory_panel import VictoryPanel

if TYPE_CHECKING:
    from game.ui.app import App

POLL_MS = 1000.0  # how often the watcher looks at the files
SETTLE_MS = 250.0  # a change is acted on once the files have stayed the same this long
RELOAD_FAILED = "The scenario did not reload"
MAX_PROBLEM_LINES = 200

Snapshot = dict[str, tuple[int, int]]  # file -> (mtime in ns, size)


@dataclass(frozen=True)
class Reloaded:
    """The game rebuilt on the new data, and how much of the old order log it took."""

    game: Game
    replayed: int
    total: int
    refused: str | None = None  # why order ``replayed + 1`` was refused, when one was

    @property
    def complete(self) -> bool:
        return self.replayed == self.total


def scenario_folder(game: Game) -> Path | None:
    """Where the game's scenario was read from; None for one not built from files (a generated map).

    A folder that has gone since is still returned: reloading it lists that as the problem.
    """
    src = game.state.scenario.source_dir
    return Path(src) if src else None


def reload_game(game: Game) -> Reloaded:
    """Rebuild ``game`` from its scenario's files and replay its order log on them.

    Raises ``ScenarioError`` (every problem) when the files no longer make a scenario, and
    OSError or ValueError when they cannot be read at all; ``game`` itself is never changed.
    """
    from game.scenario.build import load_game

    folder = Path(game.state.scenario.source_dir)
    start = load_game(folder, game.seed)
    orders = list(game.log)
    try:
        new = replay(start.clone(), game.seed, orders)
    except (IllegalOrder, KeyError, IndexError, ValueError):
        new, refused = _replay_prefix(start, game.seed, orders)
        return Reloaded(_with_meta(new, game), len(new.log), len(orders), refused)
    return Reloaded(_with_meta(new, game), len(orders), len(orders))


def _replay_prefix(start: GameState, seed: int, orders: list[Order]) -> tuple[Game, str | None]:
    """Replay one order at a time and stop at the first the new data refuses (the whole replay failed)."""
    new = Game(start, seed)
    for order in orders:
        try:
            new.play(order)
        except IllegalOrder as exc:
            return new, str(exc)
        except (KeyError, IndexError, ValueError) as exc:  # an order naming what the new data lacks
            return new, f"cannot be replayed ({type(exc).__name__}: {exc})"
    return new, None


def _with_meta(new: Game, old: Game) -> Game:
    new.meta = dict(old.meta)  # who plays which side is not part of the scenario
    return new


def problem_lines(exc: BaseException, folder: Path) -> list[str]:
    """One line per problem, ``file:line:col: field: message`` for a scenario's own errors."""
    if isinstance(exc, ScenarioError):
        return [str(p) for p in exc.problems] or [str(exc)]
    return [f"{folder}: {exc}"]


# ---------------------------------------------------------------- watching the files


class ScenarioWatcher:
    """Notices when the ``*.yaml`` files under a folder change (added, removed, rewritten)."""

    def __init__(self, folder: Path, poll_ms: float = POLL_MS, settle_ms: float = SETTLE_MS) -> None:
        self.folder = folder
        self.poll_ms = poll_ms
        self.settle_ms = settle_ms
        self.known = self.snapshot()
        self._pending: Snapshot | None = None  # a change seen, waiting to settle
        self._elapsed = 0.0

    def snapshot(self) -> Snapshot:
        out: Snapshot = {}
        try:
            files = sorted(self.folder.rglob("*.yaml"))
        except OSError:
            return out
        for path in files:
            try:
                st = path.stat()
            except OSError:  # removed between the listing and the stat
                continue
            out[str(path)] = (st.st_mtime_ns, st.st_size)
        return out

    def rebase(self) -> None:
        """The files as they are now are the ones in use (after a reload by hand)."""
        self.known = self.snapshot()
        self._pending = None
        self._elapsed = 0.0

    def poll(self, dt_ms: float) -> bool:
        """Let ``dt_ms`` pass; True once when the files changed and have settled."""
        self._elapsed += dt_ms
        wait = self.settle_ms if self._pending is not None else self.poll_ms
        if self._elapsed < wait:
            return False
        self._elapsed = 0.0
        now = self.snapshot()
        if self._pending is None:
            if now != self.known:
                self._pending = now
            return False
        if now != self._pending:  # still being written: look again shortly
            self._pending = now
            return False
        self.known, self._pending = now, None
        return True


# ---------------------------------------------------------------- the map screen's side


class ReloadWatcher:
    """Ctrl+R and the file watcher of one App (its owner): it owns the watcher and the problems dialog."""

    def __init__(self, app: App) -> None:
        self.app = app
        folder = scenario_folder(app.game)
        self.watcher: ScenarioWatcher | None = ScenarioWatcher(folder) if folder is not None else None
        self._reload_dialog: Dialog | None = None  # the problems of the last failed reload, while shown

    def poll_scenario_files(self, dt_ms: float) -> bool:
        """Called every frame: reload by itself when the watch setting is on and the files changed."""
        app = self.app
        if self.watcher is None or not app.settings.watch_scenario_files:
            return False
        if app.dialog is not None and app.dialog is not self._reload_dialog:
            return False  # the player is answering something else; the change waits for them
        if not self.watcher.poll(dt_ms):
            return False
        self.reload_scenario(auto=True)
        return True

    def reload_scenario(self, *, auto: bool = False) -> bool:
        """Read the scenario again and replay the game on it; True when the new data is in use."""
        app = self.app
        folder = scenario_folder(app.game)
        if folder is None:
            app.say("This scenario was not read from files: nothing to reload", palette.TEXT_DIM)
            return False
        if app.pbem is not None:  # both players must play the scenario version the game began with
            app.say("A play-by-e-mail game keeps the scenario it began with: not reloaded", palette.TEXT_WARN)
            return False
        if self.watcher is not None:
            self.watcher.rebase()
        try:
            result = reload_game(app.game)
        except (ScenarioError, OSError, ValueError) as exc:
            lines = problem_lines(exc, folder)
            n = len(lines)
            if n > MAX_PROBLEM_LINES:  # a file gone wrong everywhere: the first ones say enough
                lines = [*lines[:MAX_PROBLEM_LINES], f"... and {n - MAX_PROBLEM_LINES} more"]
            app.dialog = self._reload_dialog = Dialog(
                f"{RELOAD_FAILED}: {n} problem{'s' if n != 1 else ''}",
                [*lines, "", "The game goes on with the last data that loaded. Fix the files and press Ctrl+R"
                 + (" (or just save them: the folder is watched)." if self.watcher is not None
                    and app.settings.watch_scenario_files else ".")])
            app.say(f"Reload failed: {n} problem{'s' if n != 1 else ''} in {folder.name}", palette.TEXT_WARN)
            return False
        self._adopt(result)
        how = "changed on disk: reloaded" if auto else "reloaded"
        if result.complete:
            app.say(f"Scenario {how}; {result.total} order{'s' if result.total != 1 else ''} replayed",
                     palette.TEXT_GOOD)
        else:
            app.say(f"Scenario {how}; replayed {result.replayed} of {result.total} orders: order "
                     f"{result.replayed + 1} is now refused ({result.refused})", palette.TEXT_WARN)
        return True

    def _adopt(self, result: Reloaded) -> None:
        """Use the rebuilt game; every cache drawn from the old scenario goes, the view stays."""
        app = self.app
        old_grid = app.scenario.map.grid
        selected = app.scenario.units[app.selected].id if app.selected is not None else None
        if app._camera_before is not None:  # an animation was playing: back to the player's own view
            app.camera.size, app.camera.origin_x, app.camera.origin_y = app._camera_before
            app._camera_before = None
        app.anim = None
        app._wait_ms = 0.0
        app.controller.flush_log()
        app.game = result.game
        app.scenario = app.game.state.scenario
        self._adopt_sides()
        self._fresh_caches()
        camera = Camera(app.scenario.map.grid, app.camera.view)
        if (old_grid.width, old_grid.height) == (camera.grid.width, camera.grid.height):  # same map size: same view
            camera.size, camera.origin_x, camera.origin_y = app.camera.size, app.camera.origin_x, app.camera.origin_y
            camera.clamp()
        else:
            camera.fit()
        app.camera = camera
        self._reopen_panels()
        app.select(app.scenario.unit_index.get(selected) if selected is not None else None)
        app._set_hover()

    def _adopt_sides(self) -> None:
        """The people at the desk stay, unless the designer removed the side one of them played."""
        app = self.app
        n_sides = len(app.scenario.sides)
        if any(s >= n_sides for s in app.session.human_sides):
            app.session = Session(frozenset({0}), difficulty=app.session.difficulty)
            owners: list[int | None] = [*sorted(app.session.human_sides)]
            app.logs = {o: EventLog() for o in owners}
        app.computer_sides = app.session.computer_sides(n_sides)
        app.players = {s: p for s, p in app.players.items() if s in app.computer_sides}
        for s in app.computer_sides - app.players.keys():
            app.players[s] = computer_player(app.session.difficulty)

    def _fresh_caches(self) -> None:
        """Terrain tiles, counters, overlays, the legend and the fog-of-war view, all from the new data."""
        app = self.app
        app.side_colors = [palette.parse_color(s.color) for s in app.scenario.sides]
        app.layer = MapLayer(app.scenario.map, app.side_colors)
        app.minimap = Minimap(app.layer)
        app.mapview = MapView(app)  # the cached map picture is of the old data
        app._side_panels.clear()
        app.counters = Counters(app.text)
        app.range_overlay = overlays.RangeOverlay()
        active = set(app.overlays.active)
        app.overlays = MapOverlays()
        app.overlays.active = active
        app._legends.clear()
        app._seen = None
        app._drawn_version = -1
        app.version += 1
        app.history = TurnHistory()  # rebuilt from the new data by replay when the charts need it
        app._phase_events = []

    def _reopen_panels(self) -> None:
        """Panels built from the old data are rebuilt; what described the old game (reports, previews) goes."""
        app = self.app
        app._pending_report = app.report = None
        app.attack = app.result = None
        app.hover = None
        app.dialog = self._reload_dialog = None
        st = app.truth
        if app.oob is not None:
            app.oob = OrderOfBattlePanel(app.scenario, min(app.oob.side, len(app.scenario.sides) - 1))
        if app.victory is not None:
            app.victory = VictoryPanel()
        if app.over is not None:
            app.over, app.over_hidden = None, False  # reopened from the new state if it is still over
        if app.handover is not None:
            keep = app.session.hotseat and not st.game_over and st.side in app.session.human_sides
            app.handover = st.side if keep else None
