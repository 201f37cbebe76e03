"""A balance report for designers: one self-contained HTML page from many simulated games.

Input: the documents `simulate --json` prints, one per seed. Output: a page with no outside
links — SVG charts drawn here — of the result grades, victory points, capture turns per
objective and casualties per side, with the table behind each chart.
"""

from __future__ import annotations

import html
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from game.fileio import atomic_write

COLOURS = ("#b03a2e", "#c9a227", "#2e6fb0", "#5a8f3c", "#7d4fa0", "#888888")


def write_report(runs: list[dict[str, Any]], path: Path, title: str) -> Path:
    """Write the page atomically and return its path."""
    return atomic_write(path, render(runs, title), "report", mode=0o644)  # a page to share


def render(runs: list[dict[str, Any]], title: str) -> str:
    sides = list(runs[0]["victory_points"]) if runs else []
    parts = [f"<h1>{html.escape(title)}</h1>", f"<p>{len(runs)} games.</p>",
             _results(runs), _victory_points(runs, sides), _captures(runs, sides), _casualties(runs, sides)]
    return ("<!doctype html><html><head><meta charset='utf-8'><title>" + html.escape(title) + "</title><style>"
            "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
            "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
            "text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}"
            "</style></head><body>" + "\n".join(parts) + "</body></html>\n")


def _bars(items: list[tuple[str, float]], unit: str = "", width: int = 640) -> str:
    """A horizontal bar chart as inline SVG."""
    if not items:
        return "<p>(nothing to show)</p>"
    top = max(v for _, v in items) or 1
    row = 24
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{row * len(items) + 8}'>"]
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        bar = (width - 260) * value / top
        out.append(f"<text x='0' y='{y + 16}' font-size='13'>{html.escape(label)}</text>"
                   f"<rect x='200' y='{y + 3}' width='{bar:.1f}' height='{row - 8}' "
                   f"fill='{COLOURS[i % len(COLOURS)]}'/>"
                   f"<text x='{205 + bar:.1f}' y='{y + 16}' font-size='12'>{value:,.4g}{unit}</text>")
    return "".join(out) + "</svg>"


def _table(head: list[str], rows: list[list[Any]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{cells}</tr>{body}</table>"


def _results(runs: list[dict[str, Any]]) -> str:
    grades = Counter(r.get("result", "?") for r in runs)
    items = [(g, 100 * n / len(runs)) for g, n in grades.most_common()]
    return "<h2>Results</h2>" + _bars(items, " %") + _table(["result", "games", "share"],
                                                             [[g, n, f"{100 * n / len(runs):.0f} %"]
                                                              for g, n in grades.most_common()])


def _victory_points(runs: list[dict[str, Any]], sides: list[str]) -> str:
    rows = []
    for side in sides:
        vp = [r["victory_points"][side] for r in runs]
        rows.append([side, min(vp), statistics.median(vp), max(vp)])
    return "<h2>Victory points at the end</h2>" + _bars([(r[0], r[2]) for r in rows], " VP median") + \
        _table(["side", "min", "median", "max"], rows)


def _captures(runs: list[dict[str, Any]], sides: list[str]) -> str:
    """Median turn each side first took each place, and in how many games it did."""
    firsts: dict[tuple[str, str], list[int]] = {}
    for r in runs:
        seen: set[tuple[str, str]] = set()
        for c in r.get("captures", []):
            key = (c["place"], c["side"])
            if key not in seen:
                seen.add(key)
                firsts.setdefault(key, []).append(c["turn"])
    rows: list[list[Any]] = sorted(([place, side, len(turns), statistics.median(turns)]
                                    for (place, side), turns in firsts.items()), key=lambda r: (r[1], r[3]))
    items = [(f"{r[0]} ({r[1]})", float(r[3])) for r in rows[:30]]
    return "<h2>Capture turns</h2><p>Median turn a side first took a place (the first 30).</p>" + \
        _bars(items, "") + _table(["place", "side", "games taken", "median turn"], rows)


def _casualties(runs: list[dict[str, Any]], sides: list[str]) -> str:
    kinds = ("killed", "wounded", "captured")
    rows = []
    for side in sides:
        last = [r["turns"][-1]["sides"][side] for r in runs if r.get("turns")]
        found = [t["casualties"] for t in last if "casualties" in t]
        if found:
            rows.append([side, *(statistics.median(c.get(k, 0) for c in found) for k in kinds)])
    items = [(r[0], float(sum(r[1:]))) for r in rows]
    return "<h2>Casualties (median per game)</h2>" + _bars(items, " men") + \
        _table(["side", *kinds], [[r[0], *(f"{v:,.0f}" for v in r[1:])] for r in rows])
