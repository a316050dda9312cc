"""``stepback compare`` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from stepback.cli import app
from tests.helpers import PERSONAS

OLD = str(PERSONAS / "000_marketing_director.toml")
NEW = str(PERSONAS / "003_tour_of_duty.toml")


def test_compare_report(runner: CliRunner) -> None:
    """The report shows then and now, factor changes, and the answers that changed."""
    result = runner.invoke(app, ["compare", OLD, NEW])
    assert result.exit_code == 0, result.output
    assert "Then: Individual contributor" in result.stdout
    assert "Now:  Tour of duty" in result.stdout
    assert "Your leaning has changed: Individual contributor → Tour of duty" in result.stdout
    assert "Factor changes" in result.stdout
    assert "Director or above → IC considering" in " ".join(result.stdout.split())


def test_compare_json(runner: CliRunner) -> None:
    """JSON gives both leanings, each factor's change and the changed answers."""
    result = runner.invoke(app, ["compare", OLD, NEW, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["old"]["leaning"] == "ic"
    assert document["new"]["leaning"] == "tour"
    assert document["leaning_changed"] is True
    for values in document["factors"].values():
        assert values["change"] == round(values["new"] - values["old"], 4)
    changed = {c["question"]: (c["old"], c["new"]) for c in document["changed_answers"]}
    assert changed["current_role"] == ("director", "ic")


def test_compare_same_file_changes_nothing(runner: CliRunner) -> None:
    """A file compared with itself: same leaning, no changed answers, zero changes."""
    result = runner.invoke(app, ["compare", OLD, OLD, "--format", "json"])
    document = json.loads(result.stdout)
    assert document["changed_answers"] == []
    assert all(v["change"] == 0 for v in document["factors"].values())


def test_compare_different_banks_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """Two files for different banks: exit 1 with a message naming both."""
    other = tmp_path / "other.toml"
    other.write_text('bank = "quick"\n[answers]\ncurrent_role = "ic"\n')
    result = runner.invoke(app, ["compare", OLD, str(other)])
    assert result.exit_code == 1
    assert f"{OLD} is for bank 'core' but {other} is for bank 'quick'" in result.stderr
