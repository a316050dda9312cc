"""Bad answers files: one case per way a file can be wrong, each with its exact message.

Every case goes through ``quiz --answers`` and ``explain --answers``: exit code 1, the message
on stderr naming the file, nothing on stdout, no traceback, and the file's bytes unchanged.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stepback.cli import app
from stepback.errors import EXIT_BAD_DATA, DataError
from stepback.files.answers import load_answers
from stepback.files.banks import load_bank
from tests.helpers import ASSETS, MINIMAL_BANK

INVALID = ASSETS / "invalid_answers"
BANK = ["--bank", str(MINIMAL_BANK)]
TOP_LEVEL = (
    "unknown key (the top level holds only bank, bank_version, settled_after, expected and "
    "[answers]; answers go under [answers])"
)
NOT_A_CHOICE = "must be a choice key (a string) or a choice number, not"
SKIP_HINT = ' (answer "skip" to any you cannot answer)'
VALID_ANSWERS = b"""[answers]
current_role = "lead"
enjoy_coding = "agree"
meetings_ok = 3
"""

# Asset name -> the problems its message lists, one line each, after "<path>: ".
CASES: dict[str, list[str]] = {
    "not_toml": [
        "not valid TOML: Expected ']' at the end of a table declaration (at line 2, column 9)"
    ],
    "wrong_shape": ["answers: must be a table ([answers]), not an array"],
    "no_answers_table": [
        "no [answers] table: put `question_id = choice` lines under an [answers] header",
        f"current_role: {TOP_LEVEL}",
        f"enjoy_coding: {TOP_LEVEL}",
    ],
    "wrong_value_types": [
        f"answers.current_role: {NOT_A_CHOICE} a boolean (true)",
        f"answers.enjoy_coding: {NOT_A_CHOICE} a decimal number (1.0)",
        f"answers.meetings_ok: {NOT_A_CHOICE} an array",
        "answers.covered_lead: choice numbers start at 1, not 0",
    ],
    "unknown_question": [
        "answers.enjoy_codin: unknown question (did you mean 'enjoy_coding'?)",
        "missing answers for 1 question(s): enjoy_coding" + SKIP_HINT,
    ],
    "unknown_choice": [
        "answers.enjoy_coding: unknown choice 'yes' "
        "(valid: agree, neutral, disagree, skip, or 1-3)",
        "answers.meetings_ok: unknown choice 4 (valid: agree, neutral, disagree, skip, or 1-3)",
    ],
    "missing_answers": [
        "missing answers for 3 question(s): enjoy_coding, meetings_ok, covered_lead" + SKIP_HINT
    ],
    "skipped_by_role": [
        "answers.covered_lead: this question is not asked of role 'lead' (it is for: ic)"
    ],
    "other_bank": ["these answers are for bank 'core', not 'mini'"],
    "only_comments": ["the answers file is empty (nothing but comments)"],
}


def expected_stderr(path: Path | str, problems: list[str]) -> str:
    return "".join(f"{path}: {problem}\n" for problem in problems)


def assert_refused(runner: CliRunner, path: Path | str, problems: list[str]) -> None:
    """Both commands that read answers refuse ``path`` with exactly ``problems``, harmlessly."""
    target = Path(path)
    before = target.read_bytes() if target.is_file() and os.access(target, os.R_OK) else None
    for command in (["quiz", *BANK], ["explain", *BANK]):
        result = runner.invoke(app, [*command, "--answers", str(path)])
        assert result.exit_code == EXIT_BAD_DATA, result.output
        assert result.stderr == expected_stderr(path, problems)
        assert result.stdout == ""
        assert isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
    if before is not None:
        assert target.read_bytes() == before


def test_every_invalid_asset_has_a_case() -> None:
    """A new asset without an expected message would go untested."""
    assert {path.stem for path in INVALID.glob("*.toml")} == set(CASES)


def test_every_invalid_asset_says_what_is_wrong() -> None:
    """Each asset opens with a comment naming its one problem, like the invalid banks."""
    for path in INVALID.glob("*.toml"):
        assert path.read_text(encoding="utf-8").startswith("# Invalid: "), path.name


@pytest.mark.parametrize(("name", "problems"), sorted(CASES.items()))
def test_invalid_answers_file_is_refused(runner: CliRunner, name: str, problems: list[str]) -> None:
    """Each asset gets its message, every problem listed at once, and exit code 1."""
    assert_refused(runner, INVALID / f"{name}.toml", problems)


@pytest.mark.parametrize(("name", "problems"), sorted(CASES.items()))
def test_loader_raises_only_data_error(name: str, problems: list[str]) -> None:
    """Without the CLI, the loader raises the same message as a DataError."""
    path = INVALID / f"{name}.toml"
    with pytest.raises(DataError) as caught:
        load_answers(str(path), load_bank(str(MINIMAL_BANK)))
    assert caught.value.message + "\n" == expected_stderr(path, problems)


def test_missing_answers_are_all_listed_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    """With the role and nothing else, one run names every question still to answer."""
    path = tmp_path / "role_only.toml"
    path.write_text('[answers]\ncurrent_role = "lead"\n')
    assert_refused(
        runner, path, ["missing answers for 2 question(s): enjoy_coding, meetings_ok" + SKIP_HINT]
    )


def test_empty_file(runner: CliRunner, tmp_path: Path) -> None:
    """A file of zero bytes, or only whitespace, is called empty."""
    for content in (b"", b" \n\t\n"):
        path = tmp_path / "empty.toml"
        path.write_bytes(content)
        assert_refused(runner, path, ["the answers file is empty"])


def test_directory(runner: CliRunner, tmp_path: Path) -> None:
    """A directory given as the answers file is named as one."""
    assert_refused(runner, tmp_path, ["is a directory, not an answers file"])


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    """A path that does not exist says so, and nothing is created there."""
    path = tmp_path / "absent.toml"
    assert_refused(runner, path, ["no such file"])
    assert not path.exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    """A file without read permission is refused, and its permissions are left alone."""
    path = tmp_path / "locked.toml"
    path.write_bytes(VALID_ANSWERS)
    path.chmod(0)
    try:
        assert_refused(runner, path, ["permission denied: cannot read the answers file"])
        assert path.stat().st_mode & 0o777 == 0
    finally:
        path.chmod(0o600)
    assert path.read_bytes() == VALID_ANSWERS


def test_unreadable_file_even_as_root(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The permission message also where the test runs as root: the reader's open fails."""
    path = tmp_path / "locked.toml"
    path.write_bytes(VALID_ANSWERS)

    class Denied(type(Path())):  # type: ignore[misc]
        def open(self, *args: object, **kwargs: object) -> Any:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return super().open(*args, **kwargs)

    monkeypatch.setattr("stepback.files.reading.Path", Denied)
    assert_refused(runner, path, ["permission denied: cannot read the answers file"])


