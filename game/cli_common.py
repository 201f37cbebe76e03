"""What every command-line command shares: one-line errors on stderr and loading a scenario by name."""

from __future__ import annotations

import os
import sys

from game import paths
from game.core.state import GameState
from game.scenario.loader import ScenarioError


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def load_or_report(arg: str | None, seed: int | None = None) -> GameState | None:
    """Load a scenario, or print its problems one per line and return None."""
    from game.scenario.build import load_game

    path = paths.resolve_scenario(arg)
    if not path.exists():
        _err(f"{arg}: no such scenario folder or file (scenarios: {', '.join(paths.scenario_names()) or 'none'})")
        return None
    try:
        return load_game(path, seed)
    except ScenarioError as exc:
        for problem in exc.problems:
            _err(str(problem))
        return None


NO_DISPLAY = ("no display available ({why}); the game window needs one. Headless, try `make demo` "
              "or `python main.py simulate`.")


def _display_missing() -> str | None:
    """Why no window can open here, or None. Only Linux/BSD need an X or Wayland display."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return None
    if sys.platform.startswith(("linux", "freebsd", "openbsd")):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return "neither DISPLAY nor WAYLAND_DISPLAY is set"
    return None
