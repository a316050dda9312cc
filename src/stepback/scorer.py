"""Scoring a complete set of answers against a bank. Pure: no terminal, no files.

How it works, in plain words (the README repeats this):

1. Only the questions that were asked count: those for the person's current role.
2. Each factor's score is the sum of the effects of the chosen answers on it, divided by the
   largest effect those same questions could have had on it. So a factor score lies in
   [-1, 1], and 0 means "no signal either way".
3. Each outcome's score is the factor scores times the factor's weight toward that outcome,
   divided by the sum of the absolute weights toward it, so it lies in [-1, 1] too.
4. The leaning is the top outcome; the margin is its lead over the runner-up; a margin under
   ``CLOSE_CALL_MARGIN`` is a close call.

Everything is linear, so each answer's share of the margin can be read off exactly: those
shares are the drivers, and they add up to the margin.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from stepback.models import Bank, Question

OUTCOME_ORDER: tuple[str, ...] = ("ic", "manager", "tour")
CLOSE_CALL_MARGIN = 0.05
TOP_DRIVERS = 8


class Driver(NamedTuple):
    """One answer's share of the leaning's lead over the runner-up, through one factor."""

    question: str
    choice: str
    factor: str
    contribution: float


class Result(NamedTuple):
    leaning: str
    runner_up: str
    margin: float
    close_call: bool
    outcomes: dict[str, float]
    factors: dict[str, float]
    drivers: list[Driver]
    answers: dict[str, str]
    denominators: dict[str, float]  # per factor, what its score was normalized by


def applies(question: Question, role: str | None) -> bool:
    """Whether ``question`` is asked of someone in ``role`` (None: role not answered yet)."""
    return question.roles is None or role is None or role in question.roles


def asked_questions(bank: Bank, role: str | None) -> list[Question]:
    return [q for q in bank.questions if applies(q, role)]


def weight_totals(bank: Bank) -> dict[str, float]:
    """Per outcome, the sum of the absolute factor weights toward it."""
    totals = dict.fromkeys(OUTCOME_ORDER, 0.0)
    for factor in bank.factors:
        for outcome in OUTCOME_ORDER:
            totals[outcome] += abs(getattr(factor.weights, outcome))
    return totals


def factor_scores(
    bank: Bank, answers: Mapping[str, str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Per factor: its score in [-1, 1] and the denominator it was normalized by."""
    role = answers.get(bank.role_question)
    numerators = {f.id: 0.0 for f in bank.factors}
    denominators = {f.id: 0.0 for f in bank.factors}
    for question in asked_questions(bank, role):
        for factor, weight in question.choice(answers[question.id]).effects.items():
            numerators[factor] += weight
        for factor, largest in largest_effects(question).items():
            denominators[factor] += largest
    scores = {f: (numerators[f] / denominators[f] if denominators[f] else 0.0) for f in numerators}
    return scores, denominators


def largest_effects(question: Question) -> dict[str, float]:
    """Per factor, the largest absolute effect any choice has on it: the most this question
    can move the factor, which is what factor scores are normalized by."""
    largest: dict[str, float] = {}
    for choice in question.choices:
        for factor, weight in choice.effects.items():
            largest[factor] = max(largest.get(factor, 0.0), abs(weight))
    return largest


def outcome_scores(bank: Bank, factors: Mapping[str, float]) -> dict[str, float]:
    totals = weight_totals(bank)
    scores = dict.fromkeys(OUTCOME_ORDER, 0.0)
    for factor in bank.factors:
        for outcome in OUTCOME_ORDER:
            if totals[outcome]:
                weight = getattr(factor.weights, outcome)
                scores[outcome] += factors[factor.id] * weight / totals[outcome]
    return scores


RANK_DIGITS = 9


def rank(outcomes: Mapping[str, float]) -> list[str]:
    """Outcomes best first; ties keep the fixed order ic, manager, tour.

    Scores are compared rounded, so that an exact tie reached by two different orders of
    floating-point additions is still a tie, whichever way it was computed.
    """
    return sorted(
        OUTCOME_ORDER, key=lambda o: (-round(outcomes[o], RANK_DIGITS), OUTCOME_ORDER.index(o))
    )


def score(bank: Bank, answers: Mapping[str, str]) -> Result:
    """Score complete, valid ``answers`` (question id -> choice key) against ``bank``."""
    factors, denominators = factor_scores(bank, answers)
    outcomes = outcome_scores(bank, factors)
    leaning, runner_up = rank(outcomes)[:2]
    # A rounded tie can leave a difference of -1e-17; a margin is never below zero.
    margin = max(0.0, outcomes[leaning] - outcomes[runner_up])
    drivers = _drivers(bank, answers, denominators, leaning, runner_up)
    return Result(
        leaning=leaning,
        runner_up=runner_up,
        margin=margin,
        close_call=margin < CLOSE_CALL_MARGIN,
        outcomes=outcomes,
        factors=factors,
        drivers=drivers,
        answers=dict(answers),
        denominators=denominators,
    )


def _drivers(
    bank: Bank,
    answers: Mapping[str, str],
    denominators: Mapping[str, float],
    leaning: str,
    runner_up: str,
) -> list[Driver]:
    totals = weight_totals(bank)
    pull = {
        f.id: _share(f.weights, leaning, totals) - _share(f.weights, runner_up, totals)
        for f in bank.factors
    }
    drivers = []
    for question in asked_questions(bank, answers.get(bank.role_question)):
        chosen = answers[question.id]
        choice = question.choice(chosen)
        for factor, weight in choice.effects.items():
            if weight and denominators[factor]:
                contribution = weight / denominators[factor] * pull[factor]
                drivers.append(Driver(question.id, chosen, factor, contribution))
    drivers.sort(key=lambda d: (-d.contribution, d.question, d.factor))
    return [d for d in drivers if d.contribution > 0][:TOP_DRIVERS]


def _share(weights: object, outcome: str, totals: Mapping[str, float]) -> float:
    total = totals[outcome]
    return float(getattr(weights, outcome)) / total if total else 0.0


def answer_contributions(
    bank: Bank, answers: Mapping[str, str]
) -> list[tuple[str, str, dict[str, float]]]:
    """Per asked question: (question id, chosen key, its share of each outcome's score).

    The shares of all answers add up to each outcome's score.
    """
    _, denominators = factor_scores(bank, answers)
    totals = weight_totals(bank)
    weights = {f.id: f.weights for f in bank.factors}
    rows = []
    for question in asked_questions(bank, answers.get(bank.role_question)):
        chosen = answers[question.id]
        choice = question.choice(chosen)
        shares = dict.fromkeys(OUTCOME_ORDER, 0.0)
        for factor, weight in choice.effects.items():
            if denominators[factor]:
                for outcome in OUTCOME_ORDER:
                    shares[outcome] += (
                        weight / denominators[factor] * _share(weights[factor], outcome, totals)
                    )
        rows.append((question.id, chosen, shares))
    return rows
