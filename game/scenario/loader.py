"""Guarded YAML loading with source marks, so every problem can name its file, line and column.

PyYAML's C safe loader (the pure-Python one where the C one is missing) only *composes* the
file into a node graph; we construct the Python values ourselves. That lets us

* refuse every tag that is not plain data (``!!python/object/apply`` and friends) before
  anything could run,
* report duplicate keys, which PyYAML silently overwrites,
* measure what aliases expand to and refuse an expansion bomb before anything walks it,
* remember the mark of every key and value by its path, e.g. ``("units", 3, "men")``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.fileio import FileError, read_text

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - the C extension ships with PyYAML wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_ALIAS_EXTRA_NODES = 100_000
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
SAFE_SCALAR_TAGS = {_T + n for n in ("str", "int", "float", "bool", "null", "timestamp")}
MERGE_TAG = _T + "merge"
STR_TAG, INT_TAG = _T + "str", _T + "int"

Path_ = tuple[str | int, ...]

ERROR, WARNING, NOTE = "error", "warning", "note"


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario, printed as ``file:line:col: field: message``."""

    file: str
    line: int
    col: int
    field: str
    message: str
    severity: str = ERROR  # ERROR stops the scenario loading; WARNING and NOTE are told, not fatal

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        if self.severity != ERROR:
            where += f": {self.severity}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return text.replace("\r", "\\r").replace("\n", "\\n")  # one line, whatever a key contains


class ScenarioError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        """Rebuilt from its problems, not its message, when it crosses a process boundary (simulate --runs)."""
        return (type(self), (self.problems,))


def format_path(path: Path_) -> str:
    """('units', 3, 'men') -> 'units[3].men'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class SourceDoc:
    """A loaded YAML file: its data, where each path came from, and non-fatal problems."""

    file: str
    data: Any = None
    marks: dict[Path_, Mark] = field(default_factory=dict)
    string_offsets: dict[Path_, int] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)  # where a key is, when its value is elsewhere
    problems: list[Problem] = field(default_factory=list)

    def mark(self, path: Path_) -> Mark:
        """Mark of ``path`` or of its nearest ancestor that has one."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))

    def problem(self, path: Path_, message: str, char: int | None = None) -> Problem:
        """A problem at ``path``; ``char`` points inside a string value (a map row, say)."""
        m = self.mark(path)
        col = m.col
        if char is not None and path in self.string_offsets:
            col += self.string_offsets[path] + char
        return Problem(self.file, m.line, col, format_path(path), message)

    def key_problem(self, path: Path_, message: str) -> Problem:
        """A problem about the key at ``path`` itself (a misspelt key), pointed at the key, not its value."""
        m = self.key_marks.get(path) or self.mark(path)
        return Problem(self.file, m.line, m.col, format_path(path), message)


