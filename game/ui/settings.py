"""The player's settings: window, UI scale, scroll and animation speed, kept as JSON.

Settings are read once at start and written whenever the player saves them in the Settings
screen. The file is written to a temporary file and renamed, so a crash never leaves half a
file behind; a file that is damaged anyway (edited by hand, a full disk on another program's
watch) never stops the game: what cannot be read falls back to the default and the player is
told what was ignored, in one line.

This module holds no pygame so the settings can be read and tested anywhere; it lives in
``game.ui`` because only the desktop screen has settings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from game import paths
from game.fileio import FileError, atomic_write, read_text, remove_stale_temps

FILE_NAME = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024  # a settings file is a few hundred bytes

# The choices the Settings screen offers, as (value, label).
RESOLUTIONS: tuple[tuple[tuple[int, int], str], ...] = tuple(
    ((w, h), f"{w} x {h}") for w, h in ((1280, 720), (1366, 768), (1600, 900), (1920, 1080), (2560, 1440)))
UI_SCALES: tuple[tuple[float, str], ...] = ((0.75, "75%"), (0.9, "90%"), (1.0, "100%"), (1.25, "125%"),
                                            (1.5, "150%"), (2.0, "200%"))
SCROLL_SPEEDS: tuple[tuple[float, str], ...] = ((0.5, "Slow"), (1.0, "Normal"), (2.0, "Fast"), (3.0, "Very fast"))
VOLUMES: tuple[tuple[float, str], ...] = ((0.3, "Low"), (0.6, "Medium"), (1.0, "High"))
PHASE_BUDGETS: tuple[tuple[float, str], ...] = ((0.5, "Fast: the gist in half a second"),
                                                (3.0, "Brisk: about three seconds"),
                                                (0.0, "Watch every move"))
ANIMATION_SPEEDS: tuple[tuple[float, str], ...] = ((0.0, "Off (no animation)"), (0.5, "Slow"), (1.0, "Normal"),
                                                   (2.0, "Fast"), (4.0, "Very fast"))


@dataclass(frozen=True)
class Settings:
    """What the player can set. Speeds are multipliers of the normal speed (animation 0 = off)."""

    resolution: tuple[int, int] = (1600, 900)
    fullscreen: bool = False
    ui_scale: float = 1.0
    scroll_speed: float = 1.0
    animation_speed: float = 1.0
    watch_scenario_files: bool = True  # reload the scenario when its YAML changes (for designers)
    warn_end_phase: bool = True  # ask before ending a phase while units could still move or attack
    first_turn_guide: bool = True  # a short page for newcomers on the first turn of a scenario
    volume: float = 0.6  # sound effects, 0-1
    muted: bool = False
    phase_budget_s: float = 0.5  # a computer phase plays back within this (0: every move at animation speed)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["resolution"] = list(self.resolution)
        return d


def settings_path() -> Path:
    return paths.user_config_dir() / FILE_NAME


def _check(name: str, value: Any) -> Any:
    """The value as the field's type, or ValueError saying why not (bools are not numbers here)."""
    if name == "resolution":
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
            raise ValueError("expected [width, height]")
        w, h = value
        if not (640 <= w <= 7680 and 480 <= h <= 4320):
            raise ValueError(f"{w} x {h} is not a usable window size")
        return (w, h)
    if name in ("fullscreen", "watch_scenario_files", "warn_end_phase", "first_turn_guide", "muted"):
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError("expected a number")
    limits = {"ui_scale": (0.5, 3.0), "scroll_speed": (0.1, 10.0), "animation_speed": (0.0, 10.0),
              "phase_budget_s": (0.0, 600.0), "volume": (0.0, 1.0)}
    lo, hi = limits[name]
    if not lo <= value <= hi:  # compared as given: float() of a 400-digit integer would overflow
        shown = f"{value:.6g}" if isinstance(value, float) else (str(value) if abs(value) < 10**12 else "a huge number")
        raise ValueError(f"{shown} is outside {lo:g}-{hi:g}")
    return float(value)


def from_json(doc: Any) -> tuple[Settings, list[str]]:
    """Settings from a parsed document; every field that is missing or bad keeps its default."""
    if not isinstance(doc, dict):
        return Settings(), ["not a JSON object"]
    values: dict[str, Any] = {}
    problems: list[str] = []
    for f in fields(Settings):
        if f.name not in doc:
            continue
        try:
            values[f.name] = _check(f.name, doc[f.name])
        except ValueError as exc:
            problems.append(f"{f.name}: {exc}")
    return replace(Settings(), **values), problems


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and a one-line message when some or all of them fell back to defaults.

    A missing file is not a problem (the first start); an unreadable or damaged one is.
    """
    path = settings_path() if path is None else path
    try:
        raw = read_text(path, MAX_SETTINGS_BYTES, "settings file")
    except FileError as exc:
        if not path.exists() and not path.is_symlink():
            return Settings(), None
        return Settings(), f"{exc}; using defaults"
    try:
        doc = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return Settings(), f"{path}:{exc.lineno}:{exc.colno}: damaged settings file ({exc.msg}); using defaults"
    except (ValueError, RecursionError) as exc:  # Infinity, 5,000 digits, nesting bombs
        why = ("nested too deeply" if isinstance(exc, RecursionError) else "a number with thousands of digits"
               if "digits" in str(exc) else " ".join(str(exc).split())[:100])
        return Settings(), f"{path}: damaged settings file ({why}); using defaults"
    settings, problems = from_json(doc)
    if problems:
        return settings, f"{path}: ignored {'; '.join(problems)} (defaults used)"
    return settings, None


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically: a temporary file in the same folder, flushed, then renamed over the old one.

    Raises OSError when the folder cannot be written (the screen shows it in a dialog).
    """
    path = settings_path() if path is None else path
    text = json.dumps(settings.to_json(), indent=2) + "\n"
    remove_stale_temps(path.parent)  # what a save killed mid-write left behind
    try:
        return atomic_write(path, text, "settings")
    except FileError as exc:
        raise OSError(str(exc)) from exc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a usable setting")


def nearest_index(options: tuple[tuple[Any, str], ...], value: Any) -> int:
    """Index of the option equal to ``value``, else of the nearest number (a hand-edited 1.1 shows as 100%)."""
    for i, (v, _) in enumerate(options):
        if v == value:
            return i
    if isinstance(value, int | float):
        nums = [(abs(float(v) - float(value)), i) for i, (v, _) in enumerate(options) if isinstance(v, int | float)]
        if nums:
            return min(nums)[1]
    return 0
