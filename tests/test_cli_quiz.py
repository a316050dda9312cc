"""``stepback quiz`` through the CLI runner: scripted, interactive, saving and replaying."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stepback.cli import app
from tests.helpers import MINIMAL_BANK

BANK = ["--bank", str(MINIMAL_BANK)]
IC_ANSWERS = """
[answers]
current_role = "ic"
enjoy_coding = "agree"
meetings_ok = 3
covered_lead = "no"
"""


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(IC_ANSWERS)
    return path


def test_scripted_quiz_prints_the_short_report(runner: CliRunner, answers_file: Path) -> None:
    """By default the essentials, ending with the verdict and how to see the rest."""
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers_file)])
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").splitlines()
    verdict = next(i for i, line in enumerate(lines) if "Your leaning:" in line)
    assert "Your leaning: Individual contributor" in lines[verdict]
    assert len(lines) - verdict <= 8, "the verdict is not near the end"
    for section in ("In their words", "What drove it", "Next steps", "Outcomes"):
        assert section in result.output
    assert "Your factor profile" not in result.output
    assert "add --full" in result.output


def test_full_report_reads_top_down(runner: CliRunner, answers_file: Path) -> None:
    """--full: the verdict first, then every section, the sources last."""
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers_file), "--full"])
    assert result.exit_code == 0, result.output
    order = [
        "Your leaning: Individual contributor",
        "Outcomes",
        "Your factor profile",
        "What drove it",
        "What would change this",
        "In their words",
        "Next steps",
        "Sources",
    ]
    positions = [result.output.index(section) for section in order]
    assert positions == sorted(positions)


def test_scripted_quiz_json(runner: CliRunner, answers_file: Path) -> None:
    """--format json prints one JSON object with the documented keys and nothing else."""
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["bank"] == {"id": "mini", "version": "0.1.0"}
    assert document["leaning"] == "ic"
    assert set(document["outcomes"]) == {"ic", "manager", "tour"}
    assert set(document["factors"]) == {"coding", "meetings"}
    assert document["close_call"] is False
    assert document["margin"] > 0
    assert {"question", "choice", "factor", "contribution"} <= set(document["drivers"][0])
    quote = document["quotes"][0]
    assert set(quote["source"]) >= {"id", "title", "author"}
    assert document["answers"]["meetings_ok"] == "disagree"


def test_answers_from_stdin(runner: CliRunner) -> None:
    """--answers - reads the answers from standard input."""
    result = runner.invoke(
        app, ["quiz", *BANK, "--answers", "-", "--format", "json"], input=IC_ANSWERS
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["leaning"] == "ic"


def test_unknown_question_suggests_the_closest(runner: CliRunner, tmp_path: Path) -> None:
    """A misspelt question id names the file and suggests the right id; exit 1, no traceback."""
    path = tmp_path / "typo.toml"
    path.write_text(IC_ANSWERS.replace("enjoy_coding", "enjoy_codin"))
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(path)])
    assert result.exit_code == 1
    assert f"{path}: answers.enjoy_codin: unknown question (did you mean 'enjoy_coding'?)" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_not_a_terminal_without_answers_is_refused(runner: CliRunner) -> None:
    """With stdin not a terminal and no --answers, it does not prompt: it says what to do."""
    result = runner.invoke(app, ["quiz", *BANK])
    assert result.exit_code == 2
    assert "pass --answers FILE" in result.stderr


def test_interactive_quiz_by_number_and_key(
    runner: CliRunner, as_terminal: None, tmp_path: Path
) -> None:
    """Answers by number or key, a bad answer re-asked, then the report and no save."""
    result = runner.invoke(app, ["quiz", *BANK, "--thorough"], input="1\nmaybe\nagree\n3\n2\n\n")
    assert result.exit_code == 0, result.output
    assert "1/4" in result.output
    assert "Please answer with a number from 1 to 3 or one of: agree, neutral, disagree" in (
        result.output
    )
    assert "Your leaning: Individual contributor" in result.output


def test_interactive_back_and_why(runner: CliRunner, as_terminal: None) -> None:
    """b goes back to the previous question; ? shows the attributed source passage."""
    keystrokes = "1\n?\nagree\nb\n\n1\n1\n\n"
    result = runner.invoke(app, ["quiz", *BANK, "--thorough", "--format", "json"], input=keystrokes)
    assert result.exit_code == 0, result.output
    assert "Why this is asked:" in result.stderr
    assert "If you enjoy coding" in result.stderr
    assert "(your answer)" in result.stderr
    document = json.loads(result.stdout)
    assert document["answers"] == {
        "current_role": "ic",
        "enjoy_coding": "agree",
        "meetings_ok": "agree",
        "covered_lead": "yes",
    }


def test_interactive_save_replays_to_the_same_result(
    runner: CliRunner, as_terminal: None, tmp_path: Path
) -> None:
    """Answers saved at the end replay through --answers to the identical result."""
    saved = tmp_path / "mine.toml"
    interactive = runner.invoke(
        app, ["quiz", *BANK, "--format", "json"], input=f"2\ndisagree\n1\n{saved}\n"
    )
    assert interactive.exit_code == 0, interactive.output
    data = tomllib.loads(saved.read_text())
    assert data["bank"] == "mini"
    assert data["answers"] == {
        "current_role": "lead",
        "enjoy_coding": "disagree",
        "meetings_ok": "agree",
    }
    replay = runner.invoke(app, ["quiz", *BANK, "--answers", str(saved), "--format", "json"])
    assert json.loads(replay.stdout) == json.loads(interactive.stdout)


def test_save_flag_with_answers_writes_normalized_copy(
    runner: CliRunner, answers_file: Path, tmp_path: Path
) -> None:
    """--save with --answers writes the answers with keys instead of numbers."""
    saved = tmp_path / "copy.toml"
    result = runner.invoke(
        app, ["quiz", *BANK, "--answers", str(answers_file), "--save", str(saved)]
    )
    assert result.exit_code == 0, result.output
    assert tomllib.loads(saved.read_text())["answers"]["meetings_ok"] == "disagree"


def test_version(runner: CliRunner) -> None:
    """--version prints the version and exits 0."""
    from stepback import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"stepback {__version__}\n"
