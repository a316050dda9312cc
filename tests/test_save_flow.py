"""After the last question: the report first, then a save offer that never loses a finished
quiz, whatever is typed or refused (issue: "a finished quiz is never lost")."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stepback.cli import app
from stepback.errors import EXIT_INTERRUPTED, EXIT_USAGE
from tests.helpers import MINIMAL_BANK

BANK = ["--bank", str(MINIMAL_BANK)]
LEAD = "2\nagree\nagree\n"  # a finished quiz of the minimal bank: role, then two questions
pytestmark = pytest.mark.usefixtures("as_terminal")


def resume_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "stepback" / "resume-mini.toml"


def answers_in(path: Path) -> dict[str, str]:
    answers: dict[str, str] = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    return answers


def test_the_report_comes_before_the_save_offer(runner: CliRunner) -> None:
    """People decide whether to keep their answers after seeing the result."""
    result = runner.invoke(app, ["quiz", *BANK], input=LEAD + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.index("Your leaning:") < result.output.index("Save your answers")


def test_declining_to_overwrite_asks_for_another_name(runner: CliRunner, tmp_path: Path) -> None:
    """ "n" at "Overwrite it?" asks for another name; the answers go there."""
    taken = tmp_path / "taken.toml"
    taken.write_text("keep me", encoding="utf-8")
    other = tmp_path / "other.toml"
    result = runner.invoke(app, ["quiz", *BANK], input=LEAD + f"{taken}\nn\n{other}\n")
    assert result.exit_code == 0, result.output
    assert taken.read_text(encoding="utf-8") == "keep me"
    assert answers_in(other)["current_role"] == "lead"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "blocker/answers.toml",
            "blocker is a file, so blocker/answers.toml cannot be created",
        ),
        ("missing/answers.toml", "the folder missing does not exist"),
        ("sub", "sub is a folder; give a file name"),
    ],
    ids=["parent-is-a-file", "missing-folder", "a-folder"],
)
def test_an_unwritable_name_says_why_and_asks_again(
    runner: CliRunner, tmp_path: Path, name: str, message: str
) -> None:
    """The reason in plain words, then the question again; the answers are not lost."""
    (tmp_path / "blocker").write_text("a file", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    good = tmp_path / "good.toml"
    # Relative names (the tests run in tmp_path): Rich may fold a long absolute path.
    result = runner.invoke(app, ["quiz", *BANK], input=LEAD + f"{name}\n{good}\n")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert message + ". Try another name." in said
    assert answers_in(good)["enjoy_coding"] == "agree"


def test_save_flag_is_checked_before_the_first_question(runner: CliRunner, tmp_path: Path) -> None:
    """--save to a place that cannot be written fails at once, not after the last question."""
    result = runner.invoke(app, ["quiz", *BANK, "--save", str(tmp_path / "no" / "a.toml")])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"--save the folder {tmp_path / 'no'} does not exist\n"
    assert "1/4" not in result.output


def test_ctrl_c_at_the_save_offer_keeps_the_answers(runner: CliRunner, tmp_path: Path) -> None:
    """The report was shown; the answers stay in the resume file, and --resume shows it again."""
    result = runner.invoke(app, ["quiz", *BANK], input=LEAD)  # input ends at the save offer
    assert result.exit_code == EXIT_INTERRUPTED
    assert "Your leaning:" in result.stdout
    assert "see the report again and save with: stepback quiz --resume" in result.stderr
    assert answers_in(resume_file(tmp_path)) == {
        "current_role": "lead",
        "enjoy_coding": "agree",
        "meetings_ok": "agree",
    }


def test_a_tilde_is_the_home_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`~/june.toml` and `$VAR/june.toml` expand as a shell would; no folder named `~`."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PLACE", str(home))
    result = runner.invoke(app, ["quiz", *BANK], input=LEAD + "~/june.toml\n")
    assert result.exit_code == 0, result.output
    assert answers_in(home / "june.toml")["current_role"] == "lead"
    assert not (tmp_path / "~").exists()
    again = runner.invoke(app, ["quiz", *BANK], input=LEAD + "$PLACE/july\n")
    assert again.exit_code == 0, again.output
    assert (home / "july.toml").exists()


def test_b_goes_back_and_a_number_is_a_file_name_with_toml(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`b` at the save offer goes back to the last question; `1` saves `1.toml`, not `1`."""
    keys = LEAD + "b\ndisagree\n1\n"
    result = runner.invoke(app, ["quiz", *BANK, "--format", "json"], input=keys)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "b").exists()
    assert not (tmp_path / "1").exists()
    assert answers_in(tmp_path / "1.toml")["meetings_ok"] == "disagree"


def test_an_unfinished_quiz_is_offered_not_replaced(runner: CliRunner, tmp_path: Path) -> None:
    """A new quiz asks whether to continue the unfinished one; starting over keeps the older
    file until the new quiz is done."""
    first = runner.invoke(app, ["quiz", *BANK], input="2\nagree\n")
    assert first.exit_code == EXIT_INTERRUPTED
    kept = resume_file(tmp_path).read_bytes()
    second = runner.invoke(app, ["quiz", *BANK], input="n\n1\n")
    assert second.exit_code == EXIT_INTERRUPTED
    assert "You have an unfinished quiz (2 answers" in second.output
    assert resume_file(tmp_path).read_bytes() == kept  # the older quiz is untouched
    other = resume_file(tmp_path).with_name("resume-mini-2.toml")
    assert answers_in(other) == {"current_role": "ic"}  # the new one is kept beside it
    third = runner.invoke(app, ["quiz", *BANK], input="\nagree\nagree\nno\n\n")
    assert third.exit_code == 0, third.output  # it continued the newest, then finished
    assert "Resuming: 1 answer kept." in third.output
    assert not other.exists()
    assert resume_file(tmp_path).read_bytes() == kept


def test_export_onto_an_existing_file_asks_first(runner: CliRunner, tmp_path: Path) -> None:
    """In a terminal, --export over a file asks; no leaves it as it was."""
    report = tmp_path / "report.md"
    report.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["quiz", *BANK, "--export", str(report)], input=LEAD + "n\n\n")
    assert result.exit_code == 0, result.output
    assert f"{report} exists. Overwrite it with the report? [y/N]" in " ".join(
        result.output.split()
    )
    assert report.read_text(encoding="utf-8") == "mine"


def test_scripted_export_onto_an_existing_file_needs_force(
    runner: CliRunner, tmp_path: Path
) -> None:
    """With --answers nothing can be asked: refused at once without --force."""
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[answers]\ncurrent_role = "lead"\nenjoy_coding = "agree"\nmeetings_ok = "agree"\n',
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    report.write_text("mine", encoding="utf-8")
    command = ["quiz", *BANK, "--answers", str(answers), "--export", str(report)]
    refused = runner.invoke(app, command)
    assert refused.exit_code == EXIT_USAGE
    assert refused.stderr == f"--export {report}: already exists; pass --force to overwrite it\n"
    assert report.read_text(encoding="utf-8") == "mine"
    assert runner.invoke(app, [*command, "--force"]).exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("{")


def test_saved_answers_are_private(runner: CliRunner, tmp_path: Path) -> None:
    """A new answers file is readable by its owner only (answers are personal)."""
    target = tmp_path / "mine.toml"
    result = runner.invoke(app, ["quiz", *BANK], input=LEAD + f"{target}\n")
    assert result.exit_code == 0, result.output
    assert os.stat(target).st_mode & 0o777 == 0o600
