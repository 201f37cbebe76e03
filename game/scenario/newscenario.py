"""`python main.py new-scenario NAME [--from SCENARIO]`: a valid scenario folder to start from.

It copies the small template (or an existing scenario) and rewrites what ties the copy to its
source: the scenario id, its title, and the `$schema` lines so the editor still finds the schema
wherever the new folder is.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

from game.paths import SCENARIOS, TEMPLATE_SCENARIO

NAME = re.compile(r"^[a-z0-9_]+$")
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$", re.MULTILINE)


class NewScenarioError(Exception):
    """One line for the designer."""


def create(name: str, source: Path | None = None, dest: Path | None = None) -> Path:
    """Copy ``source`` (default: the template) to ``dest`` (default: scenarios/NAME) as scenario ``name``."""
    if not NAME.match(name):
        raise NewScenarioError(f"{name!r}: a scenario name uses lower-case letters, digits and _ only")
    source = source or TEMPLATE_SCENARIO
    if not (source / "scenario.yaml").is_file():
        raise NewScenarioError(f"{source}: no scenario.yaml there to copy")
    dest = dest or SCENARIOS / name
    if dest.exists():
        raise NewScenarioError(f"{dest}: already exists; choose another name or remove it")
    _copy_regular(source, dest)
    for path in dest.rglob("*.yaml"):
        _point_schema(path, source / path.relative_to(dest))
    _rename(dest / "scenario.yaml", name)
    if (dest / "geo").is_dir():
        from game.scenario import mapgen

        mapgen.write(dest)  # its header names the folder it belongs to
    return dest


def _copy_regular(source: Path, dest: Path) -> None:
    """Copy the folder's real folders and regular files only.

    Links, FIFOs and devices are skipped: a scenario holding a link to /dev/zero used to be
    copied until the disk was full, and a link could pull in any file on the machine.
    """
    dest.mkdir(parents=True)
    for entry in sorted(source.iterdir()):
        if entry.name == "__pycache__" or entry.name.endswith(".tmp"):
            continue
        mode = entry.lstat().st_mode
        if stat.S_ISDIR(mode):
            _copy_regular(entry, dest / entry.name)
        elif stat.S_ISREG(mode):
            shutil.copyfile(entry, dest / entry.name, follow_symlinks=False)


def _point_schema(path: Path, original: Path) -> None:
    """Rewrite a `$schema` line so it names the same schema file from the copy's place."""
    text = path.read_text(encoding="utf-8")
    match = SCHEMA_LINE.search(text)
    if not match:
        return
    target = (original.parent / match["path"]).resolve()
    rel = Path(os.path.relpath(target, path.parent)).as_posix()
    path.write_text(text[: match.start("path")] + rel + text[match.end("path"):], encoding="utf-8")


def _rename(scenario_yaml: Path, name: str) -> None:
    text = scenario_yaml.read_text(encoding="utf-8")
    text = re.sub(r"^id: .*$", f"id: {name}", text, count=1, flags=re.MULTILINE)
    title = name.replace("_", " ").capitalize()
    text = re.sub(r"^name: .*$", f"name: {title}", text, count=1, flags=re.MULTILINE)
    scenario_yaml.write_text(text, encoding="utf-8")
