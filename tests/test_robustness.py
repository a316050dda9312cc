"""Nothing lost, nothing destroyed, every output safe: every way a session can end, every place
output can go, every keystroke and locale (the second robustness pass)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stepback.cli import app
from stepback.errors import EXIT_BAD_DATA, EXIT_USAGE
from stepback.files.banks import load_bank
from stepback.prompts import _match
from tests.helpers import ASSETS, MINIMAL_BANK, PERSONAS, examples

pexpect = pytest.importorskip("pexpect")

STEPBACK = Path(sys.executable).parent / "stepback"
BANK = ["--bank", str(MINIMAL_BANK)]
PERSONA = str(PERSONAS / "004_hans_baker.toml")
PROMPT = r"Answer \[1-\d+(, s skip)?, b back, \? why, q quit(, Enter keeps your answer)?\]: "
MINI_ANSWERS = '[answers]\ncurrent_role = "lead"\nenjoy_coding = "agree"\nmeetings_ok = "agree"\n'
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        **extra,
    }


def spawn(tmp_path: Path, *args: str, **extra: str) -> Any:
    return pexpect.spawn(
        str(STEPBACK),
        list(args),
        cwd=str(tmp_path),
        env=environment(tmp_path, **extra),
        encoding="utf-8",
        codec_errors="replace",
        timeout=30,
        dimensions=(40, 100),
    )


def run(tmp_path: Path, *args: str, **options: Any) -> subprocess.CompletedProcess[bytes]:
    extra = options.pop("env", {})
    return subprocess.run(
        [str(STEPBACK), *args],
        cwd=tmp_path,
        env=environment(tmp_path, **extra),
        capture_output=True,
        timeout=60,
        check=False,
        **options,
    )


def resume_answers(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "config" / "stepback" / "resume-mini.toml"
    answers: dict[str, str] = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    return answers


needs_script = pytest.mark.skipif(not STEPBACK.is_file(), reason="stepback is not installed")


# Every way a session ends keeps the answers ----------------------------------------------


@needs_script
@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGHUP, 129), (signal.SIGTERM, 143), (signal.SIGQUIT, 131)],
    ids=["SIGHUP", "SIGTERM", "SIGQUIT"],
)
def test_a_signal_saves_the_answers_like_ctrl_c(tmp_path: Path, signum: int, code: int) -> None:
    """A closed window, `kill` or Ctrl-\\: the answers so far are saved, and the exit code is
    the conventional one."""
    child = spawn(tmp_path, "quiz", *BANK)
    child.expect(PROMPT)
    child.sendline("2")
    child.expect(PROMPT)
    child.sendline("agree")
    child.expect(PROMPT)
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    assert "Traceback" not in str(child.before)
    assert resume_answers(tmp_path) == {"current_role": "lead", "enjoy_coding": "agree"}


@needs_script
def test_a_closed_terminal_still_saves_first(tmp_path: Path) -> None:
    """The terminal is gone before anything can be printed (the pty is closed, so writing
    raises EIO): the answers are written anyway, and no traceback is attempted."""
    child = spawn(tmp_path, "quiz", *BANK)
    child.expect(PROMPT)
    child.sendline("2")
    child.expect(PROMPT)
    pid = child.pid
    os.close(child.child_fd)  # hang up: the kernel sends SIGHUP, and writes now fail
    for _ in range(100):
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            break
        time.sleep(0.05)
    assert finished, "stepback did not end when its terminal closed"
    # The closed terminal is seen as the end of input and as SIGHUP at once; whichever the
    # kernel delivers first names the exit (129 or 130), and the answers are saved either way.
    assert os.waitstatus_to_exitcode(status) in (129, 130)
    assert resume_answers(tmp_path) == {"current_role": "lead"}


@settings(max_examples=examples(2000), deadline=None)
@given(reply=st.text())
def test_any_keystroke_is_survivable(reply: str) -> None:
    """Whatever is typed at a question (digits of other scripts, `²`, controls, anything), the
    matcher names a valid choice or nothing; it never raises."""
    for question in load_bank("core").questions[:3]:
        key = _match(question, reply)
        assert key is None or key in {c.key for c in question.choices}


@pytest.mark.usefixtures("as_terminal")
def test_a_superscript_two_is_not_a_number(runner: CliRunner) -> None:
    """`²` (a key of its own on several European keyboards) is asked again, not a crash."""
    result = runner.invoke(app, ["quiz", *BANK, "--format", "json"], input="²\n2\n1\n1\n\n")
    assert result.exit_code == 0, result.output
    assert "Please answer with a number from 1 to 3" in result.stderr


@needs_script
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_reports_survive_a_terminal_that_is_not_utf8(tmp_path: Path, encoding: str) -> None:
    """A Latin-1 or ASCII locale: every report prints, its glyphs degraded to ASCII."""
    for fmt in ("rich", "markdown", "json"):
        result = run(
            tmp_path,
            "quiz",
            "--answers",
            PERSONA,
            "--format",
            fmt,
            "--full",
            env={"PYTHONIOENCODING": encoding, "LC_ALL": "C"},
        )
        assert result.returncode == 0, result.stderr.decode(encoding, "replace")
        result.stdout.decode(encoding)  # every byte is of that encoding
    assert b"Your leaning" in result.stdout or b"leaning" in result.stdout


@needs_script
def test_an_interactive_quiz_finishes_in_an_ascii_locale(tmp_path: Path) -> None:
    """The end of an interactive quiz in an ASCII terminal: the report and the save."""
    child = spawn(tmp_path, "quiz", *BANK, PYTHONIOENCODING="ascii", LC_ALL="C")
    for reply in ("2", "agree", "agree"):
        child.expect(PROMPT)
        child.sendline(reply)
    child.expect("File name")
    child.sendline("mine")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert (tmp_path / "mine.toml").exists()


@pytest.mark.usefixtures("as_terminal")
def test_two_quizzes_at_once_keep_both(runner: CliRunner, tmp_path: Path) -> None:
    """A second quiz of the same bank, interrupted, never replaces the first one's file."""
    first = runner.invoke(app, ["quiz", *BANK], input="2\nagree\n")
    second = runner.invoke(app, ["quiz", *BANK], input="n\n1\n")
    assert first.exit_code == second.exit_code == 130
    folder = tmp_path / "config" / "stepback"
    assert sorted(p.name for p in folder.iterdir()) == ["resume-mini-2.toml", "resume-mini.toml"]
    assert resume_answers(tmp_path) == {"current_role": "lead", "enjoy_coding": "agree"}


