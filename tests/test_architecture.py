"""House rules that keep the engine headless and the set-up honest."""

from __future__ import annotations

import ast
from pathlib import Path

from game.paths import ROOT

UI_ONLY = ("pygame", "pygame_gui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_game_ui_imports_pygame() -> None:
    offenders = []
    for path in (ROOT / "game").rglob("*.py"):
        if (ROOT / "game" / "ui") in path.parents:
            continue
        bad = _imports(path) & set(UI_ONLY)
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(bad))}")
    assert not offenders, offenders


def test_core_uses_only_stdlib_and_numpy() -> None:
    allowed = {"numpy", "game", "__future__"}
    import sys

    stdlib = set(sys.stdlib_module_names)
    offenders = []
    for path in (ROOT / "game" / "core").rglob("*.py"):
        extra = {m for m in _imports(path) if m not in allowed and m not in stdlib}
        if extra:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(extra)}")
    assert not offenders, offenders


def test_scenario_and_core_never_import_the_ui_or_ai() -> None:
    for pkg in ("core", "scenario", "persistence"):
        for path in (ROOT / "game" / pkg).rglob("*.py"):
            src = path.read_text(encoding="utf-8")
            assert "game.ui" not in src and "game.ai" not in src, path
