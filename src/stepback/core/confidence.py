"""How far to trust a result: stability under small changes, the changes that would flip it,
answers that contradict each other, and the strength label that sums these up.

Pure, like the scorer. Every single-answer change is rescored incrementally (only the factors
that answer touches change), so the whole analysis is linear in the size of the bank.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from stepback.core.outcomes import SKIP, OutcomeId
from stepback.core.scoring import Score, by_outcome, rank
from stepback.core.sensitivity import SUPPORT_MIN

if TYPE_CHECKING:
    from stepback.core.models import Bank, Question

# Strength thresholds (documented in the README).
STRONG = (0.15, 0.9)  # margin at least 0.15 and at least 90% of single changes keep the leaning
MODERATE = (0.08, 0.75)  # margin at least 0.08 and at least 75% keep it
STRENGTHS = ("fragile", "moderate", "strong")
CLOSE = "too close to call"
TOO_FEW = "not enough answers"

STRAIGHT_LINE_SHARE = 0.9  # the same position on at least 90% of questions ...
STRAIGHT_LINE_MIN_QUESTIONS = 8  # ... of at least this many


class Flip(NamedTuple):
    """A single answer change, one step to a neighbouring choice, that changes the leaning."""

    question: str
    from_key: str
    to_key: str
    leaning: OutcomeId
    size: float  # how much the change moves the outcome scores in all (sum of absolute moves)


class AnswerWarning(NamedTuple):
    kind: str  # "contradiction" or "straight_lining"
    questions: tuple[str, ...]
    message: str


class AnswerSensitivity(NamedTuple):
    """How the leaning responds to each answer moved one step to a neighbouring choice."""

    share_kept: float  # share of those changes that keep the leaning (1.0 if none exist)
    changes: int
    flips: tuple[Flip, ...]  # smallest first


def _position(question: Question, key: str) -> float:
    """Where ``key`` sits among the question's choices: 0 for the first, 1 for the last."""
    return question.position(key) / (len(question.choices) - 1)


def answer_sensitivity(bank: Bank, scored: Score) -> AnswerSensitivity:
    """Move every answer (but the role and skips) one step each way, rescore, count flips.

    Only the moved answer's share of the outcome scores changes, so each change is rescored
    in time proportional to that answer's effects.
    """
    answers, model = scored.answers, scored.model
    base = tuple(scored.outcomes.values())
    flips: list[Flip] = []
    changes = 0
    for question in model.questions:
        if question.id == bank.role_question:
            continue
        choices = question.choices
        index = question.position(answers[question.id])
        current = model.shares(choices[index])
        for neighbour in (index - 1, index + 1):
            if not 0 <= neighbour < len(choices):
                continue
            changes += 1
            delta = [
                new - old
                for new, old in zip(model.shares(choices[neighbour]), current, strict=True)
            ]
            leaning = rank(by_outcome(map(sum, zip(base, delta, strict=True))))[0]
            if leaning != scored.leaning:
                size = sum(abs(d) for d in delta)
                flips.append(
                    Flip(question.id, choices[index].key, choices[neighbour].key, leaning, size)
                )
    order = {q.id: i for i, q in enumerate(bank.questions)}
    flips.sort(key=lambda f: (f.size, order[f.question], f.to_key))
    share = 1.0 if changes == 0 else (changes - len(flips)) / changes
    return AnswerSensitivity(share_kept=share, changes=changes, flips=tuple(flips))


def consistency_warnings(bank: Bank, answers: Mapping[str, str]) -> list[AnswerWarning]:
    """Pairs answered against their declared relation.

    "same" pairs contradict when the answers fall on opposite sides of the middle choice;
    "opposite" pairs when they fall on the same side (both agree, or both disagree).
    """
    warnings = []
    for pair in bank.consistency:
        if answers.get(pair.a, SKIP) == SKIP or answers.get(pair.b, SKIP) == SKIP:
            continue
        question_a, question_b = bank.question(pair.a), bank.question(pair.b)
        side_a = _side(question_a, answers[pair.a])
        side_b = _side(question_b, answers[pair.b])
        if side_a == 0 or side_b == 0:
            continue
        if (pair.relation == "same") != (side_a == side_b):
            expected = "alike" if pair.relation == "same" else "oppositely"
            warnings.append(
                AnswerWarning(
                    "contradiction",
                    (pair.a, pair.b),
                    f"Your answers to “{question_a.text}” and “{question_b.text}” pull "
                    f"against each other: the two ask about the same thing and would usually "
                    f"be answered {expected}.",
                )
            )
    return warnings


def _side(question: Question, key: str) -> int:
    position = _position(question, key)
    return 0 if position == 0.5 else (-1 if position < 0.5 else 1)


def straight_lining_warning(bank: Bank, answers: Mapping[str, str]) -> AnswerWarning | None:
    """The same position (first, middle, last...) on nearly every question."""
    asked = [
        q
        for q in bank.asked(answers.get(bank.role_question))
        if q.id != bank.role_question and answers.get(q.id, SKIP) != SKIP
    ]
    if len(asked) < STRAIGHT_LINE_MIN_QUESTIONS:
        return None
    positions = Counter(round(_position(q, answers[q.id]), 2) for q in asked)
    position, count = positions.most_common(1)[0]
    if count / len(asked) < STRAIGHT_LINE_SHARE:
        return None
    where = {0.0: "the first choice", 0.5: "the middle choice", 1.0: "the last choice"}.get(
        position, "the same position"
    )
    return AnswerWarning(
        "straight_lining",
        (),
        f"You picked {where} on {count} of {len(asked)} questions. Some questions are worded "
        "the other way round, so answering the same everywhere usually means the answers "
        "are not being weighed one by one.",
    )


def strength(scored: Score, share_kept: float, warnings: int, model_support: float = 1.0) -> str:
    """strong / moderate / fragile from margin and stability; one level lower with warnings
    about the answers, and one level lower when under ``SUPPORT_MIN`` of plausible
    weightings of the bank keep the leaning."""
    if not scored.enough_answers:
        return TOO_FEW
    if scored.close_call:
        return CLOSE
    level = 0
    if scored.margin >= MODERATE[0] and share_kept >= MODERATE[1]:
        level = 1
    if scored.margin >= STRONG[0] and share_kept >= STRONG[1]:
        level = 2
    if warnings:
        level = max(0, level - 1)
    if model_support < SUPPORT_MIN:
        level = max(0, level - 1)
    return STRENGTHS[level]


def all_warnings(bank: Bank, answers: Mapping[str, str]) -> list[AnswerWarning]:
    warnings = consistency_warnings(bank, answers)
    straight = straight_lining_warning(bank, answers)
    if straight is not None:
        warnings.append(straight)
    return warnings
