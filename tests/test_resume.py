"""Interruptions and resume: Ctrl-C or end of input keeps the answers, --resume continues."""

from __future__ import annotations

import json
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from stepback.cli import app
from stepback.errors import EXIT_BAD_DATA, EXIT_INTERRUPTED, EXIT_USAGE
from stepback.files.answers import read_answers_file
from stepback.session import QuizOptions, resume_command, resume_path
from tests.helpers import MINIMAL_BANK, core_bank, minimal_bank

BANK = ["--bank", str(MINIMAL_BANK)]
CTRL_C = object()


@pytest.fixture
def resume_file(tmp_path: Path) -> Path:
    """Where the app keeps the resume file: the config folder conftest points at."""
    path = tmp_path / "config" / "stepback" / "resume-mini.toml"
    assert resume_path(minimal_bank()) == path
    assert Path(typer.get_app_dir("stepback")) == path.parent
    return path


def press(monkeypatch: pytest.MonkeyPatch, *keys: object) -> list[str]:
    """Answer prompts with ``keys`` in turn; ``CTRL_C`` raises KeyboardInterrupt there.

    Returns the prompts shown, to check which questions were asked.
    """
    replies: Iterator[object] = iter(keys)
    prompts: list[str] = []

    def fake_input(self: Console, prompt: Any = "", **kwargs: Any) -> str:
        self.print(prompt, end="")
        prompts.append(str(prompt))
        reply = next(replies)
        if reply is CTRL_C:
            raise KeyboardInterrupt
        assert isinstance(reply, str)
        self.print(reply)
        return reply

    monkeypatch.setattr(Console, "input", fake_input)
    return prompts


def saved_answers(path: Path) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["bank"] == "mini"
    assert data["bank_version"] == "0.1.0"
    answers: dict[str, Any] = data["answers"]
    return answers


def interrupted_message(count: str, where: Path, command: str) -> str:
    return f"interrupted; your {count} so far are saved in {where}\ncontinue with: {command}\n"


@pytest.mark.usefixtures("as_terminal")
def test_ctrl_c_saves_the_answers_so_far(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path
) -> None:
    """Ctrl-C at the third prompt: two answers in the resume file, where and how said, 130."""
    press(monkeypatch, "1", "agree", CTRL_C)
    result = runner.invoke(app, ["quiz", *BANK])
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr == interrupted_message(
        "2 answers", resume_file, f"stepback quiz --resume --bank {shlex.quote(str(MINIMAL_BANK))}"
    )
    assert saved_answers(resume_file) == {"current_role": "ic", "enjoy_coding": "agree"}


@pytest.mark.usefixtures("as_terminal")
def test_end_of_input_saves_the_answers_so_far(runner: CliRunner, resume_file: Path) -> None:
    """Input that runs out mid-quiz (Ctrl-D) is an interruption too."""
    result = runner.invoke(app, ["quiz", *BANK], input="2\ndisagree\n")
    assert result.exit_code == EXIT_INTERRUPTED
    assert f"your 2 answers so far are saved in {resume_file}" in result.stderr
    assert saved_answers(resume_file) == {"current_role": "lead", "enjoy_coding": "disagree"}


@pytest.mark.usefixtures("as_terminal")
def test_resume_file_is_a_valid_answers_file(runner: CliRunner, resume_file: Path) -> None:
    """The resume file reads as an answers file; completed by hand, it replays with --answers."""
    runner.invoke(app, ["quiz", *BANK], input="2\n3\n")
    data = read_answers_file(str(resume_file))
    assert (data.bank, data.bank_version) == ("mini", "0.1.0")
    resume_file.write_text(resume_file.read_text() + 'meetings_ok = "agree"\n')
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(resume_file), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"]["enjoy_coding"] == "disagree"


