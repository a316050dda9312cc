"""Answers files: reading them against a bank, and writing them back without loss."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w
from pydantic import ValidationError

from stepback.core.models import AnswersFile
from stepback.core.outcomes import SKIP
from stepback.errors import DataError, UsageError, problems_error
from stepback.files.banks import DEFAULT_BANK, format_location, load_bank
from stepback.files.reading import display_name, read_toml

if TYPE_CHECKING:
    from stepback.core.models import Bank, Question
    from stepback.core.outcomes import OutcomeId

TOP_LEVEL_KEYS = "bank, bank_version, settled_after, expected and [answers]"
# Values from a file are quoted in messages; a 1 MiB value must not become a 1 MiB message.
SHOWN_CHARS = 40
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def read_answers_file(path: str) -> AnswersFile:
    """Parse and shape-check an answers file, without looking at any bank."""
    raw = read_toml(path, what="answers file")
    try:
        # Strict, because lax mode would take `true` as choice 1 and `2.0` as choice 2: a
        # wrong type in a hand-written file is a mistake to report, not to guess at.
        return AnswersFile.model_validate(raw, strict=True)
    except ValidationError as error:
        raise problems_error(display_name(path), _shape_problems(error)) from None


def _shape_problems(error: ValidationError) -> list[str]:
    """One plain line per problem; pydantic reports a bad answer once per union member."""
    problems: list[str] = []
    answered_badly: set[str] = set()
    for detail in error.errors(include_url=False):
        loc, kind, value = detail["loc"], detail["type"], detail.get("input")
        if loc == ("answers",) and kind == "missing":
            problems.append(
                "no [answers] table: put `question_id = choice` lines under an [answers] header"
            )
        elif loc == ("answers",):
            problems.append(f"answers: must be a table ([answers]), not {_describe(value)}")
        elif len(loc) >= 2 and loc[0] == "answers" and isinstance(loc[1], str):
            if loc[1] not in answered_badly:
                answered_badly.add(loc[1])
                problems.append(f"{answer_location(loc[1])}: {_bad_answer(value)}")
        elif len(loc) == 1 and kind == "extra_forbidden":
            problems.append(
                f"{_toml_key(str(loc[0]))}: unknown key (the top level holds only "
                f"{TOP_LEVEL_KEYS}; answers go under [answers])"
            )
        else:
            problems.append(f"{format_location(loc)}: {detail['msg']}")
    return problems


def _bad_answer(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"choice numbers start at 1, not {value}"
    if value == "":
        return "the answer is empty; give a choice key or a choice number"
    return f"must be a choice key (a string) or a choice number, not {_describe(value)}"


def _describe(value: object) -> str:
    """A TOML value as a reader of the file would name it."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, str):
        return f"a string ({shown(value)})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.date | dt.time):
        return "a date or time"
    return f"a {type(value).__name__}"


