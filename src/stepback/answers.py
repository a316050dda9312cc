"""Answers files: reading them against a bank, and writing them back without loss."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stepback.errors import DataError, problems_error
from stepback.scorer import applies
from stepback.toml_files import read_toml

if TYPE_CHECKING:
    from stepback.models import AnswersFile, Bank, Question


def read_answers_file(path: str) -> AnswersFile:
    """Parse and shape-check an answers file, without looking at any bank."""
    from pydantic import ValidationError

    from stepback.banks import validation_lines
    from stepback.models import AnswersFile

    raw = read_toml(path, what="answers file")
    try:
        return AnswersFile.model_validate(raw)
    except ValidationError as error:
        raise problems_error(path, validation_lines(error)) from None


def load_answers(path: str, bank: Bank, *, partial: bool = False) -> dict[str, str]:
    """The answers in ``path`` as question id -> choice key, checked against ``bank``.

    With ``partial``, unanswered questions are allowed (a resume file).
    """
    return resolve_answers(read_answers_file(path), bank, where=path, partial=partial)


def resolve_answers(
    data: AnswersFile, bank: Bank, *, where: str, partial: bool = False
) -> dict[str, str]:
    problems: list[str] = []
    if data.bank is not None and data.bank != bank.id:
        raise DataError(f"{where}: these answers are for bank {data.bank!r}, not {bank.id!r}")
    by_id = {q.id: q for q in bank.questions}
    resolved: dict[str, str] = {}
    for question_id, value in data.answers.items():
        question = by_id.get(question_id)
        if question is None:
            problems.append(
                f"answers.{question_id}: unknown question{_suggestion(question_id, by_id)}"
            )
            continue
        key = _choice_key(question, value)
        if key is None:
            valid = ", ".join(c.key for c in question.choices)
            problems.append(
                f"answers.{question_id}: unknown choice {value!r} "
                f"(valid: {valid}, or 1-{len(question.choices)})"
            )
            continue
        resolved[question_id] = key
    role = resolved.get(bank.role_question)
    for question_id in resolved:
        question = by_id[question_id]
        if role is not None and not applies(question, role):
            problems.append(
                f"answers.{question_id}: this question is not asked of role {role!r} "
                f"(it is for: {', '.join(question.roles or [])})"
            )
    if not partial:
        missing = [
            q.id
            for q in bank.questions
            if q.id not in resolved and (q.roles is None or (role is not None and role in q.roles))
        ]
        if missing:
            problems.append(f"missing answers for {len(missing)} question(s): {', '.join(missing)}")
    if problems:
        raise problems_error(where, problems)
    return {q.id: resolved[q.id] for q in bank.questions if q.id in resolved}


def _choice_key(question: Question, value: str | int) -> str | None:
    if isinstance(value, int):
        return question.choices[value - 1].key if 1 <= value <= len(question.choices) else None
    keys = {c.key for c in question.choices}
    return value if value in keys else None


def _suggestion(name: str, known: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def answers_toml(bank: Bank, answers: Mapping[str, str]) -> str:
    """An answers file for ``answers``, in bank order, that replays to the same result."""
    import tomli_w

    ordered = {q.id: answers[q.id] for q in bank.questions if q.id in answers}
    document = {"bank": bank.id, "bank_version": bank.version, "answers": ordered}
    return tomli_w.dumps(document)