@pytest.mark.usefixtures("as_terminal")
def test_resume_asks_only_what_is_left_then_reports(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path
) -> None:
    """--resume shows the kept count, asks the two open questions only, reports, and removes
    the resume file.
    """
    press(monkeypatch, "1", "agree", CTRL_C)
    runner.invoke(app, ["quiz", *BANK])
    prompts = press(monkeypatch, "3", "yes", "")
    result = runner.invoke(app, ["quiz", *BANK, "--resume", "--thorough", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Resuming: 2 answers kept." in result.stderr
    assert "3/4 A week of meetings sounds fine." in result.stderr
    assert "1/4" not in result.stderr
    assert "2/4" not in result.stderr
    assert len(prompts) == 3  # two questions and the offer to save
    assert json.loads(result.stdout)["answers"] == {
        "current_role": "ic",
        "enjoy_coding": "agree",
        "meetings_ok": "disagree",
        "covered_lead": "yes",
    }
    assert not resume_file.exists()
    again = runner.invoke(app, ["quiz", *BANK, "--resume"])
    assert again.exit_code == EXIT_BAD_DATA
    assert again.stderr == f"no unfinished quiz to resume (looked for {resume_file})\n"


@pytest.mark.usefixtures("as_terminal")
def test_resume_can_be_interrupted_again(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path
) -> None:
    """A second Ctrl-C keeps the old answers and the new ones, in the same file."""
    press(monkeypatch, "1", CTRL_C)
    runner.invoke(app, ["quiz", *BANK])
    press(monkeypatch, "neutral", CTRL_C)
    result = runner.invoke(app, ["quiz", *BANK, "--resume"])
    assert result.exit_code == EXIT_INTERRUPTED
    assert saved_answers(resume_file) == {"current_role": "ic", "enjoy_coding": "neutral"}


@pytest.mark.usefixtures("as_terminal")
def test_ctrl_c_at_the_save_offer_keeps_all_answers(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path
) -> None:
    """Interrupted after the last question, --resume asks nothing and goes to the report."""
    press(monkeypatch, "2", "agree", "agree", CTRL_C)
    assert runner.invoke(app, ["quiz", *BANK]).exit_code == EXIT_INTERRUPTED
    assert len(saved_answers(resume_file)) == 3
    prompts = press(monkeypatch, "")
    result = runner.invoke(app, ["quiz", *BANK, "--resume"])
    assert result.exit_code == 0, result.output
    assert prompts == ["File name (Enter to skip, b to change an answer): "]
    assert "Your leaning:" in result.stdout


@pytest.mark.usefixtures("as_terminal")
def test_answers_dropped_by_a_role_change_are_not_saved(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path
) -> None:
    """Going back to the role and changing it drops the answers the new role is not asked."""
    resume_file.parent.mkdir(parents=True)
    resume_file.write_text(
        'bank = "mini"\nbank_version = "0.1.0"\n[answers]\n'
        'current_role = "ic"\nenjoy_coding = "agree"\ncovered_lead = "yes"\n'
    )
    prompts = press(monkeypatch, "b", "b", "lead", CTRL_C)
    result = runner.invoke(app, ["quiz", *BANK, "--resume"])
    assert result.exit_code == EXIT_INTERRUPTED
    assert "Enter keeps your answer" in prompts[-1]
    assert saved_answers(resume_file) == {"current_role": "lead", "enjoy_coding": "agree"}


@pytest.mark.usefixtures("as_terminal")
def test_interrupt_before_any_answer_keeps_an_older_resume_file(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path
) -> None:
    """Asked whether to continue, a person who starts over and stops at once is told so, and
    the earlier unfinished quiz is left alone."""
    press(monkeypatch, "1", CTRL_C)
    runner.invoke(app, ["quiz", *BANK])
    before = resume_file.read_bytes()
    prompts = press(monkeypatch, "n", CTRL_C)
    result = runner.invoke(app, ["quiz", *BANK])
    assert result.exit_code == EXIT_INTERRUPTED
    assert (
        prompts[0]
        == f"You have an unfinished quiz (1 answer, in {resume_file}). Continue it? [Y/n] "
    )
    assert result.stderr == "interrupted before the first answer; nothing to save\n"
    assert resume_file.read_bytes() == before


@pytest.mark.usefixtures("as_terminal")
def test_interrupt_with_save_writes_there_and_resumes_from_there(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path, tmp_path: Path
) -> None:
    """With --save, the answers so far go to that file; --resume --save finishes it in place."""
    target = tmp_path / "my answers.toml"
    press(monkeypatch, "2", CTRL_C)
    result = runner.invoke(app, ["quiz", *BANK, "--save", str(target)])
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr == interrupted_message(
        "1 answer",
        target,
        f"stepback quiz --resume --bank {shlex.quote(str(MINIMAL_BANK))} --save '{target}'",
    )
    assert saved_answers(target) == {"current_role": "lead"}
    assert not resume_file.exists()
    press(monkeypatch, "agree", "neutral")
    finished = runner.invoke(app, ["quiz", *BANK, "--resume", "--save", str(target)])
    assert finished.exit_code == 0, finished.output
    assert "Overwrite" not in finished.stdout
    assert saved_answers(target) == {
        "current_role": "lead",
        "enjoy_coding": "agree",
        "meetings_ok": "neutral",
    }


@pytest.mark.usefixtures("as_terminal")
def test_interrupt_never_overwrites_an_existing_save_file(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path, tmp_path: Path
) -> None:
    """Ctrl-C leaves no way to ask, so an existing --save file is kept and the resume file
    is used instead; the message says both.
    """
    target = tmp_path / "earlier.toml"
    target.write_bytes(b"# complete answers from last year\n")
    press(monkeypatch, "2", CTRL_C)
    result = runner.invoke(app, ["quiz", *BANK, "--save", str(target)])
    assert result.exit_code == EXIT_INTERRUPTED
    assert target.read_bytes() == b"# complete answers from last year\n"
    assert saved_answers(resume_file) == {"current_role": "lead"}
    assert f"saved in {resume_file} ({target} already exists, so it was left as it was)" in (
        result.stderr
    )
    assert result.stderr.endswith(
        f"continue with: stepback quiz --resume --bank {shlex.quote(str(MINIMAL_BANK))}\n"
    )


@pytest.mark.usefixtures("as_terminal")
def test_resume_with_save_falls_back_to_the_resume_file(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, resume_file: Path, tmp_path: Path
) -> None:
    """Interrupted without --save, then resumed with a new --save: continues the resume file,
    saves the finished answers to the new file, and removes the resume file.
    """
    press(monkeypatch, "2", CTRL_C)
    runner.invoke(app, ["quiz", *BANK])
    target = tmp_path / "final.toml"
    press(monkeypatch, "disagree", "disagree")
    result = runner.invoke(app, ["quiz", *BANK, "--resume", "--save", str(target)])
    assert result.exit_code == 0, result.output
    assert len(saved_answers(target)) == 3
    assert not resume_file.exists()


@pytest.mark.usefixtures("as_terminal")
def test_resume_file_of_another_bank_version_is_refused(
    runner: CliRunner, resume_file: Path
) -> None:
    """Answers to an older version of the bank are not mixed in; the file is left alone."""
    resume_file.parent.mkdir(parents=True)
    content = 'bank = "mini"\nbank_version = "0.0.9"\n[answers]\ncurrent_role = "ic"\n'
    resume_file.write_text(content)
    result = runner.invoke(app, ["quiz", *BANK, "--resume"])
    assert result.exit_code == EXIT_BAD_DATA
    assert result.stderr == (
        f"{resume_file}: this unfinished quiz was for bank 'mini' version 0.0.9, not 'mini' "
        "version 0.1.0; its answers cannot be mixed in. Delete the file to start again.\n"
    )
    assert resume_file.read_text() == content


@pytest.mark.usefixtures("as_terminal")
def test_damaged_resume_file_says_how_to_start_again(runner: CliRunner, resume_file: Path) -> None:
    """A resume file edited into nonsense gets its problem and the way out."""
    resume_file.parent.mkdir(parents=True)
    resume_file.write_text('[answers]\ncurrent_role = "cto"\n')
    result = runner.invoke(app, ["quiz", *BANK, "--resume"])
    assert result.exit_code == EXIT_BAD_DATA
    assert result.stderr.splitlines() == [
        f"{resume_file}: answers.current_role: unknown choice 'cto' "
        "(valid: ic, lead, director, or 1-3; the role cannot be skipped)",
        f"{resume_file}: this file holds the unfinished quiz; fix it, or delete it to start again",
    ]


def test_no_input_forbids_prompting(runner: CliRunner, as_terminal: None) -> None:
    """--no-input in a terminal, with or without --resume: a usage error, no question asked."""
    for extra in ([], ["--resume"]):
        result = runner.invoke(app, ["quiz", *BANK, "--no-input", *extra])
        assert result.exit_code == EXIT_USAGE
        assert "--no-input: there is nothing to answer from; pass --answers FILE" in result.stderr
        assert "1/4" not in result.output


def test_resume_and_answers_are_exclusive(runner: CliRunner, tmp_path: Path) -> None:
    """--resume continues a terminal quiz; with --answers it makes no sense."""
    result = runner.invoke(app, ["quiz", *BANK, "--resume", "--answers", str(tmp_path / "a")])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == "--resume and --answers cannot be used together\n"


def options(bank: str | None) -> QuizOptions:
    return QuizOptions(
        answers=None,
        save=None,
        force=False,
        resume=False,
        no_input=False,
        interactive_terminal=True,
        bank=bank,
    )


def test_resume_command_repeats_the_bank_argument() -> None:
    """The hint names the bank as it was given; the default bank needs no --bank."""
    core = core_bank()
    assert resume_command(core, options(None)) == "stepback quiz --resume"
    assert resume_command(core, options("core")) == "stepback quiz --resume"
    assert (
        resume_command(minimal_bank(), options("my banks/mini.toml"), Path("out.toml"))
        == "stepback quiz --resume --bank 'my banks/mini.toml' --save out.toml"
    )
    assert resume_command(minimal_bank(), options(None)) == (
        "stepback quiz --resume --bank <the same bank file>"
    )
