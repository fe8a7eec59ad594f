"""The dead-code pass of `make lint` stays honest (issue 15).

vulture runs over src/newsgraph with tests/vulture_whitelist.py, which lists the names it cannot
see used (framework hooks, template fields, tools outside the package). Importing that list here
fails when one of its names has gone, so the whitelist cannot keep dead entries alive.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WHITELIST = ROOT / "tests" / "vulture_whitelist.py"


def test_every_whitelisted_name_exists() -> None:
    spec = importlib.util.spec_from_file_location("vulture_whitelist", WHITELIST)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # an AttributeError or ImportError names the stale entry
    assert len(module.USED_OUTSIDE_THE_CODE) >= 20


def test_lint_runs_the_dead_code_pass_with_the_whitelist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"vulture src/newsgraph tests/vulture_whitelist\.py", lint)
    assert "--min-confidence 60" in lint  # vulture's lowest: unused functions are reported
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"vulture==[\d.]+"', pyproject), "pin vulture in the dev extra"