def test_non_utf8_bytes(runner: CliRunner, tmp_path: Path) -> None:
    """Latin-1 bytes are refused with the byte and its line, not decoded into mojibake."""
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID_ANSWERS.replace(b'"agree"', '"agrée"'.encode("latin-1")))
    assert_refused(runner, path, ["not UTF-8 text (invalid byte 0xe9 on line 3)"])


def test_utf8_bom_is_accepted(runner: CliRunner, tmp_path: Path) -> None:
    """A BOM, as some Windows editors write, changes nothing about the result."""
    plain, with_bom = tmp_path / "plain.toml", tmp_path / "bom.toml"
    plain.write_bytes(VALID_ANSWERS)
    with_bom.write_bytes(b"\xef\xbb\xbf" + VALID_ANSWERS)
    documents = []
    for path in (plain, with_bom):
        result = runner.invoke(app, ["quiz", *BANK, "--answers", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        documents.append(json.loads(result.stdout))
    assert documents[0] == documents[1]
    assert documents[1]["answers"]["current_role"] == "lead"
    assert with_bom.read_bytes() == b"\xef\xbb\xbf" + VALID_ANSWERS


def test_file_over_one_mebibyte_is_refused_before_parsing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file one byte over 1 MiB is refused unread: the TOML parser is never called."""
    path = tmp_path / "huge.toml"
    path.write_bytes(VALID_ANSWERS + b"#" * (1024 * 1024 + 1 - len(VALID_ANSWERS)))

    real_loads = tomllib.loads

    def guarded(text: str) -> dict[str, Any]:
        assert len(text) <= 1024 * 1024, "parsed a file over the limit"
        return real_loads(text)

    monkeypatch.setattr("stepback.files.reading.tomllib.loads", guarded)
    assert_refused(runner, path, ["the answers file is larger than 1 MiB; not reading it"])


def test_file_of_exactly_one_mebibyte_is_read(runner: CliRunner, tmp_path: Path) -> None:
    """The limit is inclusive: padding a valid file to exactly 1 MiB still works."""
    path = tmp_path / "padded.toml"
    path.write_bytes(VALID_ANSWERS + b"#" * (1024 * 1024 - len(VALID_ANSWERS)))
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output


def test_stdin_over_the_limit_and_bad_stdin_are_named_stdin(runner: CliRunner) -> None:
    """``--answers -`` reads at most 1 MiB and names the input <stdin> in messages."""
    for data, problem in (
        (b"#" * (1024 * 1024 + 1), "the answers file is larger than 1 MiB; not reading it"),
        (b"[answers\n", "not valid TOML: Expected ']' at the end of a table declaration"),
    ):
        result = runner.invoke(app, ["quiz", *BANK, "--answers", "-"], input=data)
        assert result.exit_code == EXIT_BAD_DATA
        assert result.stderr.startswith(f"<stdin>: {problem}")


def test_deeply_nested_arrays_are_bad_data_not_a_crash(runner: CliRunner, tmp_path: Path) -> None:
    """Ten thousand nested arrays exhaust the parser's recursion: that is bad data too."""
    path = tmp_path / "nested.toml"
    path.write_text("[answers]\ncurrent_role = " + "[" * 10_000 + "\n")
    assert_refused(runner, path, ["not valid TOML: arrays or tables nested too deeply"])


def test_a_number_too_long_to_read(runner: CliRunner, tmp_path: Path) -> None:
    """A choice number of 5000 digits trips Python's int guard; the message stays plain."""
    path = tmp_path / "long_number.toml"
    path.write_text("[answers]\ncurrent_role = " + "9" * 5000 + "\n")
    assert_refused(runner, path, ["not valid TOML: a number has too many digits"])


def test_huge_value_is_cut_short_in_the_message(runner: CliRunner, tmp_path: Path) -> None:
    """An unknown choice of 100,000 characters is quoted in under a line, not in full."""
    path = tmp_path / "long_choice.toml"
    path.write_text(f'[answers]\ncurrent_role = "{"x" * 100_000}"\n')
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(path)])
    assert result.exit_code == EXIT_BAD_DATA
    shown = "'" + "x" * 35 + "...'"
    assert result.stderr.splitlines() == [
        f"{path}: answers.current_role: unknown choice {shown} "
        "(valid: ic, lead, director, or 1-3; the role cannot be skipped)",
        f"{path}: missing answers for 2 question(s): enjoy_coding, meetings_ok" + SKIP_HINT,
    ]
