"""The README shows the real CLI: its command reference is the actual ``--help`` output."""

from __future__ import annotations

from pathlib import Path

from tests.help_reference import README, readme_reference, reference


def test_readme_command_reference_matches_help() -> None:
    """Run `python -m tests.help_reference` to refresh README.md after changing the CLI."""
    assert readme_reference(README.read_text(encoding="utf-8")) == reference()


def test_every_command_and_option_has_help_with_an_example() -> None:
    """Each command's help text gives an example of its use."""
    for block in reference().split("### ")[2:]:
        assert "Example:" in block, block.splitlines()[0]


def test_readme_minimal_bank_passes_lint(tmp_path: Path) -> None:
    """The bank-authoring example in the README is valid and draws no warnings."""
    import re

    from stepback.files.lint import lint_bank_file

    text = README.read_text(encoding="utf-8")
    match = re.search(r"```toml\n(#:schema \./bank\.schema\.json\n.*?)```", text, re.DOTALL)
    assert match, "the README has no minimal bank example"
    path = tmp_path / "tiny.toml"
    path.write_text(match.group(1), encoding="utf-8")
    report = lint_bank_file(str(path))
    assert report.errors == []
    assert report.warnings == []
