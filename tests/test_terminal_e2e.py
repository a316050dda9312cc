"""End to end in a real pseudo-terminal: the installed ``stepback`` script, real keystrokes,
a real Ctrl-C (SIGINT from the terminal driver), then ``--resume`` to the report.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from stepback.files.banks import load_bank
from tests.helpers import MINIMAL_BANK

pexpect = pytest.importorskip("pexpect")

STEPBACK = Path(sys.executable).parent / "stepback"
pytestmark = [
    pytest.mark.skipif(
        not STEPBACK.is_file(), reason=f"the stepback script is not installed at {STEPBACK}"
    ),
    pytest.mark.skipif(not hasattr(pexpect, "spawn"), reason="pexpect.spawn needs a POSIX pty"),
]
TIMEOUT = 30
PROMPT = r"Answer \[1-\d+(, s skip)?, b back, \? why, q quit(, Enter keeps your answer)?\]: "
SAVE_OFFER = r"File name \(Enter to skip, b to change an answer\): "


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    return tmp_path / "config"


def spawn(config_home: Path, cwd: Path, *args: str) -> Any:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(cwd),
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "XDG_CONFIG_HOME": str(config_home),
    }
    return pexpect.spawn(
        str(STEPBACK),
        list(args),
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )


def answer(child: Any, number: str, reply: str) -> None:
    """Wait for question ``number`` (a regex, e.g. "2/4") and its prompt; type ``reply``."""
    child.expect(number + " ")
    child.expect(PROMPT)
    child.sendline(reply)


def finish(child: Any) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def interrupt(child: Any) -> str:
    """Press Ctrl-C at the prompt on screen; return everything printed after it."""
    child.sendintr()
    output = finish(child)
    assert child.exitstatus == 130, output
    return output


def saved(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_minimal_bank_interrupt_and_resume(tmp_path: Path, config_home: Path) -> None:
    """Answer three, go back once, Ctrl-C at the fourth; --resume asks only that one."""
    resume_file = config_home / "stepback" / "resume-mini.toml"
    child = spawn(config_home, tmp_path, "quiz", "--thorough", "--bank", str(MINIMAL_BANK))
    child.expect("Up to 4 questions, about 1 minute.")
    answer(child, "1/4", "1")
    answer(child, "2/4", "agree")
    answer(child, "3/4", "b")
    child.expect(r"2/4 I enjoy coding\.")
    child.expect(r"1\. Agree  \(your answer\)")
    child.expect(PROMPT)
    child.sendline("")  # Enter keeps the answer
    answer(child, "3/4", "3")
    child.expect("4/4 ")
    child.expect(PROMPT)
    output = interrupt(child)
    said = " ".join(output.split())
    assert f"interrupted; your 3 answers so far are saved in {resume_file}" in said
    assert "continue with: stepback quiz --resume --bank" in said
    assert "Traceback" not in output
    assert saved(resume_file) == {
        "bank": "mini",
        "bank_version": "0.1.0",
        "answers": {"current_role": "ic", "enjoy_coding": "agree", "meetings_ok": "disagree"},
    }

    final = tmp_path / "final.toml"
    child = spawn(
        config_home,
        tmp_path,
        "quiz",
        "--resume",
        "--thorough",
        "--bank",
        str(MINIMAL_BANK),
        "--save",
        str(final),
    )
    child.expect(r"Resuming: 3 answers kept\.")
    answer(child, "4/4", "yes")
    output = finish(child)
    assert child.exitstatus == 0, output
    assert "1/4" not in output
    assert "Your leaning: Individual contributor" in output
    assert f"Answers saved to {final} (readable by you only)." in " ".join(output.split())
    assert saved(final)["answers"] == {
        "current_role": "ic",
        "enjoy_coding": "agree",
        "meetings_ok": "disagree",
        "covered_lead": "yes",
    }
    assert not resume_file.exists()


def test_default_bank_interrupt_and_resume(tmp_path: Path, config_home: Path) -> None:
    """The bundled bank: a few answers, one step back, Ctrl-C; resume to the end and save."""
    resume_file = config_home / "stepback" / "resume-core.toml"
    child = spawn(config_home, tmp_path, "quiz")
    answer(child, r"1/\d+", "2")  # a lead: the count after the role depends on it
    for _ in range(3):
        child.expect(PROMPT)
        child.sendline("2")
    child.expect(PROMPT)
    child.sendline("b")
    child.expect(r"\(your answer\)")
    child.expect(PROMPT)
    child.sendline("4")  # change the fourth answer, from 2 to 4
    child.expect(PROMPT)
    output = interrupt(child)
    assert f"saved in {resume_file}" in " ".join(output.split())
    assert "continue with: stepback quiz --resume\r\n" in output
    kept = saved(resume_file)
    assert kept["bank"] == "core"
    assert len(kept["answers"]) == 4
    assert kept["answers"]["current_role"] == "lead"
    fourth = load_bank("core").asked("lead")[3]
    assert kept["answers"][fourth.id] == fourth.choices[3].key  # the changed answer

    child = spawn(config_home, tmp_path, "quiz", "--resume")
    child.expect(r"Resuming: 4 answers kept\.")
    asked = 0
    while child.expect([PROMPT, SAVE_OFFER]) == 0:
        asked += 1
        child.sendline("1")
    report = str(child.before)  # the report comes before the offer to save
    child.sendline("mine.toml")
    output = finish(child)
    assert child.exitstatus == 0, output
    assert "Your leaning:" in report
    assert "add --full" in report
    assert "stepback quiz --answers mine.toml --full" in " ".join(output.split())
    mine = saved(tmp_path / "mine.toml")
    assert mine["bank"] == "core"
    assert len(mine["answers"]) == 4 + asked
    assert {k: mine["answers"][k] for k in kept["answers"]} == kept["answers"]
    assert not resume_file.exists()
