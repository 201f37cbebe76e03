"""Where things live: the project's scenarios and assets, and the player's saves and settings."""

from __future__ import annotations

from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ASSETS = ROOT / "assets"
TEST_SCENARIO = ROOT / "tests" / "data" / "tiny"
TEMPLATE_SCENARIO = SCENARIOS / "_template"
DEFAULT_SCENARIO = "manchuria_1944"
APP = "august-storm"


def user_data_dir() -> Path:
    """Saves, autosaves and logs (created on first use)."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_config_dir() -> Path:
    """Settings."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def scenario_names() -> list[str]:
    """Folders under scenarios/ that hold a scenario.yaml (``_template`` and other ``_`` names excluded)."""
    if not SCENARIOS.is_dir():
        return []
    return sorted(p.name for p in SCENARIOS.iterdir() if (p / "scenario.yaml").is_file() and not p.name.startswith("_"))


def resolve_scenario(arg: str | None) -> Path:
    """A scenario named on the command line: a folder, a scenario.yaml, or a name under scenarios/.

    With no argument: the Manchuria scenario when present, else the first one under scenarios/,
    else the small test scenario.
    """
    if arg:
        path = Path(arg)
        if not path.exists() and (SCENARIOS / arg).exists():
            return SCENARIOS / arg
        return path
    names = scenario_names()
    if DEFAULT_SCENARIO in names:
        return SCENARIOS / DEFAULT_SCENARIO
    return SCENARIOS / names[0] if names else TEST_SCENARIO
