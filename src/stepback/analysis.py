"""How far to trust a result: stability under small changes, the changes that would flip it,
answers that contradict each other, and the strength label that sums these up.

Pure, like the scorer. Every single-answer change is rescored incrementally (only the factors
that answer touches change), so the whole analysis is linear in the size of the bank.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from stepback.scorer import (
    OUTCOME_ORDER,
    Result,
    asked_questions,
    rank,
    weight_totals,
)

if TYPE_CHECKING:
    from stepback.models import Bank, Question

# Strength thresholds (documented in the README).
STRONG = (0.15, 0.9)  # margin at least 0.15 and at least 90% of single changes keep the leaning
MODERATE = (0.08, 0.75)  # margin at least 0.08 and at least 75% keep it
STRENGTHS = ("fragile", "moderate", "strong")
CLOSE = "too close to call"

STRAIGHT_LINE_SHARE = 0.9  # the same position on at least 90% of questions ...
STRAIGHT_LINE_MIN_QUESTIONS = 8  # ... of at least this many


class Flip(NamedTuple):
    """A single answer change, one step to a neighbouring choice, that changes the leaning."""

    question: str
    from_key: str
    to_key: str
    leaning: str
    size: float  # how much the change moves the outcome scores in all (sum of absolute moves)


class AnswerWarning(NamedTuple):
    kind: str  # "contradiction" or "straight_lining"
    questions: tuple[str, ...]
    message: str


class Stability(NamedTuple):
    share: float  # share of single one-step changes that keep the leaning (1.0 if none exist)
    changes: int
    flips: list[Flip]


def _position(question: Question, key: str) -> float:
    """Where ``key`` sits among the question's choices: 0 for the first, 1 for the last."""
    index = next(i for i, c in enumerate(question.choices) if c.key == key)
    return index / (len(question.choices) - 1)


def stability(bank: Bank, result: Result) -> Stability:
    """Move every answer (but the role) one step each way, rescore, and count what flips."""
    answers = result.answers
    denominators = result.denominators
    totals = weight_totals(bank)
    # How one unit of effect on a factor moves each outcome score.
    pull = {
        f.id: tuple(
            getattr(f.weights, o) / totals[o] / denominators[f.id]
            if totals[o] and denominators[f.id]
            else 0.0
            for o in OUTCOME_ORDER
        )
        for f in bank.factors
    }
    base = tuple(result.outcomes[o] for o in OUTCOME_ORDER)
    flips: list[Flip] = []
    changes = 0
    for question in asked_questions(bank, answers.get(bank.role_question)):
        if question.id == bank.role_question:
            continue
        choices = question.choices
        index = next(i for i, c in enumerate(choices) if c.key == answers[question.id])
        # A choice's share of the outcome scores; a change moves them by the difference.
        current = _outcome_shares(choices[index].effects, pull)
        for neighbour in (index - 1, index + 1):
            if not 0 <= neighbour < len(choices):
                continue
            changes += 1
            shares = _outcome_shares(choices[neighbour].effects, pull)
            delta = [new - old for new, old in zip(shares, current, strict=True)]
            outcomes = dict(
                zip(OUTCOME_ORDER, map(sum, zip(base, delta, strict=True)), strict=True)
            )
            leaning = rank(outcomes)[0]
            if leaning != result.leaning:
                moved = choices[neighbour].key
                size = sum(abs(d) for d in delta)
                flips.append(Flip(question.id, answers[question.id], moved, leaning, size))
    order = {q.id: i for i, q in enumerate(bank.questions)}
    flips.sort(key=lambda f: (f.size, order[f.question], f.to_key))
    share = 1.0 if changes == 0 else (changes - len(flips)) / changes
    return Stability(share=share, changes=changes, flips=flips)


def _outcome_shares(
    effects: Mapping[str, float], pull: Mapping[str, tuple[float, ...]]
) -> tuple[float, ...]:
    shares = [0.0] * len(OUTCOME_ORDER)
    for factor, weight in effects.items():
        for position, unit in enumerate(pull[factor]):
            shares[position] += weight * unit
    return tuple(shares)


def consistency_warnings(bank: Bank, answers: Mapping[str, str]) -> list[AnswerWarning]:
    """Pairs answered against their declared relation.

    "same" pairs contradict when the answers fall on opposite sides of the middle choice;
    "opposite" pairs when they fall on the same side (both agree, or both disagree).
    """
    by_id = {q.id: q for q in bank.questions}
    warnings = []
    for pair in bank.consistency:
        if pair.a not in answers or pair.b not in answers:
            continue
        side_a = _side(by_id[pair.a], answers[pair.a])
        side_b = _side(by_id[pair.b], answers[pair.b])
        if side_a == 0 or side_b == 0:
            continue
        if (pair.relation == "same") != (side_a == side_b):
            expected = "alike" if pair.relation == "same" else "oppositely"
            warnings.append(
                AnswerWarning(
                    "contradiction",
                    (pair.a, pair.b),
                    f"Your answers to “{by_id[pair.a].text}” and “{by_id[pair.b].text}” pull "
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
        for q in asked_questions(bank, answers.get(bank.role_question))
        if q.id != bank.role_question and q.id in answers
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


def strength(result: Result, stability_share: float, warnings: int) -> str:
    """strong / moderate / fragile from margin and stability, one level lower with warnings."""
    if result.close_call:
        return CLOSE
    level = 0
    if result.margin >= MODERATE[0] and stability_share >= MODERATE[1]:
        level = 1
    if result.margin >= STRONG[0] and stability_share >= STRONG[1]:
        level = 2
    if warnings:
        level = max(0, level - 1)
    return STRENGTHS[level]


def all_warnings(bank: Bank, answers: Mapping[str, str]) -> list[AnswerWarning]:
    warnings = consistency_warnings(bank, answers)
    straight = straight_lining_warning(bank, answers)
    if straight is not None:
        warnings.append(straight)
    return warnings
