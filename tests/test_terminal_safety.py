"""Terminal safety: text from a bank or an answers file is shown literally, never obeyed.

``tests/assets/banks/hostile.toml`` fills every text with Rich markup and ANSI, OSC, DCS and
8-bit escape sequences. Whatever the command, nothing of them may reach the terminal but the
literal, harmless characters: markup stays as typed, control sequences are removed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stepback.cli import app
from stepback.errors import EXIT_BAD_DATA
from stepback.files.banks import load_bank
from stepback.render.terminal_text import without_escapes
from stepback.render.widgets import data_text
from tests.helpers import ASSETS, examples

HOSTILE = ASSETS / "banks" / "hostile.toml"
BANK = ["--bank", str(HOSTILE)]
# Every C0 control but newline and tab, DEL, and every C1 control (8-bit CSI, OSC, ST...).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ANSWERS = '[answers]\ncurrent_role = "ic"\nenjoy_coding = "agree"\nmeetings_ok = 3\n'


def assert_inert(output: str) -> None:
    """No control character of any kind, so no escape sequence, in what the user sees."""
    leaks = sorted({hex(ord(c)) for c in CONTROL.findall(output)})
    assert not leaks, f"control characters reached the terminal: {leaks}"


@pytest.fixture
def hostile_answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(ANSWERS)
    return path


def test_hostile_bank_is_a_valid_bank() -> None:
    """The bank is refused for nothing but what it says, so every text of it gets shown."""
    bank = load_bank(str(HOSTILE))
    texts = [bank.title, bank.description, *(q.text for q in bank.questions)]
    assert all("\x1b" in t or "[" in t for t in texts)


@pytest.mark.usefixtures("as_terminal")
def test_interactive_quiz_shows_bank_text_literally(runner: CliRunner) -> None:
    """Welcome, questions, help, choices, the why passage and the retry hint: all inert, with
    the markup shown as typed.
    """
    keystrokes = "b\n?\nnonsense\n1\n1\n3\n\n"
    result = runner.invoke(app, ["quiz", *BANK, "--format", "json"], input=keystrokes)
    assert result.exit_code == 0, result.output
    conversation = result.stderr
    assert_inert(conversation)
    for literal in (
        "[bold red]Hostile[/] bank",
        "[link=https://evil.example]click me[/link] red osc link",
        "[bold]What is your role now?",
        "[dim]help[/dim]",
        "1. [green]IC",
        "“[link=https://evil.example]why[/link]”",
        "[blink]Essay[/blink] C1",
        "I enjoy [u]coding[/u].",
        "Agree [reverse]",
    ):
        assert literal in conversation
    assert "pwned" not in conversation
    assert "evil.example\x07" not in conversation


@pytest.mark.usefixtures("as_terminal")
def test_resume_notice_and_interruption_message_are_inert(runner: CliRunner) -> None:
    """The messages around an interruption mention the bank, yet stay inert."""
    first = runner.invoke(app, ["quiz", *BANK], input="1\n")
    assert "interrupted; your 1 answer so far are saved" in first.stderr
    assert_inert(first.output)
    notice = runner.invoke(app, ["quiz", *BANK], input="")
    assert "You have an unfinished quiz" in notice.stdout
    assert_inert(notice.output)
    # JSON keeps the report out of the conversation checked here (the report has its own test).
    resumed = runner.invoke(app, ["quiz", *BANK, "--resume", "-f", "json"], input="agree\n1\n\n")
    assert resumed.exit_code == 0, resumed.output
    assert "Resuming: 1 answer kept." in resumed.stderr
    assert_inert(resumed.output)


def test_report_shows_bank_text_literally(runner: CliRunner, hostile_answers: Path) -> None:
    """The Rich report of a scripted quiz: every part inert, markup shown as typed."""
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(hostile_answers)])
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "[bold red]Hostile[/] bank" in result.stdout
    assert "[link=file:///etc/passwd]Keep coding.[/link]" in result.stdout
    assert "“[bold]The ladder is a trap.[/bold] link”" in result.stdout
    assert "  IC[/]  " in result.stdout
    full = runner.invoke(app, ["quiz", *BANK, "--answers", str(hostile_answers), "--full"])
    assert full.exit_code == 0, full.output
    assert_inert(full.output)
    assert "[bold red]Hostile[/] bank" in full.stdout


def test_explain_shows_bank_text_literally(runner: CliRunner, hostile_answers: Path) -> None:
    """stepback explain, with answers: inert, markup as typed."""
    result = runner.invoke(app, ["explain", *BANK, "--answers", str(hostile_answers)])
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "[bold red]Hostile[/] bank · version 6.6.6" in result.stdout
    assert "Enjoys [b]coding" in result.stdout


def test_json_keeps_the_data_but_escapes_every_control_character(
    runner: CliRunner, hostile_answers: Path
) -> None:
    """JSON is data for programs: the texts survive intact, but as \\u escapes, never raw."""
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(hostile_answers), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    document = json.loads(result.stdout)
    assert document["bank"]["version"] == "6.6.6\x1b[2J"


def test_answers_file_full_of_markup_and_escapes(runner: CliRunner, tmp_path: Path) -> None:
    """Unknown ids and choices from a hostile answers file are quoted inertly in the errors."""
    path = tmp_path / "hostile-answers.toml"
    path.write_text(
        "[answers]\n"
        'current_role = "[link=x]ic[/link]\\u001b]0;pwned\\u0007"\n'
        '"[bold]enjoy\\u001b[31m_coding" = "agree"\n'
        'meetings_ok = "\\u009b2J[reverse]"\n'
    )
    before = path.read_bytes()
    for command in ("quiz", "explain"):
        result = runner.invoke(app, [command, *BANK, "--answers", str(path)])
        assert result.exit_code == EXIT_BAD_DATA
        assert "Traceback" not in result.output
        assert_inert(result.stderr)
        lines = result.stderr.splitlines()
        assert lines[0] == (
            f"{path}: answers.current_role: unknown choice "
            "'[link=x]ic[/link]\\x1b]0;pwned\\x07' "
            "(valid: ic, lead, director, or 1-3; the role cannot be skipped)"
        )
        assert lines[1] == (
            f'{path}: answers."[bold]enjoy\\u001b[31m_coding": unknown question'
            " (did you mean 'enjoy_coding'?)"
        )
        assert lines[2] == (
            f"{path}: answers.meetings_ok: unknown choice '\\x9b2J[reverse]' "
            "(valid: agree, neutral, disagree, skip, or 1-3)"
        )
    assert path.read_bytes() == before


def test_hostile_file_name_in_messages_is_inert(runner: CliRunner, tmp_path: Path) -> None:
    """Even a file name with an escape in it cannot reach the terminal raw."""
    path = tmp_path / "evil\x1b]0;pwned\x07.toml"
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(path)])
    assert result.exit_code == EXIT_BAD_DATA
    assert_inert(result.stderr)
    assert result.stderr.endswith("evil.toml: no such file\n")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[38;2;255;0;0mtrue colour\x1b[m", "true colour"),
        ("\x1b]0;title\x07after", "after"),
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x1b]52;c;cHduZWQ=\x07clipboard", "clipboard"),
        ("\x1bP1$qm\x1b\\dcs", "dcs"),
        ("\x1b_apc\x1b\\x", "x"),
        ("\x9b31mC1\x9b0m", "C1"),
        ("\x9d0;title\x9cend", "end"),
        ("over\rwrite\x08\x08\x07", "overwrite"),
        ("\x1b[?1049halt screen", "alt screen"),
        ("\x1b]0;unterminated", ""),
        ("\x1b", ""),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("[bold]markup[/bold] [link=x]y[/link]", "[bold]markup[/bold] [link=x]y[/link]"),
        ("plain “quotes” — dashes · émigré", "plain “quotes” — dashes · émigré"),
    ],
)
def test_clean_removes_sequences_and_keeps_text(raw: str, shown: str) -> None:
    """Sequences go whole (not just their ESC, which would leave '[31m' litter)."""
    assert without_escapes(raw) == shown


def test_data_text_never_parses_markup() -> None:
    """Rich markup in file text renders as its own characters, with no style or link."""
    text = data_text("[bold][link=https://evil.example]x[/link][/bold]")
    assert text.plain == "[bold][link=https://evil.example]x[/link][/bold]"
    assert text.spans == []


@settings(max_examples=examples(1000), deadline=None)
@given(st.text())
def test_clean_output_is_always_inert(text: str) -> None:
    """For any text at all: nothing controlling is left, and cleaning twice changes nothing."""
    cleaned = without_escapes(text)
    assert_inert(cleaned)
    assert without_escapes(cleaned) == cleaned


@settings(max_examples=examples(300), deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cc", "Cs"])))
def test_clean_leaves_text_without_controls_alone(text: str) -> None:
    """Ordinary text, markup and all, passes through unchanged."""
    assert without_escapes(text) == text