def display_name(path: Path) -> str:
    """A path as the user will recognise it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path.resolve()) if rel.startswith("..") else rel


class _Builder:
    """Turns a composed node graph into Python values, recording marks as it goes."""

    def __init__(self, doc: SourceDoc):
        self.doc = doc
        self.built: dict[int, Any] = {}
        self.building: set[int] = set()  # collections being built: an alias to one of them is a cycle
        self.constructor = SafeConstructor()

    def fail(self, node: Node, path: Path_, message: str) -> None:
        m = node.start_mark
        self.doc.problems.append(Problem(self.doc.file, m.line + 1, m.column + 1, format_path(path), message))

    def build(self, node: Node, path: Path_, depth: int = 0) -> Any:
        if id(node) in self.building:  # the value would contain itself: no file means that
            self.fail(node, path, "an alias cannot refer to the list or mapping it is inside")
            return None
        if id(node) in self.built:  # an alias: share the value, do not walk it again
            return self.built[id(node)]
        if depth > MAX_DEPTH:
            self.fail(node, path, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, ScalarNode):
            value = self.scalar(node, path)
        elif isinstance(node, SequenceNode):
            self.check_tag(node, path, _T + "seq")
            value = []
            self.building.add(id(node))
            for i, item in enumerate(node.value):
                self.remember(path + (i,), item)
                value.append(self.build(item, path + (i,), depth + 1))
        else:
            assert isinstance(node, MappingNode)
            self.check_tag(node, path, _T + "map")
            value = {}
            self.building.add(id(node))
            self.mapping(node, path, depth, value)
        self.building.discard(id(node))
        self.built[id(node)] = value
        return value

    def remember(self, path: Path_, node: Node) -> None:
        self.doc.marks.setdefault(path, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, ScalarNode):
            self.doc.string_offsets.setdefault(path, 1 if node.style in ("'", '"') else 0)

    def check_tag(self, node: Node, path: Path_, expected: str) -> None:
        if node.tag != expected:
            self.fail(node, path, f"tag {_short_tag(node.tag)} is not allowed: scenario files are plain data")

    def scalar(self, node: ScalarNode, path: Path_) -> Any:
        tag, value = node.tag, node.value
        if tag == STR_TAG:  # fast paths for the two commonest scalars in big maps and orders of battle
            return value
        if tag == INT_TAG and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)  # (a leading 0 means octal in YAML 1.1: left to the full constructor)
        if tag not in SAFE_SCALAR_TAGS:
            self.fail(node, path, f"tag {_short_tag(tag)} is not allowed: scenario files are plain data")
            return None
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self.fail(node, path, f"bad {_short_tag(node.tag)} value {node.value!r}: {exc}")
            return None

    def mapping(self, node: MappingNode, path: Path_, depth: int, out: dict[Any, Any]) -> None:
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged.update(self.merge_source(value_node, path, depth))
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, path, "a key must be a plain word or number")
                continue
            key = self.scalar(key_node, path)
            if key in out:
                self.fail(key_node, path + (key,), f"duplicate key '{key}' (the first is on line "
                          f"{self.doc.marks[path + (key,)].line})")
                continue
            self.remember(path + (key,), key_node)
            if isinstance(value_node, ScalarNode):
                self.doc.key_marks[path + (key,)] = self.doc.marks[path + (key,)]
                self.doc.marks[path + (key,)] = Mark(value_node.start_mark.line + 1,
                                                     value_node.start_mark.column + 1)
                self.doc.string_offsets[path + (key,)] = 1 if value_node.style in ("'", '"') else 0
            out[key] = self.build(value_node, path + (key,), depth + 1)
        for key, value in merged.items():
            out.setdefault(key, value)

    def merge_source(self, node: Node, path: Path_, depth: int) -> dict[Any, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        result: dict[Any, Any] = {}
        for src in sources:
            value = self.build(src, path, depth + 1)
            if not isinstance(value, dict):
                self.fail(src, path, "'<<' must merge a mapping or a list of mappings")
                continue
            for key, item in value.items():
                result.setdefault(key, item)
        return result


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """The parser's complaint in a designer's words where we can tell what went wrong: a tab in the
    indentation, an alias with no anchor (named, which the C parser does not do)."""
    m = exc.problem_mark or exc.context_mark
    line, col = (m.line + 1, m.column + 1) if m else (1, 1)
    words = " ".join(str(exc.problem or exc.context).split())
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent:
        return Problem(file, line, indent.index("\t") + 1, "", "tabs are not allowed; indent with spaces")
    if "undefined alias" in words:
        alias = re.match(r"\*([^\s,\[\]{}]+)", here[col - 1:])
        name = alias.group(1) if alias else "?"
        return Problem(file, line, col, "", f"undefined alias '*{name}': no anchor '&{name}' is defined above it")
    return Problem(file, line, col, "", "YAML syntax: " + words)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T):] if tag.startswith(_T) else tag


def _expanded_size(root: Node) -> tuple[int, int]:
    """(distinct nodes, nodes after expanding every alias), without expanding anything."""
    sizes: dict[int, int] = {}
    order: list[Node] = []
    stack: list[Node] = [root]
    seen: set[int] = set()
    while stack:  # iterative post-order, so deep files cannot exhaust Python's stack
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        stack.extend(_children(node))
    for node in reversed(order):
        sizes[id(node)] = 1 + sum(sizes.get(id(c), 0) for c in _children(node))
    return len(seen), sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def load_yaml(path: Path, display: str | None = None) -> SourceDoc:
    """Load one YAML file safely. Fatal problems leave ``data`` as None; see ``doc.problems``."""
    doc = SourceDoc(display or display_name(path))
    try:
        text = read_text(path, MAX_FILE_BYTES, "YAML file")
    except FileError as exc:
        doc.problems.append(Problem(doc.file, 1, 1, "", exc.reason))
        return doc
    return parse_yaml(text, doc)


def parse_yaml(text: str, doc: SourceDoc) -> SourceDoc:
    """Compose ``text`` and build ``doc.data`` from it (see ``load_yaml``)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(exc, text, doc.file))
        return doc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        doc.problems.append(Problem(doc.file, line, col, "", f"character {exc.character!r} is not allowed in YAML"))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(doc.file, 1, 1, "", "YAML: " + " ".join(str(exc).split())))
        return doc
    except RecursionError:
        doc.problems.append(Problem(doc.file, 1, 1, "", f"nesting is deeper than {MAX_DEPTH} levels"))
        return doc
    if root is None:
        doc.problems.append(Problem(doc.file, 1, 1, "", "the file is empty"))
        return doc
    # without an anchor ('&') nothing can be an alias: skip walking every node to measure expansion
    distinct, expanded = _expanded_size(root) if "&" in text else (0, 0)
    if expanded - distinct > MAX_ALIAS_EXTRA_NODES:
        m = root.start_mark
        doc.problems.append(Problem(doc.file, m.line + 1, m.column + 1, "",
                                    f"aliases expand to {expanded:,} nodes; at most "
                                    f"{MAX_ALIAS_EXTRA_NODES:,} repeated nodes are allowed"))
        return doc
    doc.marks[()] = Mark(root.start_mark.line + 1, root.start_mark.column + 1)
    # Even with non-fatal problems (a duplicate key) the data goes on to the models, so the
    # designer sees everything else that is wrong in the same run.
    doc.data = _Builder(doc).build(root, ())
    return doc
