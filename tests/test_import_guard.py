"""Start-up guards that time nothing: the fast paths must not import Rich or pydantic.

Each check runs in a fresh interpreter, so modules already imported by the test session do
not count. A stray top-level import of Rich or pydantic anywhere on these paths fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("rich", "pydantic", "pydantic_core")

REPORT_HEAVY = f"""
import json as _json, sys as _sys
_heavy = sorted({{name.split(".")[0] for name in _sys.modules}} & set({HEAVY!r}))
print(_json.dumps({{"heavy": _heavy}}))
"""


def _run_probe(code: str, cwd: Path) -> tuple[list[str], str]:
    """Run ``code`` in a new interpreter; return the heavy packages it imported and its stdout."""
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-c", code + REPORT_HEAVY],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    *output, report = completed.stdout.strip().splitlines()
    heavy: list[str] = json.loads(report)["heavy"]
    return heavy, "\n".join(output)


def test_version_imports_neither_rich_nor_pydantic(tmp_path: Path) -> None:
    """`stepback --version` prints the version without importing Rich or pydantic."""
    code = (
        "from stepback.cli import app\n"
        "exit_code = app(['--version'], standalone_mode=False)\n"
        "assert exit_code in (0, None), exit_code\n"
    )
    heavy, output = _run_probe(code, tmp_path)
    assert output.startswith("stepback "), output
    assert heavy == [], f"--version imported {heavy}"


def test_importing_cli_imports_neither_rich_nor_pydantic(tmp_path: Path) -> None:
    """Importing `stepback.cli` alone imports neither Rich nor pydantic."""
    heavy, _ = _run_probe("import stepback.cli\n", tmp_path)
    assert heavy == [], f"import stepback.cli imported {heavy}"
