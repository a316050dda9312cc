"""The parts of README.md and validation/README.md that are generated from the code.

Each is written between cog markers in those files; ``cog -r -I . README.md
validation/README.md`` refreshes them and ``cog --check -I . ...`` (run by the tests) fails
when a file and the code disagree, so the documentation cannot drift.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from stepback.cli import app
from stepback.render.wording import validation_figures
from tests.helpers import ACCOUNTS, PERSONAS, ROOT

COMMANDS: tuple[list[str], ...] = (
    [],
    ["quiz"],
    ["explain"],
    ["compare"],
    ["validate"],
    ["banks"],
    ["lint"],
    ["schema"],
)
HELP_ENV = {"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"}
HEADER = re.compile(r"^# (title|author|date|source|decision|statement|added): (.*)$", re.MULTILINE)


def _run(arguments: list[str]) -> str:
    result = CliRunner().invoke(app, arguments, env=HELP_ENV, prog_name="stepback")
    assert result.exit_code == 0, result.output
    return result.stdout


def help_text(command: list[str]) -> str:
    output = _run([*command, "--help"])
    return "\n".join(line.rstrip() for line in output.strip().splitlines())


def help_reference() -> str:
    blocks = []
    for command in COMMANDS:
        name = " ".join(["stepback", *command, "--help"])
        blocks.append(f"### `{name}`\n\n```text\n{help_text(command)}\n```\n")
    return "\n".join(blocks)


def json_example() -> str:
    """`quiz --format json` for the Hans Baker persona, with long lists cut to one item."""
    persona = PERSONAS / "004_hans_baker.toml"
    document: dict[str, Any] = json.loads(
        _run(["quiz", "--answers", str(persona), "--format", "json"])
    )
    for key in ("drivers", "quotes", "next_steps", "skipped", "unknown_factors"):
        document[key] = document[key][:1]
    document["factors"] = dict(list(document["factors"].items())[:2])
    document["answers"] = dict(list(document["answers"].items())[:2])
    return f"```json\n{json.dumps(document, indent=2, ensure_ascii=False)}\n```\n"


def scoring_steps() -> str:
    from stepback.core.explanation import SCORING_STEPS

    return "".join(f"{n}. {step}\n" for n, step in enumerate(SCORING_STEPS, 1))


def _misses_sentence(misses: int, wrong: int, strong: int) -> str:
    if not wrong:
        return f"None of the {misses} misses leans to an outcome the person did not choose."
    leans = "leans" if wrong == 1 else "lean"
    how = "not strongly" if not strong else f"{strong} of them strongly"
    return (
        f"Of the {misses} misses, {wrong} {leans} to an outcome the person did not choose "
        f"({how}); the others give no clear leaning."
    )


CALIBRATION_ONLY = "after the split (calibration only)"


def batch(path: Path) -> int:
    """1 for the accounts of the first split, 2 for those added to calibration only, and N
    for those of a later batch (`# added: batch N`)."""
    added = account_headers(path).get("added")
    if added is None:
        return 1
    if added == CALIBRATION_ONLY:
        return 2
    match = re.fullmatch(r"batch ([3-9]|[1-9][0-9]+)", added)
    assert match, f"{path.name}: unknown `added` line {added!r}"
    return int(match.group(1))


def held_out_by_batch() -> str:
    """How many held-out accounts of each batch the quiz matched: whether the figure moved
    because of the bank or because of the accounts added."""
    document = json.loads(_run(["validate", str(ACCOUNTS / "held-out"), "--format", "json"]))
    tally: dict[int, list[bool]] = {}
    for case in document["cases"]:
        tally.setdefault(batch(ACCOUNTS / "held-out" / case["file"]), []).append(case["hit"])
    parts = [
        f"{'the first split' if number == 1 else f'batch {number}'}: "
        f"{sum(hits)} of {len(hits)} ({sum(hits) / len(hits):.0%})"
        for number, hits in sorted(tally.items())
    ]
    return "By batch, the held-out accounts matched: " + "; ".join(parts) + ".\n"


def validation_summary(part: str) -> str:
    """The figures and confusion matrix of ``stepback validate`` on one part of the corpus."""
    document = json.loads(_run(["validate", str(ACCOUNTS / part), "--format", "json"]))
    labels = {"ic": "IC", "manager": "Manager", "tour": "Tour of duty", "none": "No clear leaning"}
    hits = sum(case["hit"] for case in document["cases"])
    misses = [case for case in document["cases"] if not case["hit"]]
    wrong = [case for case in misses if case["leaning"] != "none"]
    lines = [
        f"Accuracy {document['accuracy']:.0%} ({hits} of {document['accounts']} accounts); "
        "recall " + ", ".join(f"{labels[o]} {r:.0%}" for o, r in document["recall"].items()) + ".",
        validation_figures(document)[1],
        _misses_sentence(len(misses), len(wrong), sum(c["strength"] == "strong" for c in wrong)),
        "",
        "| chose ↓ / leaning → | " + " | ".join(labels.values()) + " |",
        "| --- | " + " | ".join("---:" for _ in labels) + " |",
    ]
    for outcome, row in document["confusion"].items():
        lines.append(f"| {labels[outcome]} | " + " | ".join(str(row[c]) for c in labels) + " |")
    return "\n".join(lines) + "\n"


def corpus_counts() -> str:
    """The paragraph that says how many accounts the corpus holds, by outcome and by part."""
    paths = sorted(ACCOUNTS.rglob("*.toml"))
    chose = [tomllib.loads(p.read_text(encoding="utf-8"))["expected"] for p in paths]
    held_out = sum(p.parent.name == "held-out" for p in paths)
    return (
        "A leaning is only worth something if it matches what real people chose.\n"
        f"`validation/accounts/` holds {len(paths)} public, first-person accounts by software\n"
        "engineers and engineering leaders who made this choice "
        f"({chose.count('ic')} went back to or stayed\nin IC work, {chose.count('manager')} took "
        f"management as a lasting path, {chose.count('tour')} took it as a planned\n"
        f"stint or swing back and forth; {held_out} are held out, {len(paths) - held_out} are "
        "for calibration), each\nencoded as an answers file from what its author wrote: every "
        "answer cites a short verbatim\nphrase, and what the text does not say is skipped. "
        "`validation/README.md` lists them with\ntheir addresses and explains the method.\n"
    )


def account_headers(path: Path) -> dict[str, str]:
    return dict(HEADER.findall(path.read_text(encoding="utf-8")))


def accounts_table() -> str:
    rows = ["| file | chose | author | date | source |", "| --- | --- | --- | --- | --- |"]
    for path in sorted(ACCOUNTS.rglob("*.toml")):
        header = account_headers(path)
        expected = tomllib.loads(path.read_text(encoding="utf-8"))["expected"]
        cells = [
            f"`{path.relative_to(ACCOUNTS).as_posix()}`",
            expected,
            header["author"],
            header["date"],
            header["source"],
        ]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def readme_files() -> list[Path]:
    return [ROOT / "README.md", ROOT / "validation" / "README.md"]
