"""A small JSON Schema (2020-12) checker, enough for the keywords our generated schemas use.

The venv has no ``jsonschema`` package and a test helper does not justify a new dependency; this
follows the specification for each keyword it knows and fails loudly on one it does not, so a
schema that grows a new keyword cannot pass unchecked.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

IGNORED = {"$schema", "title", "description", "default", "examples"}
OBJECT_KEYS = {"properties", "patternProperties", "additionalProperties", "propertyNames"}


def errors(schema: dict[str, Any], value: Any, root: dict[str, Any] | None = None, at: str = "") -> list[str]:
    """Every way ``value`` breaks ``schema``, as 'path: why'."""
    root = root or schema
    out: list[str] = []
    if OBJECT_KEYS & schema.keys():
        out += _properties(schema.get("properties", {}), value, schema, root, at)
    for key, rule in schema.items():
        if key in IGNORED or key in OBJECT_KEYS or key == "$defs":
            continue
        check = _CHECKS.get(key)
        if check is None:
            raise NotImplementedError(f"schema keyword {key!r}")
        out += check(rule, value, schema, root, at)
    return out


def _type_ok(name: str, v: Any) -> bool:
    if name == "integer":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    return {"string": lambda: isinstance(v, str), "boolean": lambda: isinstance(v, bool),
            "number": lambda: isinstance(v, (int, float)) and not isinstance(v, bool),
            "object": lambda: isinstance(v, dict), "array": lambda: isinstance(v, list),
            "null": lambda: v is None}[name]()


def _type(rule: Any, v: Any, *_: Any) -> list[str]:
    names = rule if isinstance(rule, list) else [rule]
    return [] if any(_type_ok(n, v) for n in names) else [f"{_[-1]}: not {rule}"]


def _ref(rule: str, v: Any, _s: Any, root: dict[str, Any], at: str) -> list[str]:
    node: Any = root
    for part in rule.removeprefix("#/").split("/"):
        node = node[part]
    return errors(node, v, root, at)


def _any_of(rule: list[Any], v: Any, _s: Any, root: dict[str, Any], at: str) -> list[str]:
    return [] if any(not errors(s, v, root, at) for s in rule) else [f"{at}: matches none of anyOf"]


def _enum(rule: list[Any], v: Any, _s: Any, _r: Any, at: str) -> list[str]:
    return [] if v in rule else [f"{at}: {v!r} not in enum"]


def _number(op: str) -> Any:
    def check(rule: float, v: Any, _s: Any, _r: Any, at: str) -> list[str]:
        if not _type_ok("number", v):
            return []
        ok = {"minimum": v >= rule, "maximum": v <= rule, "exclusiveMinimum": v > rule,
              "exclusiveMaximum": v < rule}[op]
        return [] if ok else [f"{at}: {v} breaks {op} {rule}"]
    return check


def _length(kind: type, op: str) -> Any:
    def check(rule: int, v: Any, _s: Any, _r: Any, at: str) -> list[str]:
        if not isinstance(v, kind):
            return []
        ok = len(v) >= rule if op == "min" else len(v) <= rule
        return [] if ok else [f"{at}: length {len(v)} breaks {op} {rule}"]
    return check


def _pattern(rule: str, v: Any, _s: Any, _r: Any, at: str) -> list[str]:
    return [] if not isinstance(v, str) or re.search(rule, v) else [f"{at}: {v!r} does not match {rule}"]


def _format(rule: str, v: Any, _s: Any, _r: Any, at: str) -> list[str]:
    if rule != "date":
        raise NotImplementedError(f"format {rule!r}")
    if not isinstance(v, str):
        return []
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return [f"{at}: {v!r} is not a date"]
    return [] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) else [f"{at}: {v!r} is not a full-date"]


def _properties(rule: dict[str, Any], v: Any, schema: dict[str, Any], root: dict[str, Any], at: str) -> list[str]:
    if not isinstance(v, dict):
        return []
    out = []
    patterns = schema.get("patternProperties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in v.items():
        where = f"{at}.{key}"
        matched = False
        if key in rule:
            out += errors(rule[key], item, root, where)
            matched = True
        for pat, sub in patterns.items():
            if isinstance(key, str) and re.search(pat, key):
                out += errors(sub, item, root, where)
                matched = True
        if not matched:
            if extra is False:
                out.append(f"{where}: unknown key")
            elif isinstance(extra, dict):
                out += errors(extra, item, root, where)
    if "propertyNames" in schema:
        out += [e for key in v for e in errors(schema["propertyNames"], key, root, f"{at}[{key!r}]")]
    return out


def _required(rule: list[str], v: Any, *_: Any) -> list[str]:
    return [f"{_[-1]}: missing {k}" for k in rule if isinstance(v, dict) and k not in v]


def _min_properties(rule: int, v: Any, *_: Any) -> list[str]:
    return [f"{_[-1]}: too few keys"] if isinstance(v, dict) and len(v) < rule else []


def _items(rule: Any, v: Any, schema: dict[str, Any], root: dict[str, Any], at: str) -> list[str]:
    if not isinstance(v, list):
        return []
    start = len(schema.get("prefixItems", []))
    if rule is False:
        return [f"{at}: too many items"] if len(v) > start else []
    return [e for i, item in enumerate(v[start:], start) for e in errors(rule, item, root, f"{at}[{i}]")]


def _prefix_items(rule: list[Any], v: Any, _s: Any, root: dict[str, Any], at: str) -> list[str]:
    if not isinstance(v, list):
        return []
    pairs = enumerate(zip(rule, v, strict=False))
    return [e for i, (sub, item) in pairs for e in errors(sub, item, root, f"{at}[{i}]")]


_CHECKS: dict[str, Any] = {
    "type": _type, "$ref": _ref, "anyOf": _any_of, "enum": _enum, "minimum": _number("minimum"),
    "maximum": _number("maximum"), "exclusiveMinimum": _number("exclusiveMinimum"),
    "exclusiveMaximum": _number("exclusiveMaximum"), "minLength": _length(str, "min"),
    "maxLength": _length(str, "max"), "minItems": _length(list, "min"), "maxItems": _length(list, "max"),
    "pattern": _pattern, "format": _format, "required": _required,
    "minProperties": _min_properties, "items": _items, "prefixItems": _prefix_items,
}
