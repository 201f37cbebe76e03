"""Issue 15's attack list re-run in its own process (``tests/hardening/attacks.py``): zero tracebacks,
zero hangs over 5 s and a peak under 500 MB."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.paths import ROOT


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/zero, SIGALRM and RLIMIT_AS are POSIX")
def test_the_attack_list() -> None:
    done = subprocess.run([sys.executable, "-m", "tests.hardening.attacks", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    report = json.loads(done.stdout)
    bad = [r for r in report["attacks"] if r["outcome"] != "ok"]
    assert not bad, bad
    assert report["tracebacks"] == 0 and report["hangs"] == 0 and len(report["attacks"]) >= 100
    assert report["peak_mb"] < 500, report["peak_mb"]
    print(f"\nattacks: {len(report['attacks'])}, peak {report['peak_mb']} MB")