# Nothing destroyed -----------------------------------------------------------------------


def test_an_export_never_replaces_an_input_of_the_run(runner: CliRunner, tmp_path: Path) -> None:
    """The answers file (by name or through a hard link) is never an export's target, even
    with --force: compared by device and inode."""
    answers = tmp_path / "answers.md"
    answers.write_text(MINI_ANSWERS, encoding="utf-8")
    link = tmp_path / "same.md"
    os.link(answers, link)
    for target in (answers, link):
        result = runner.invoke(
            app, ["quiz", *BANK, "--answers", str(answers), "--export", str(target), "--force"]
        )
        assert result.exit_code == EXIT_USAGE
        assert "which this run reads; it is never overwritten" in result.stderr
    saved = runner.invoke(
        app, ["quiz", *BANK, "--answers", str(answers), "--save", str(link), "--force"]
    )
    assert saved.exit_code == EXIT_USAGE
    assert answers.read_text(encoding="utf-8") == MINI_ANSWERS


def test_force_replaces_only_regular_files(runner: CliRunner, tmp_path: Path) -> None:
    """--force never replaces a device, a FIFO or a socket (as root, /dev/null would go)."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    answers = tmp_path / "a.toml"
    answers.write_text(MINI_ANSWERS, encoding="utf-8")
    for target in (Path("/dev/null"), fifo):
        result = runner.invoke(
            app, ["quiz", *BANK, "--answers", str(answers), "--save", str(target), "--force"]
        )
        assert result.exit_code == EXIT_USAGE
        assert result.stderr == (
            f"--save {target} is not a regular file (a device, pipe or socket); "
            "it is never replaced\n"
        )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_modes_kept_or_chosen_with_care(runner: CliRunner, tmp_path: Path) -> None:
    """A replaced file keeps its mode; a new export follows the umask; answers are 0600."""
    answers = tmp_path / "a.toml"
    answers.write_text(MINI_ANSWERS, encoding="utf-8")
    kept = tmp_path / "kept.toml"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    command = ["quiz", *BANK, "--answers", str(answers)]
    assert runner.invoke(app, [*command, "--save", str(kept), "--force"]).exit_code == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.toml"
    assert runner.invoke(app, [*command, "--save", str(fresh)]).exit_code == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    report = tmp_path / "report.html"
    old_mask = os.umask(0o022)
    try:
        assert runner.invoke(app, [*command, "--export", str(report)]).exit_code == 0
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(report.stat().st_mode) == 0o644


@pytest.mark.skipif(IS_ROOT, reason="root may write anywhere")
def test_a_folder_without_permission_is_said_in_plain_words(
    runner: CliRunner, tmp_path: Path
) -> None:
    """No write permission: one plain line, before any work."""
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    answers = tmp_path / "a.toml"
    answers.write_text(MINI_ANSWERS, encoding="utf-8")
    target = locked / "out.toml"
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers), "--save", str(target)])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"--save {target}: no permission to write in {locked}\n"


def test_a_name_too_long_is_said_in_plain_words(runner: CliRunner, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(MINI_ANSWERS, encoding="utf-8")
    target = tmp_path / ("x" * 300 + ".toml")
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers), "--save", str(target)])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"--save {target}: the file name is too long\n"


# Every output is safe --------------------------------------------------------------------


@needs_script
def test_closed_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """`stepback banks >&-`: one line on stderr, exit 2, no traceback."""
    result = run(tmp_path, "banks", preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert result.stderr == b"stepback: standard output is closed; nothing can be shown\n"


@needs_script
def test_closed_stdin_is_a_usage_error(tmp_path: Path) -> None:
    """`stepback quiz <&-`: nothing to answer from, said in one line; `--answers -` too."""
    quiz = run(tmp_path, "quiz", preexec_fn=lambda: os.close(0))
    assert quiz.returncode == 2
    assert quiz.stderr.startswith(b"standard input is not a terminal")
    from_stdin = run(tmp_path, "quiz", "--answers", "-", preexec_fn=lambda: os.close(0))
    assert from_stdin.returncode == EXIT_BAD_DATA
    assert from_stdin.stderr == b"<stdin>: standard input is closed\n"


def test_exports_clean_the_bank_s_text(runner: CliRunner, tmp_path: Path) -> None:
    """A hostile bank title (escape sequences, an OSC 8 link, markup) reaches neither the SVG
    nor the HTML raw, and both are well-formed."""
    bank = ASSETS / "banks" / "hostile.toml"
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[answers]\ncurrent_role = "ic"\nenjoy_coding = "agree"\nmeetings_ok = "agree"\n',
        encoding="utf-8",
    )
    for suffix in (".svg", ".html"):
        target = tmp_path / f"report{suffix}"
        result = runner.invoke(
            app,
            ["quiz", "--bank", str(bank), "--answers", str(answers), "--export", str(target)],
        )
        assert result.exit_code == 0, result.output
        text = target.read_text(encoding="utf-8")
        assert "\x1b" not in text
        assert "\x07" not in text
        if suffix == ".svg":
            ET.fromstring(text)


def test_bidirectional_controls_never_reach_the_terminal(runner: CliRunner, tmp_path: Path) -> None:
    """U+202E and friends can make a terminal show text that is not in the file."""
    bank_text = MINIMAL_BANK.read_text(encoding="utf-8").replace(
        'title = "Minimal bank"', 'title = "Minimal \u202ekcab\u202c bank \u2066x\u2069"'
    )
    bank = tmp_path / "bidi.toml"
    bank.write_text(bank_text, encoding="utf-8")
    answers = tmp_path / "a.toml"
    answers.write_text(MINI_ANSWERS, encoding="utf-8")
    result = runner.invoke(app, ["quiz", "--bank", str(bank), "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in result.output)
    assert "Minimal kcab bank x" in result.output


def test_a_look_alike_key_is_shown_escaped(runner: CliRunner, tmp_path: Path) -> None:
    """A key with a Cyrillic e in it: the message shows the escape, so the reason shows."""
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[answers]\ncurrent_role = "lead"\nenjoy_coding = "agree"\n"m\u0435etings_ok" = "agree"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers)])
    assert result.exit_code == EXIT_BAD_DATA
    assert 'answers."m\\u0435etings_ok": unknown question' in result.stderr


@needs_script
@pytest.mark.parametrize("columns", ["0", "-5", "abc"])
def test_a_nonsense_width_falls_back_to_80(tmp_path: Path, columns: str) -> None:
    """COLUMNS=0 (or nonsense) still prints the whole report, 80 wide."""
    result = run(tmp_path, "quiz", "--answers", PERSONA, env={"COLUMNS": columns})
    assert result.returncode == 0, result.stderr
    assert b"Your leaning" in result.stdout
    assert max(len(line) for line in result.stdout.decode().splitlines()) <= 80


@needs_script
def test_the_report_alone_goes_to_a_redirected_stdout(tmp_path: Path) -> None:
    """`stepback quiz > report.txt` in a terminal: the questions on the terminal (stderr),
    only the report in the file."""
    report = tmp_path / "report.txt"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"{STEPBACK} quiz --bank {MINIMAL_BANK} > {report}"],
        cwd=str(tmp_path),
        env=environment(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    for reply in ("2", "agree", "agree"):
        child.expect(PROMPT)
        child.sendline(reply)
    child.expect("File name")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = report.read_text(encoding="utf-8")
    assert "Your leaning" in text
    assert "Answer [" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_answers_for_another_bank_version_are_scored_with_a_note(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('bank_version = "0.0.1"\n' + MINI_ANSWERS, encoding="utf-8")
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{answers}: these answers were saved for version 0.0.1 of the bank; "
        "scoring them with version 0.1.0\n"
    )


def test_save_to_standard_output_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(MINI_ANSWERS, encoding="utf-8")
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(answers), "--save", "-"])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == "--save -: give a file name (to print the report, use --format)\n"


@pytest.mark.usefixtures("as_terminal")
def test_an_empty_xdg_config_home_counts_as_unset(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XDG_CONFIG_HOME="" is unset (as the specification says), not the current folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    result = runner.invoke(app, ["quiz", *BANK], input="2\nagree\n")
    assert result.exit_code == 130
    assert (tmp_path / "home" / ".config" / "stepback" / "resume-mini.toml").exists()
    assert not (tmp_path / "stepback").exists()
