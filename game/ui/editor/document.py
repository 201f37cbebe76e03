"""The scenario being edited: its files as text, the edits as undoable steps, and a save that
changes only the lines an edit touched.

Round trip without a new dependency: every edit the editor makes replaces characters at a
position the loader's marks give (a terrain row's characters, a unit's ``hex: [c, r]``), in the
file's own text. Comments, key order, quoting and layout stay as the designer wrote them, and a
file no edit touched is not written at all, so it stays byte-identical. ruamel.yaml would also
keep comments, but it re-emits whole files (re-indenting flow lists, re-wrapping long lines),
which is exactly the noise a designer's diff should not show; this needs no package.

No pygame here: the window (``editor_app.py``) drives a ``ScenarioDocument``, and the tests do too.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.scenario.loader import Problem, ScenarioError, SourceDoc, parse_yaml
from game.scenario.source import SCENARIO_FILE, read_scenario, scenario_file

Hex = tuple[int, int]


class EditError(Exception):
    """An edit the editor cannot make here (a generated map, a hex written in an unusual form)."""


@dataclass(frozen=True)
class Edit:
    """One undoable step: in ``file``, the text at line/col (1-based) goes from ``old`` to ``new``."""

    file: str
    line: int
    col: int
    old: str
    new: str
    what: str


@dataclass
class ScenarioDocument:
    """A scenario folder's files as text, with undo/redo of the edits made to them."""

    root: Path
    texts: dict[str, str] = field(default_factory=dict)  # file name -> current text
    saved: dict[str, str] = field(default_factory=dict)  # file name -> text as on disk
    done: list[Edit] = field(default_factory=list)
    undone: list[Edit] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> ScenarioDocument:
        root = scenario_file(path).parent
        doc = cls(root)
        for p in sorted(root.glob("*.yaml")):
            doc.texts[p.name] = doc.saved[p.name] = p.read_text(encoding="utf-8")
        if SCENARIO_FILE not in doc.texts:
            raise EditError(f"{root}: no {SCENARIO_FILE}")
        return doc

    # ------------------------------------------------------------ what the files say now

    def parsed(self, name: str) -> SourceDoc:
        return parse_yaml(self.texts[name], SourceDoc(name))

    def include(self, key: str) -> list[str]:
        """File names scenario.yaml includes under ``key`` (map, rules, orders_of_battle ...)."""
        data = self.parsed(SCENARIO_FILE).data or {}
        value = data.get(key)
        names = value if isinstance(value, list) else [value]
        return [n for n in names if isinstance(n, str) and n in self.texts]

    @property
    def map_name(self) -> str:
        names = self.include("map")
        if not names:
            raise EditError("scenario.yaml names no map file in this folder")
        return names[0]

    @property
    def generated(self) -> bool:
        """A map made by `mapgen` from geo/: painting it would be undone by the next mapgen run."""
        return (self.root / "geo").is_dir()

    def detach(self) -> Path:
        """Make a generated map a hand-made one: geo/ moves to geo.detached/ (kept, not deleted), so the
        editor may paint map.yaml and `mapgen` no longer rebuilds it."""
        target = self.root / "geo.detached"
        if not self.generated:
            raise EditError("this map is not generated from geo/")
        if target.exists():
            raise EditError(f"{target} is in the way: move it first")
        (self.root / "geo").rename(target)
        return target

    def terrain_rows(self) -> list[str]:
        return self.rows("terrain")

    def rows(self, layer: str) -> list[str]:
        """The map's ``terrain`` or ``control`` rows as they are now (empty when the map has none)."""
        data = self.parsed(self.map_name).data or {}
        rows = data.get(layer)
        return [r for r in rows if isinstance(r, str)] if isinstance(rows, list) else []

    def side_codes(self) -> dict[str, str]:
        """map code -> side id, and '.' for nobody: what the control rows may hold."""
        data = self.parsed(SCENARIO_FILE).data or {}
        sides = data.get("sides")
        return {**{str(s.get("map_code")): str(s.get("id")) for s in (sides if isinstance(sides, list) else [])
                   if isinstance(s, dict)}, ".": "nobody"}

    def units(self) -> list[tuple[str, str, Hex, str]]:
        """(unit id, side id, hex, file) of every unit that has a hex, in file order."""
        out = []
        for name in self.include("orders_of_battle"):
            data = self.parsed(name).data or {}
            for u in data.get("units") or []:
                if isinstance(u, dict) and isinstance(u.get("hex"), list) and len(u["hex"]) == 2:
                    out.append((str(u.get("id")), str(data.get("side")), (int(u["hex"][0]), int(u["hex"][1])), name))
        return out

    @property
    def dirty(self) -> bool:
        return self.texts != self.saved

    # ------------------------------------------------------------ edits

    def paint(self, h: Hex, code: str, layer: str = "terrain") -> Edit | None:
        """Set hex ``h``'s character in the ``terrain`` (or ``control``) rows to ``code``; None when it
        already is."""
        if self.generated:
            raise EditError("map.yaml is generated from geo/ by `mapgen`: edit geo/*.yaml and run mapgen, or "
                            "detach the map (move geo/ away) to paint it here")
        name = self.map_name
        src = self.parsed(name)
        col, row = h
        rows = src.data.get(layer) if isinstance(src.data, dict) else None
        if not isinstance(rows, list):
            raise EditError(f"map.yaml has no {layer} rows to paint (add them, one string per row, first)")
        if not (0 <= row < len(rows)) or not isinstance(rows[row], str) or not (0 <= col < len(rows[row])):
            raise EditError(f"[{col}, {row}] is not on the map")
        if len(code) != 1:
            raise EditError(f"{layer} code {code!r} must be one character")
        if rows[row][col] == code:
            return None
        mark = src.mark((layer, row))
        at = mark.col + src.string_offsets.get((layer, row), 0) + col
        return self._apply(Edit(name, mark.line, at, rows[row][col], code, f"{layer} [{col}, {row}] {code!r}"))

    def toggle_river(self, h: Hex, side: str) -> Edit:
        """Add hexside ``side`` of ``h`` to the first river, or take it out of the river that has it.

        The hexside may be written from either hex (``[4, 2, W]`` is ``[3, 2, E]``). The text changes in
        the river's own flow list: ``, [c, r, SIDE]`` is added after its last hexside, or one is removed
        with the separator before it."""
        if self.generated:
            raise EditError("map.yaml is generated from geo/ by `mapgen`: draw rivers in geo/rivers.yaml")
        name = self.map_name
        src = self.parsed(name)
        rivers = (src.data or {}).get("rivers") if isinstance(src.data, dict) else None
        if not isinstance(rivers, list) or not rivers or not isinstance(rivers[0], dict):
            raise EditError("map.yaml has no river yet: add one (name, kind, a first hexside) to draw more")
        names = _hexside_names(h, side)
        for i, river in enumerate(rivers):
            for j, item in enumerate(river.get("hexsides") or [] if isinstance(river, dict) else []):
                if isinstance(item, list) and len(item) == 3 and (item[0], item[1], item[2]) in names:
                    return self._remove_item(src, name, ("rivers", i, "hexsides"), j,
                                             f"river {river.get('name')}: remove {list(item)}")
        text = f"[{h[0]}, {h[1]}, {side}]"
        return self._append_item(src, name, ("rivers", 0, "hexsides"), text,
                                 f"river {rivers[0].get('name')}: add {text}")

    def _item_text(self, src: SourceDoc, name: str, path: tuple[str | int, ...]) -> tuple[int, int, str]:
        """(line, col, text) of a one-line flow list item ``[...]`` at ``path``."""
        mark = src.mark(path)
        line = self.texts[name].splitlines()[mark.line - 1]
        end = line.find("]", mark.col - 1)
        if not line[mark.col - 1:].startswith("[") or end < 0:
            raise EditError(f"{name}:{mark.line}: write hexsides as [col, row, SIDE] lists to edit them here")
        return mark.line, mark.col, line[mark.col - 1:end + 1]

    def _append_item(self, src: SourceDoc, name: str, path: tuple[str | int, ...], text: str, what: str) -> Edit:
        line, col, last = self._item_text(src, name, path + (len(_at_path(src.data, path)) - 1,))
        return self._apply(Edit(name, line, col + len(last), "", f", {text}", what))

    def _remove_item(self, src: SourceDoc, name: str, path: tuple[str | int, ...], j: int, what: str,
                     keep: int = 1) -> Edit:
        """Take item ``j`` out of a flow list, with the separator before it (or after it, for the first
        item on its line); a list keeps at least ``keep`` items."""
        if len(_at_path(src.data, path)) <= keep:
            raise EditError(f"{what}: it needs at least {keep}; delete it in map.yaml instead")
        line, col, text = self._item_text(src, name, path + (j,))
        here = self.texts[name].splitlines()[line - 1]
        before = here[:col - 1]
        sep = len(before) - len(before.rstrip(" ").rstrip(","))  # ", " before it, on the same line
        if j == 0 or sep == 0:
            after = here[col - 1 + len(text):]
            tail = len(after) - len(after.lstrip(",").lstrip(" ")) if after.lstrip().startswith(",") else 0
            return self._apply(Edit(name, line, col, text + after[:tail], "", what))
        return self._apply(Edit(name, line, col - sep, before[-sep:] + text, "", what))

    def extend_path(self, key: str, h: Hex) -> Edit:
        """Roads and railways (``key``) as hex paths: a click next to a path's last hex extends it there; a
        click on its last hex takes that hex off again."""
        if self.generated:
            raise EditError(f"map.yaml is generated from geo/ by `mapgen`: draw {key} in geo/")
        from game.core.hexgrid import direction_to

        name = self.map_name
        src = self.parsed(name)
        paths = (src.data or {}).get(key) or []
        ends = []
        for i, item in enumerate(paths):
            path = item.get("path") if isinstance(item, dict) else None
            if not isinstance(path, list) or not path or not isinstance(path[-1], list):
                continue
            end = (int(path[-1][0]), int(path[-1][1]))
            label = f"{key[:-1]} {item.get('name') or i}"
            if end == h:
                return self._remove_item(src, name, (key, i, "path"), len(path) - 1, f"{label}: remove [{h[0]}, "
                                         f"{h[1]}]", keep=2)
            if direction_to(end, h) is not None:
                return self._append_item(src, name, (key, i, "path"), f"[{h[0]}, {h[1]}]",
                                         f"{label}: extend to [{h[0]}, {h[1]}]")
            ends.append(f"[{end[0]}, {end[1]}]")
        if not ends:
            raise EditError(f"map.yaml has no {key} yet: write the first one (two hexes) by hand")
        raise EditError(f"click next to the end of one of the {key} ({', '.join(ends)}) to extend it")

    def add_place(self, h: Hex) -> Edit:
        """A new place at ``h`` (id ``place_C_R``, worth nothing yet), as a one-line item after the last place;
        its name, vp and kind are then edited in map.yaml."""
        src = self.parsed(self.map_name)
        places = (src.data or {}).get("places") or []
        here = [p for p in places if isinstance(p, dict) and p.get("hex") == [h[0], h[1]]]
        if here:
            raise EditError(f"place '{here[0].get('id')}' is already at [{h[0]}, {h[1]}]: rename it in map.yaml")
        ident = f"place_{h[0]}_{h[1]}"
        return self._append_line(src, "places", f"{{id: {ident}, name: New place {h[0]} {h[1]}, hex: [{h[0]}, {h[1]}], "
                                                f"vp: 0, kind: town}}", f"add place {ident}")

    def place_at(self, h: Hex) -> tuple[int, dict[str, Any]] | None:
        """(index, item) of the place at hex ``h``, or None."""
        places = (self.parsed(self.map_name).data or {}).get("places") or []
        return next(((i, p) for i, p in enumerate(places) if isinstance(p, dict) and p.get("hex") == [h[0], h[1]]),
                    None)

    def rename_place(self, h: Hex, new_name: str) -> Edit:
        """A place's ``name`` rewritten in place (quoted when YAML needs it)."""
        found = self.place_at(h)
        if found is None:
            raise EditError(f"no place at [{h[0]}, {h[1]}]")
        if not new_name.strip():
            raise EditError("a place needs a name")
        i, place = found
        return self._set_scalar(("places", i, "name"), _yaml_text(new_name.strip()),
                                f"rename {place.get('id')} to {new_name.strip()}")

    def change_place_vp(self, h: Hex, delta: int) -> Edit:
        found = self.place_at(h)
        if found is None:
            raise EditError(f"no place at [{h[0]}, {h[1]}]")
        i, place = found
        vp = place.get("vp")
        if not isinstance(vp, int):
            raise EditError(f"place {place.get('id')} has no 'vp: N' to change: add one in map.yaml")
        new = max(0, vp + delta)
        return self._set_scalar(("places", i, "vp"), str(new), f"{place.get('id')} vp {new}")

    def _set_scalar(self, path: tuple[str | int, ...], new: str, what: str) -> Edit:
        """Replace the scalar at ``path`` as written (plain, or quoted) with ``new``."""
        src = self.parsed(self.map_name)
        mark = src.mark(path)
        line = self.texts[self.map_name].splitlines()[mark.line - 1]
        rest = line[mark.col - 1:]
        if rest[:1] in ("'", '"'):
            end = rest.find(rest[0], 1)
            while rest[0] == "'" and end >= 0 and rest[end + 1: end + 2] == "'":
                end = rest.find("'", end + 2)
            if end < 0:
                raise EditError(f"map.yaml:{mark.line}: write the value on one line to change it here")
            old = rest[:end + 1]
        else:
            in_flow = line[:mark.col - 1].count("{") > line[:mark.col - 1].count("}")
            stops = [i for i in (rest.find(" #"), *((rest.find(","), rest.find("}")) if in_flow else ())) if i >= 0]
            old = rest[:min(stops)].rstrip() if stops else rest.rstrip()
        return self._apply(Edit(self.map_name, mark.line, mark.col, old, new, what))

    def cycle_fortification(self, h: Hex) -> Edit:
        """None -> level 1 -> ... -> 5 -> none at hex ``h``."""
        if self.generated:
            raise EditError("map.yaml is generated from geo/ by `mapgen`: put fortified regions in geo/")
        src = self.parsed(self.map_name)
        forts = (src.data or {}).get("fortifications") or []
        for i, f in enumerate(forts):
            if isinstance(f, dict) and f.get("hex") == [h[0], h[1]]:
                level = f.get("level")
                if isinstance(level, int) and level < 5:
                    mark = src.mark(("fortifications", i, "level"))
                    return self._apply(Edit(self.map_name, mark.line, mark.col, str(level), str(level + 1),
                                            f"fortification [{h[0]}, {h[1]}] level {level + 1}"))
                return self._remove_line(src, ("fortifications", i), f"fortification [{h[0]}, {h[1]}] removed")
        return self._append_line(src, "fortifications", f"{{hex: [{h[0]}, {h[1]}], level: 1}}",
                                 f"fortification [{h[0]}, {h[1]}] level 1")

    def _one_line_item(self, src: SourceDoc, path: tuple[str | int, ...]) -> tuple[int, str]:
        """(line, the line's text) of a list item written ``- {...}`` alone on its line."""
        mark = src.mark(path)
        line = self.texts[self.map_name].splitlines()[mark.line - 1]
        body = line.strip()
        if not (body.startswith("- {") and body.endswith("}") and body.count("{") == body.count("}") == 1):
            raise EditError(f"map.yaml:{mark.line}: the editor adds and removes items written '- {{...}}' one a line")
        return mark.line, line

    def _append_line(self, src: SourceDoc, key: str, item: str, what: str) -> Edit:
        if self.generated:
            raise EditError("map.yaml is generated from geo/ by `mapgen`: add it in geo/*.yaml")
        items = (src.data or {}).get(key)
        if not isinstance(items, list) or not items:
            raise EditError(f"map.yaml has no {key} yet: write the first one by hand, as '- {{...}}' on one line")
        line, text = self._one_line_item(src, (key, len(items) - 1))
        prefix = text[:text.index("-")]
        return self._apply(Edit(self.map_name, line, len(text) + 1, "", f"\n{prefix}- {item}", what))

    def _remove_line(self, src: SourceDoc, path: tuple[str | int, ...], what: str) -> Edit:
        line, text = self._one_line_item(src, path)
        if line == 1:
            raise EditError("the first line of map.yaml cannot be an item")
        above = self.texts[self.map_name].splitlines()[line - 2]
        return self._apply(Edit(self.map_name, line - 1, len(above) + 1, "\n" + text, "", what))

    def copy_unit(self, unit_id: str, h: Hex) -> Edit:
        """A copy of a unit at hex ``h``, written just after it in its order of battle: the same lines (type,
        parent, men, equipment ...) with a new id and the new hex, to rename and adjust in the YAML."""
        taken = {u for u, _, _, _ in self.units()}
        new_id = next(f"{unit_id}_{n}" for n in range(2, 10_000) if f"{unit_id}_{n}" not in taken)
        for name in self.include("orders_of_battle"):
            src = self.parsed(name)
            units = (src.data or {}).get("units") or []
            for i, u in enumerate(units):
                if isinstance(u, dict) and u.get("id") == unit_id:
                    first, last = self._item_lines(src, name, i, len(units))
                    lines = self.texts[name].splitlines()
                    block = "\n".join(lines[first - 1:last])
                    block, ids = re.subn(rf"(\bid:\s*){re.escape(unit_id)}\b", rf"\g<1>{new_id}", block, count=1)
                    block, hexes = re.subn(r"(\bhex:\s*)\[[^\]]*\]", rf"\g<1>[{h[0]}, {h[1]}]", block, count=1)
                    if not (ids and hexes):
                        raise EditError(f"{name}:{first}: the editor copies units written with 'id: ...' and "
                                        "'hex: [col, row]'")
                    return self._apply(Edit(name, last, len(lines[last - 1]) + 1, "", "\n" + block,
                                            f"copy {unit_id} to {new_id} at [{h[0]}, {h[1]}]"))
        raise EditError(f"no unit '{unit_id}'")

    def _item_lines(self, src: SourceDoc, name: str, i: int, n: int) -> tuple[int, int]:
        """First and last line of units[i]: up to the next unit (or the end of the list), without the blank
        lines and comments before it (they belong to the next unit)."""
        lines = self.texts[name].splitlines()
        first = src.mark(("units", i)).line
        dash = len(lines[first - 1]) - len(lines[first - 1].lstrip(" -"))
        if i + 1 < n:
            last = src.mark(("units", i + 1)).line - 1
        else:
            last = first
            while last < len(lines) and (not lines[last].strip() or lines[last].lstrip().startswith("#")
                                         or len(lines[last]) - len(lines[last].lstrip()) >= dash):
                last += 1
        while last > first and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
            last -= 1
        return first, last

    def move_unit(self, unit_id: str, h: Hex) -> Edit | None:
        """Put a unit at hex ``h`` (its ``hex: [c, r]`` rewritten in place); None when it is there already."""
        for name in self.include("orders_of_battle"):
            src = self.parsed(name)
            for i, u in enumerate((src.data or {}).get("units") or []):
                if isinstance(u, dict) and u.get("id") == unit_id:
                    return self._move(src, name, i, h)
        raise EditError(f"no unit '{unit_id}'")

    def _move(self, src: SourceDoc, name: str, i: int, h: Hex) -> Edit | None:
        mark = src.mark(("units", i, "hex"))  # the key's mark: a flow list's own mark is not kept
        line = self.texts[name].splitlines()[mark.line - 1]
        start = line.find("[", mark.col - 1)
        end = line.find("]", start)
        if start < 0 or end < 0:
            raise EditError(f"{name}:{mark.line}: write the unit's hex as [col, row] on one line to move it here")
        new = f"[{h[0]}, {h[1]}]"
        old = line[start:end + 1]
        if old.replace(" ", "") == new.replace(" ", ""):
            return None
        return self._apply(Edit(name, mark.line, start + 1, old, new, f"move {src.data['units'][i]['id']} to {new}"))

    def _apply(self, edit: Edit, redo: bool = False) -> Edit:
        self.texts[edit.file] = _replace(self.texts[edit.file], edit.line, edit.col, edit.old, edit.new)
        self.done.append(edit)
        if not redo:
            self.undone.clear()
        return edit

    def undo(self) -> Edit | None:
        if not self.done:
            return None
        edit = self.done.pop()
        self.texts[edit.file] = _replace(self.texts[edit.file], edit.line, edit.col, edit.new, edit.old)
        self.undone.append(edit)
        return edit

    def redo(self) -> Edit | None:
        if not self.undone:
            return None
        return self._apply(self.undone.pop(), redo=True)

    # ------------------------------------------------------------ checking and saving

    def problems(self) -> list[Problem]:
        """What `validate` would print for the files as they are now (errors, then warnings)."""
        from game.scenario.build import build_state
        from game.scenario.usability import scenario_warnings

        with tempfile.TemporaryDirectory(prefix="edit-") as tmp:
            folder = Path(tmp) / self.root.name
            shutil.copytree(self.root, folder, ignore=shutil.ignore_patterns("*.png", "__pycache__"))
            for name, text in self.texts.items():
                (folder / name).write_text(text, encoding="utf-8")
            try:
                src = read_scenario(folder)
            except ScenarioError as exc:
                return [_relative(p, folder) for p in exc.problems]
            return [_relative(p, folder) for p in scenario_warnings(src, build_state(src))]

    def save(self) -> list[str]:
        """Write the files an edit changed (atomically, each); returns their names. Others are not touched."""
        written = []
        for name, text in self.texts.items():
            if text == self.saved[name]:
                continue
            path = self.root / name
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8", newline="")
            tmp.replace(path)
            self.saved[name] = text
            written.append(name)
        return written


