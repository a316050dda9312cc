"""The package's layers, and the direction of imports between them.

``core`` is pure (no files, no terminal); ``files`` reads and writes the user's files;
``render`` draws; ``cli``, ``session`` and ``prompts`` sit on top. Imports only point down.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PERSONAS, ROOT

PACKAGE = ROOT / "src" / "stepback"
TOP = {"stepback.cli", "stepback.session", "stepback.prompts", "stepback.__main__"}
FORBIDDEN = {
    "core": ("stepback.files", "stepback.render", *TOP, "rich", "typer"),
    "files": ("stepback.render", *TOP, "rich", "typer"),
    "render": (*TOP, "typer"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports at run time, at the top or inside a function (imports
    only for the type checker aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_point_down(layer: str) -> None:
    """No module of a layer imports a layer above it, or a library that layer must not use."""
    wrong = []
    for path in sorted((PACKAGE / layer).glob("*.py")):
        for module in imported_modules(path):
            if any(module == f or module.startswith(f"{f}.") for f in FORBIDDEN[layer]):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert wrong == []


def test_only_render_and_prompts_import_rich() -> None:
    """Rich is drawn in ``render/`` and asked through in ``prompts.py``; ``cli.py`` only hands
    a console over."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("render/") or relative in {"prompts.py", "cli.py"}:
            continue
        if any(m == "rich" or m.startswith("rich.") for m in imported_modules(path)):
            wrong.append(relative)
    assert wrong == []


def test_subpackage_inits_are_empty() -> None:
    """A re-export in a subpackage's ``__init__`` would load the whole layer on first use."""
    for layer in FORBIDDEN:
        assert (PACKAGE / layer / "__init__.py").read_text(encoding="utf-8") == ""


def test_json_quiz_never_imports_rich(tmp_path: Path) -> None:
    """`stepback quiz --answers FILE --format json` runs without importing Rich."""
    answers = PERSONAS / "004_hans_baker.toml"
    code = (
        "import json, sys\n"
        "from stepback.cli import app\n"
        f"app(['quiz', '--answers', {str(answers)!r}, '--format', 'json'],"
        " standalone_mode=False)\n"
        "rich = sorted(m for m in sys.modules if m.split('.')[0] == 'rich')\n"
        "sys.stderr.write(json.dumps(rich))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["leaning"] == "ic"
    assert json.loads(completed.stderr.strip().splitlines()[-1]) == []
