"""The shell around the screens: main menu, New game, Load game, Settings, and the map.

One object owns what lasts longer than a game — the settings, the saves folder, the window
size — and switches between the menu screens and the map screen (``App``). Everything a
player can get wrong from the menus (a damaged save, a scenario with mistakes in its files)
ends in a dialog listing the problems, one ``file:line:col`` line each, and the shell keeps
running.

UI scale is applied here, once for everything: the screens draw on a surface of the window's
size divided by the scale, which is then scaled to the window, and mouse positions are
divided alike. No screen needs to know the scale, and every panel grows or shrinks together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.core.game import Game
from game.pbem.turnfile import SUFFIX as PBEM_SUFFIX
from game.persistence.saves import SaveError, load_game
from game.scenario.loader import ScenarioError
from game.ui.app import App
from game.ui.gui import Dialog, Screen
from game.ui.session import ScenarioBrief, Session, scenario_briefs
from game.ui.settings import Settings, save_settings, settings_path
from game.ui.text import Text

MAX_PROBLEM_LINES = 200
MIN_SIZE = (960, 640)  # the least the menus (Settings is the tallest) and the map screen are laid out for
POSITIONED = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
# Keys whose auto-repeat is wanted while held: panning, zoom, and editing text. Any other key acts once
# per press: a held (or, while the computer was thinking, a late-released) Enter must not end the phase,
# close the report and end the next phase too.
REPEATABLE_KEYS = frozenset({
    pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PLUS, pygame.K_MINUS, pygame.K_EQUALS,
    pygame.K_KP_PLUS, pygame.K_KP_MINUS, pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
})
FORGET_KEYS_EVENTS = frozenset(getattr(pygame, n) for n in ("WINDOWFOCUSLOST", "WINDOWFOCUSGAINED")
                               if hasattr(pygame, n))


class Shell:
    def __init__(
        self,
        size: tuple[int, int],
        *,
        settings: Settings | None = None,
        settings_file: Path | None = None,
        saves_dir: Path,
        briefs: Callable[[], list[ScenarioBrief]] = scenario_briefs,
    ) -> None:
        self.window_size = size
        self.settings = settings or Settings()
        self.settings_file = settings_file if settings_file is not None else settings_path()
        self.saves_dir = saves_dir
        self.briefs = briefs
        self.text = Text()
        self.app: App | None = None
        self.dialog: Dialog | None = None
        self.running = True
        self.display_changed = False  # the settings changed the window: the loop sets the mode again
        self._canvas: pygame.Surface | None = None
        self._keys_down: set[int] = set()  # pressed and not yet released, to tell auto-repeat from a press
        self.screen: Screen = self._menu()

    # --- size and scale ----------------------------------------------------------------------
    @property
    def scale(self) -> float:
        return self.settings.ui_scale

    @property
    def size(self) -> tuple[int, int]:
        """The size the screens draw at: the window divided by the UI scale, but never below ``MIN_SIZE``.

        A window smaller than the screens are laid out for (or a UI scale too large for it) gets
        the screen drawn at the least size that fits and shrunk evenly, so panels never overlap
        or turn inside out and the text keeps its shape in a long, thin window.
        """
        w, h = max(1, self.window_size[0]), max(1, self.window_size[1])
        f = max(1 / self.scale, MIN_SIZE[0] / w, MIN_SIZE[1] / h)
        # a sliver of a window (1 x 1500) would ask for a canvas of millions of pixels: cap the stretch there
        return (max(MIN_SIZE[0], min(round(w * f), max(4 * MIN_SIZE[0], round(w / self.scale)))),
                max(MIN_SIZE[1], min(round(h * f), max(4 * MIN_SIZE[1], round(h / self.scale)))))

    def _factors(self) -> tuple[float, float]:
        """Logical pixels per window pixel on each axis (1 unless scaled, or the window is below the minimum)."""
        (lw, lh), (ww, wh) = self.size, self.window_size
        return lw / max(1, ww), lh / max(1, wh)

    def _scaled(self, event: pygame.event.Event) -> pygame.event.Event:
        fx, fy = self._factors()
        if (fx, fy) == (1.0, 1.0) or event.type not in POSITIONED or "pos" not in event.dict:
            return event
        attrs = dict(event.dict)
        attrs["pos"] = (int(event.pos[0] * fx), int(event.pos[1] * fy))
        if "rel" in attrs:
            attrs["rel"] = (event.rel[0] * fx, event.rel[1] * fy)
        return pygame.event.Event(event.type, attrs)

    # --- the loop ------------------------------------------------------------------------------
    def _is_repeat(self, event: pygame.event.Event) -> bool:
        """Whether the event is a key's auto-repeat that should not act again (see ``REPEATABLE_KEYS``)."""
        if event.type == pygame.KEYDOWN:
            held = event.key in self._keys_down
            self._keys_down.add(event.key)
            return held and event.key not in REPEATABLE_KEYS
        if event.type == pygame.KEYUP:
            self._keys_down.discard(event.key)
        elif event.type in FORGET_KEYS_EVENTS:
            self._keys_down.clear()
        return False

    def handle(self, event: pygame.event.Event) -> None:
        if self._is_repeat(event):
            return
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.window_size = (event.w, event.h)
            return
        event = self._scaled(event)
        if event.type == pygame.DROPFILE and self.app is None and str(event.file).endswith(PBEM_SUFFIX):
            self.dialog = None
            self.open_pbem_file(Path(event.file))
            return
        if self.dialog is not None:
            if self.dialog.handle(event) is not None:
                self.dialog = None
            return
        if self.app is not None:
            self.app.handle(event)
            self._check_app()
        else:
            self.screen.handle(event)

    def update(self, dt_ms: float) -> bool:
        if self.dialog is not None:
            return False
        if self.app is not None:
            acted = self.app.update(dt_ms)
            self._check_app()
            return acted
        return self.screen.update(dt_ms)

    @property
    def animating(self) -> bool:
        """Whether the next frames change by themselves (the loop keeps drawing then)."""
        return self.app is not None and (self.app.anim is not None or self.app._wait_ms > 0 or self.app.busy)

    def draw(self, surf: pygame.Surface) -> None:
        """Draw the current screen at the logical size, then scale it to ``surf`` when that differs.

        It differs when the UI scale asks, and when the window is smaller than the least size the
        screens are laid out for (``MIN_SIZE``): a window dragged tiny shows the whole screen
        shrunk instead of every panel computing negative widths.
        """
        self.window_size = surf.get_size()
        if self.size == self.window_size:
            self._draw(surf)
            return
        if self._canvas is None or self._canvas.get_size() != self.size:
            self._canvas = pygame.Surface(self.size)
        self._draw(self._canvas)
        pygame.transform.smoothscale(self._canvas, surf.get_size(), surf)

    def _draw(self, surf: pygame.Surface) -> None:
        if self.app is not None:
            self.app.draw(surf)
        else:
            self.screen.draw(surf)
        if self.dialog is not None:
            self.dialog.draw(surf, self.text)

    def _check_app(self) -> None:
        """The map screen asked to leave: to the main menu, or out of the game."""
        app = self.app
        if app is None or app.running:
            return
        self.app = None
        if app.exit_request == "menu":
            self.open_menu()
        else:
            self.running = False

    # --- navigation ------------------------------------------------------------------------
    def _menu(self) -> Screen:
        from game.ui.menu import MainMenu

        return MainMenu(self)

    def open_menu(self) -> None:
        self.app = None
        self.screen = self._menu()

    def open_new_game(self) -> None:
        from game.ui.newgame import NewGameScreen

        self.screen = NewGameScreen(self, self.briefs())

    @staticmethod
    def launch(args: list[str]) -> None:
        """Start a program of the game's own beside this window (the map editor); tests replace it."""
        import subprocess

        subprocess.Popen(args)

    def edit_scenario(self, path: Path) -> None:
        """Open the map editor on a scenario in a window of its own (``main.py edit``), so its loop
        never tears down this one; the game stays on the New game screen, and live reload picks up
        what the editor saves."""
        import sys

        from game.paths import ROOT

        folder = path if path.is_dir() else path.parent
        try:
            self.launch([sys.executable, str(ROOT / "main.py"), "edit", str(folder)])
        except OSError as exc:
            self.error("The editor did not start", [str(exc.strerror or exc)])

    def open_load(self) -> None:
        from game.ui.loadgame import LoadScreen

        self.screen = LoadScreen(self)

    def open_settings(self) -> None:
        from game.ui.settings_screen import SettingsScreen

        self.screen = SettingsScreen(self)

    def quit(self) -> None:
        self.running = False

    def error(self, title: str, lines: list[str]) -> None:
        """A dialog over whatever is on screen; the long lists of a broken scenario are cut short."""
        if len(lines) > MAX_PROBLEM_LINES:
            lines = [*lines[:MAX_PROBLEM_LINES], f"... and {len(lines) - MAX_PROBLEM_LINES} more"]
        self.dialog = Dialog(title, lines)

    # --- starting and loading games ----------------------------------------------------------------
    def start_scenario(self, path: Path, session: Session, seed: int | None = None) -> bool:
        """Load and check the scenario and open its map; on problems, a dialog lists them all."""
        from game.scenario.build import load_game as load_scenario

        try:
            state = load_scenario(path, seed)
        except ScenarioError as exc:
            problems = [str(p) for p in exc.problems] or [str(exc)]
            self.error(f"This scenario cannot be played: {len(problems)} problem(s)", problems)
            return False
        except (OSError, ValueError) as exc:
            self.error("This scenario cannot be played", [f"{path}: {exc}"])
            return False
        self.open_game(Game(state, state.scenario.seed if seed is None else seed), session)
        return True

    def load_save(self, path: Path, session: Session | None = None) -> bool:
        """Open a saved game; ``session`` None plays it as saved (``Game.meta``), or side 1 against the computer."""
        try:
            game = load_game(path)
        except SaveError as exc:
            self.error("This save cannot be loaded", [str(exc)])
            return False
        sides = game.state.scenario.sides
        n = len(sides)
        if session is None:
            session = Session.from_meta(game.meta, [s.id for s in sides]) or Session.for_mode(0, n)
        if any(s >= n for s in session.human_sides):
            session = Session.for_mode(0, n, session.difficulty)
        self.open_game(game, session)
        return True

    def open_game(self, game: Game, session: Session, saves: bool = True) -> App:
        """The map screen for ``game``; ``saves`` False: no autosaves or quicksaves (a PBEM game's record
        is its save)."""
        self.app = App(game, self.size, session=session, saves_dir=self.saves_dir if saves else None,
                       settings=self.settings)
        self.app.keep_settings = self.apply_settings  # "don't ask again" and "don't show again" are saved
        return self.app

    # --- play by e-mail (game.ui.pbem_games) -------------------------------------------------------
    def open_pbem_file(self, path: Path) -> bool:
        """The opponent's turn file (Load game, a file dropped on the window, ``play --load FILE``)."""
        from game.ui import pbem_games

        return pbem_games.open_file(self, path)

    def resume_pbem(self, path: Path) -> bool:
        from game.ui import pbem_games

        return pbem_games.resume(self, path)

    # --- settings ------------------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> bool:
        """Save the settings (atomically) and use them; a folder that cannot be written is a dialog."""
        try:
            save_settings(settings, self.settings_file)
        except OSError as exc:
            self.error("The settings could not be saved", [f"{self.settings_file}: {exc.strerror or exc}"])
            return False
        window = (settings.resolution, settings.fullscreen) != (self.settings.resolution, self.settings.fullscreen)
        self.settings = settings
        self.display_changed |= window
        if not settings.fullscreen and window:
            self.window_size = settings.resolution
        return True
