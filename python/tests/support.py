"""Puts the bridge package and the test apps on sys.path (imported first by every test module).

Run: .venv/bin/python -m unittest discover -s python/tests
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ROOT / "test" / "apps" / "python"

for entry in (str(ROOT / "python"), str(APPS)):
    if entry not in sys.path:
        sys.path.insert(0, entry)
