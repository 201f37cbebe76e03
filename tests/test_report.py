"""The balance report: a self-contained page whose figures match the games it was made from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.paths import ROOT
from game.report import write_report
from tests.conftest import TINY


def _runs(n: int) -> list[dict]:
    out = []
    for seed in range(n):
        proc = subprocess.run([sys.executable, "main.py", "simulate", str(TINY), "--json", "--seed", str(seed),
                               "--soviet", "baseline", "--japan", "baseline"],
                              cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
        out.append(json.loads(proc.stdout))
    return out


def test_report_is_self_contained_and_counts_every_game(tmp_path: Path) -> None:
    runs = _runs(3)
    page = write_report(runs, tmp_path / "report.html", "Tiny balance").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    assert "<p>3 games.</p>" in page
    for grade in {r["result"] for r in runs}:
        assert grade in page
    assert not list(tmp_path.glob(".*"))  # no temporary file left


def test_simulate_runs_writes_the_report(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "main.py", "simulate", str(TINY), "--runs", "2", "--workers", "1",
                          "--soviet", "baseline", "--japan", "baseline", "--report", str(tmp_path / "r.html")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<p>2 games.</p>" in page and "report:" in out.stderr
