"""The README's command reference, generated from the real ``--help`` output.

``python -m tests.help_reference`` rewrites the section in README.md; a test fails when the
README and the CLI disagree, so the docs cannot drift.
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from stepback.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = ([], ["quiz"], ["explain"], ["compare"], ["banks"], ["lint"], ["schema"])
START, END = "<!-- help:start -->", "<!-- help:end -->"
HELP_ENV = {"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"}


def help_text(command: list[str]) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env=HELP_ENV, prog_name="stepback")
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.output.strip().splitlines())


def reference() -> str:
    blocks = []
    for command in COMMANDS:
        name = " ".join(["stepback", *command, "--help"])
        blocks.append(f"### `{name}`\n\n```text\n{help_text(command)}\n```\n")
    return "\n".join(blocks)


SECTION = re.compile(re.escape(START) + r"\n(.*?)" + re.escape(END), re.DOTALL)


def readme_reference(text: str) -> str:
    match = SECTION.search(text)
    return match.group(1) if match else ""


def write_readme() -> None:
    text = README.read_text(encoding="utf-8")
    block = f"{START}\n{reference()}{END}"
    README.write_text(SECTION.sub(lambda _: block, text, count=1), encoding="utf-8")


if __name__ == "__main__":
    write_readme()
