"""The README shows the real CLI: its generated parts are what the code prints today."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cogapp import Cog

from tests.helpers import ROOT
from tests.readme_snippets import help_reference, readme_files


@pytest.mark.parametrize("path", readme_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_generated_parts_are_current(path: Path) -> None:
    """Run `cog -r -I . README.md validation/README.md` after changing what they show."""
    cog = Cog()
    cog.options.include_path = [str(ROOT)]
    cog.options.check = True
    assert cog.main(["cog", "--check", "-I", str(ROOT), str(path)]) == 0


def test_every_command_and_option_has_help_with_an_example() -> None:
    """Each command's help text gives an example of its use."""
    for block in help_reference().split("### ")[2:]:
        assert "Example:" in block, block.splitlines()[0]


def test_readme_minimal_bank_passes_lint(tmp_path: Path) -> None:
    """The bank-authoring example in the README is valid and draws no warnings."""
    from stepback.files.lint import lint_bank_file

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```toml\n(#:schema \./bank\.schema\.json\n.*?)```", text, re.DOTALL)
    assert match, "the README has no minimal bank example"
    path = tmp_path / "tiny.toml"
    path.write_text(match.group(1), encoding="utf-8")
    report = lint_bank_file(str(path))
    assert report.errors == []
    assert report.warnings == []