def _yaml_text(value: str) -> str:
    """``value`` as YAML reads it back unchanged: plain when that is safe, else double-quoted."""
    from game.scenario.loader import SourceDoc as _Doc

    plain = parse_yaml(f"k: {value}\n", _Doc("check")).data
    if isinstance(plain, dict) and plain.get("k") == value and not any(c in value for c in ",{}[]#&*!|>'\"%@`"):
        return value
    return json.dumps(value, ensure_ascii=False)


def _at_path(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _hexside_names(h: Hex, side: str) -> set[tuple[int, int, str]]:
    """Both ways to write a hexside: from ``h`` and from the hex across it."""
    from game.core.hexgrid import DIRECTION_NAMES, neighbor

    k = DIRECTION_NAMES.index(side)
    other = neighbor(h, k)
    return {(h[0], h[1], side), (other[0], other[1], DIRECTION_NAMES[(k + 3) % 6])}


def _replace(text: str, line: int, col: int, old: str, new: str) -> str:
    """``old`` (which may run on past the line's end) at line/col becomes ``new``."""
    lines = text.splitlines(keepends=True)
    at = sum(len(x) for x in lines[:line - 1]) + col - 1
    if text[at: at + len(old)] != old:
        raise EditError(f"line {line} changed under the editor: expected {old!r} at column {col}")
    return text[:at] + new + text[at + len(old):]


def _relative(p: Problem, folder: Path) -> Problem:
    """A problem found in the scratch copy, named by the file's own name."""
    name = Path(p.file).name if str(folder) in str(Path(p.file).resolve()) else p.file
    return Problem(name, p.line, p.col, p.field, p.message, p.severity)