def shown(value: object) -> str:
    """``value`` quoted for a message, cut short when long."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[: SHOWN_CHARS - 4]}...{text[-1]}"


def _toml_key(key: str) -> str:
    if _BARE_KEY.fullmatch(key):
        return key
    # Escaped to ASCII, so that a look-alike letter (a Cyrillic e in a Latin word) shows as
    # what it is: the reason the key matches nothing.
    quoted = json.dumps(key, ensure_ascii=True)
    return quoted if len(quoted) <= SHOWN_CHARS else f'{quoted[: SHOWN_CHARS - 4]}..."'


def answer_location(question_id: str) -> str:
    """Where an answer sits in its file, as its TOML key: ``answers.meetings_ok``."""
    return f"answers.{_toml_key(question_id)}"


def load_answers(path: str, bank: Bank, *, partial: bool = False) -> dict[str, str]:
    """The answers in ``path`` as question id -> choice key, checked against ``bank``.

    With ``partial``, unanswered questions are allowed (a resume file).
    """
    data = read_answers_file(path)
    return resolve_answers(data, bank, where=display_name(path), partial=partial)


def resolve_answers(
    data: AnswersFile, bank: Bank, *, where: str, partial: bool = False
) -> dict[str, str]:
    problems: list[str] = []
    if data.bank is not None and data.bank != bank.id:
        raise DataError(f"{where}: these answers are for bank {data.bank!r}, not {bank.id!r}")
    by_id = {q.id: q for q in bank.questions}
    resolved: dict[str, str] = {}
    answered_badly: set[str] = set()
    for question_id, value in data.answers.items():
        where_answer = answer_location(question_id)
        question = by_id.get(question_id)
        if question is None:
            problems.append(f"{where_answer}: unknown question{_suggestion(question_id, by_id)}")
            continue
        key = _choice_key(question, value, skippable=question.id != bank.role_question)
        if key is None:
            answered_badly.add(question_id)
            valid = ", ".join(c.key for c in question.choices)
            if question.id == bank.role_question:
                problems.append(
                    f"{where_answer}: unknown choice {shown(value)} "
                    f"(valid: {valid}, or 1-{len(question.choices)}; the role cannot be skipped)"
                )
            else:
                problems.append(
                    f"{where_answer}: unknown choice {shown(value)} "
                    f"(valid: {valid}, {SKIP}, or 1-{len(question.choices)})"
                )
            continue
        resolved[question_id] = key
    role = resolved.get(bank.role_question)
    for question_id in resolved:
        question = by_id[question_id]
        if role is not None and not question.asked_of(role):
            problems.append(
                f"{answer_location(question_id)}: this question is not asked of role {role!r} "
                f"(it is for: {', '.join(question.roles or [])})"
            )
    if not partial:
        # A question answered with an unknown choice is reported once, as that, not as missing.
        missing = [
            q.id
            for q in bank.questions
            if q.id not in resolved
            and q.id not in answered_badly
            and (q.roles is None or (role is not None and role in q.roles))
        ]
        if missing:
            problems.append(
                f"missing answers for {len(missing)} question(s): {', '.join(missing)} "
                '(answer "skip" to any you cannot answer)'
            )
    if problems:
        raise problems_error(where, problems)
    return {q.id: resolved[q.id] for q in bank.questions if q.id in resolved}


def _choice_key(question: Question, value: str | int, *, skippable: bool) -> str | None:
    if value == SKIP:
        return SKIP if skippable else None
    if isinstance(value, int):
        return question.choices[value - 1].key if 1 <= value <= len(question.choices) else None
    keys = {c.key for c in question.choices}
    return value if value in keys else None


def _suggestion(name: str, known: Mapping[str, Any]) -> str:
    # Matching a huge key against every id would be slow for no useful suggestion.
    if len(name) > SHOWN_CHARS:
        return ""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def answers_toml(bank: Bank, answers: Mapping[str, str], settled_after: int | None = None) -> str:
    """An answers file for ``answers``, in bank order, that replays to the same result."""
    ordered = {q.id: answers[q.id] for q in bank.questions if q.id in answers}
    document: dict[str, Any] = {"bank": bank.id, "bank_version": bank.version}
    if settled_after is not None:
        document["settled_after"] = settled_after
    document["answers"] = ordered
    return tomli_w.dumps(document)


def load_answer_pair(
    old_path: str, new_path: str, bank_name: str | None
) -> tuple[Bank, dict[str, str], dict[str, str]]:
    """Two answers files for the same bank, and that bank (named, or the one they name)."""
    old_data, new_data = read_answers_file(old_path), read_answers_file(new_path)
    if old_data.bank and new_data.bank and old_data.bank != new_data.bank:
        raise DataError(
            f"{old_path} is for bank {old_data.bank!r} but {new_path} is for bank "
            f"{new_data.bank!r}: compare needs two answers files for the same bank"
        )
    bank = load_bank(bank_name or old_data.bank or new_data.bank or DEFAULT_BANK)
    old = resolve_answers(old_data, bank, where=display_name(old_path))
    new = resolve_answers(new_data, bank, where=display_name(new_path))
    return bank, old, new


def load_answer_folder(folder: Path, bank: Bank) -> list[dict[str, str]]:
    """Every answers file in ``folder`` (and the folders in it), checked against ``bank``."""
    return [answers for _, _, answers in _answer_files(folder, bank, need_expected=False)]


def load_expected_answers(folder: Path, bank: Bank) -> list[tuple[str, OutcomeId, dict[str, str]]]:
    """Every answers file in ``folder`` (and the folders in it) that states an ``expected``
    outcome, named by its path inside ``folder``.

    Every file is checked; the problems of all of them are reported at once.
    """
    cases = []
    for name, expected, answers in _answer_files(folder, bank, need_expected=True):
        assert expected is not None
        cases.append((name, expected, answers))
    if not cases:
        raise DataError(f"{folder}: no answers file here states an expected outcome")
    return cases


def _answer_files(
    folder: Path, bank: Bank, *, need_expected: bool
) -> list[tuple[str, OutcomeId | None, dict[str, str]]]:
    """The answers files below ``folder``; every problem of every file reported at once."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    found = []
    problems: list[str] = []
    for path in sorted(folder.rglob("*.toml")):
        try:
            data = read_answers_file(str(path))
            if need_expected and data.expected is None:
                continue
            answers = resolve_answers(data, bank, where=str(path))
        except DataError as error:
            problems.append(error.message)
            continue
        found.append((path.relative_to(folder).as_posix(), data.expected, answers))
    if problems:
        raise DataError("\n".join(problems))
    return found
