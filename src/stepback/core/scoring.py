"""Scoring answers against a bank. Pure: no terminal, no files.

The model is linear, and ``LinearModel`` is its one written form; ``explanation.SCORING_STEPS``
says in words what it computes. Each outcome score is a sum of one term per answer, so
everything the report says about an answer (its drivers, its contribution, what a one-step
change would do) is read off the same per-unit weights, ``LinearModel.unit``.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from stepback.core.outcomes import OUTCOMES, SKIP, OutcomeId

if TYPE_CHECKING:
    from stepback.core.models import Bank, Choice, Question

CLOSE_CALL_MARGIN = 0.05
# Too little to lean on: fewer than this many answered questions (the role question and
# skips aside), or fewer than all of them when the role is asked fewer.
MIN_ANSWERED = 3
TOP_DRIVERS = 8
RANK_DIGITS = 9

OutcomeVector = tuple[float, ...]  # one value per outcome, in the order of ``OUTCOMES``


def by_outcome(values: Iterable[float]) -> dict[OutcomeId, float]:
    return dict(zip(OUTCOMES, values, strict=True))


def largest_effects(question: Question) -> dict[str, float]:
    """Per factor, the largest absolute effect any choice has on it: the most this question
    can move the factor, which is what factor scores are normalized by."""
    largest: dict[str, float] = {}
    for choice in question.choices:
        for factor, weight in choice.effects.items():
            largest[factor] = max(largest.get(factor, 0.0), abs(weight))
    return largest


def shared_scale(bank: Bank, known: Container[str]) -> float:
    """The largest of the outcomes' total absolute weights over the ``known`` factors.

    One scale for all three outcomes: dividing each outcome by its own total would let an
    outcome with small weights everywhere (no evidence of its own) score like an average of
    every factor, and win every mixed profile.
    """
    factors = [f for f in bank.factors if f.id in known]
    return max(sum(abs(f.weights.of(o)) for f in factors) for o in OUTCOMES)


class LinearModel(NamedTuple):
    """The scoring model for one role and one set of answered questions.

    ``unit[factor]`` is how far one unit of effect on the factor moves each outcome score:
    the factor's weight toward the outcome, over the shared scale, over the factor's
    denominator.
    """

    questions: tuple[Question, ...]  # asked of the role and counted (not skipped)
    denominators: dict[str, float]
    unit: dict[str, OutcomeVector]

    @classmethod
    def build(cls, bank: Bank, role: str | None, skipped: Iterable[str] = ()) -> LinearModel:
        left_out = set(skipped)
        questions = tuple(q for q in bank.asked(role) if q.id not in left_out)
        denominators = {f.id: 0.0 for f in bank.factors}
        for question in questions:
            for factor, largest in largest_effects(question).items():
                denominators[factor] += largest
        scale = shared_scale(bank, known={f for f, d in denominators.items() if d})
        unit = {
            f.id: tuple(
                f.weights.of(o) / scale / denominators[f.id]
                if scale and denominators[f.id]
                else 0.0
                for o in OUTCOMES
            )
            for f in bank.factors
        }
        return cls(questions, denominators, unit)

    def shares(self, choice: Choice) -> OutcomeVector:
        """What choosing ``choice`` adds to each outcome score."""
        shares = [0.0] * len(OUTCOMES)
        for factor, weight in choice.effects.items():
            for position, unit in enumerate(self.unit[factor]):
                shares[position] += weight * unit
        return tuple(shares)


class Driver(NamedTuple):
    """One answer's share of the leaning's lead over the runner-up, through one factor."""

    question: str
    choice: str
    factor: str
    contribution: float


class Score(NamedTuple):
    """A scored set of answers: the outcomes, the factor profile and the drivers."""

    leaning: OutcomeId
    runner_up: OutcomeId
    margin: float
    close_call: bool
    enough_answers: bool
    outcomes: dict[OutcomeId, float]
    factors: dict[str, float]
    unknown_factors: tuple[str, ...]  # fed by no answered question
    drivers: tuple[Driver, ...]  # positive shares of the lead, largest first, at most 8
    answers: dict[str, str]  # every answer given, skips included
    skipped: tuple[str, ...]
    answered: int  # questions answered, the role question and skips aside
    asked: int  # questions asked of the role, the role question aside
    model: LinearModel

    @property
    def clear(self) -> bool:
        """Whether the leaning is clear enough to stand: enough answers, not a close call."""
        return self.enough_answers and not self.close_call

    @property
    def tied(self) -> tuple[OutcomeId, ...]:
        """Every outcome within the close-call margin of the leaning, the leaning first."""
        top = self.outcomes[self.leaning]
        return tuple(o for o in rank(self.outcomes) if top - self.outcomes[o] < CLOSE_CALL_MARGIN)


def rank(outcomes: Mapping[OutcomeId, float]) -> list[OutcomeId]:
    """Outcomes best first; ties keep the fixed order of ``OUTCOMES``.

    Scores are compared rounded, so that an exact tie reached by two different orders of
    floating-point additions is still a tie, whichever way it was computed.
    """
    return sorted(OUTCOMES, key=lambda o: (-round(outcomes[o], RANK_DIGITS), OUTCOMES.index(o)))


def enough_answered(answered: int, asked: int) -> bool:
    return answered >= max(1, min(MIN_ANSWERED, asked))


def score(bank: Bank, answers: Mapping[str, str]) -> Score:
    """Score valid ``answers`` (question id -> choice key or ``SKIP``) against ``bank``.

    Every question asked of the role must be answered or skipped.
    """
    role = answers.get(bank.role_question)
    skipped = tuple(q for q, key in answers.items() if key == SKIP)
    model = LinearModel.build(bank, role, skipped)
    numerators = {f.id: 0.0 for f in bank.factors}
    totals = [0.0] * len(OUTCOMES)
    for question in model.questions:
        choice = question.choice(answers[question.id])
        for factor, weight in choice.effects.items():
            numerators[factor] += weight
        for position, share in enumerate(model.shares(choice)):
            totals[position] += share
    outcomes = by_outcome(totals)
    factors = {
        f: (numerators[f] / model.denominators[f] if model.denominators[f] else 0.0)
        for f in numerators
    }
    leaning, runner_up = rank(outcomes)[:2]
    # A rounded tie can leave a difference of -1e-17; a margin is never below zero.
    margin = max(0.0, outcomes[leaning] - outcomes[runner_up])
    asked = sum(1 for q in bank.asked(role) if q.id != bank.role_question)
    answered = sum(1 for q in model.questions if q.id != bank.role_question)
    return Score(
        leaning=leaning,
        runner_up=runner_up,
        margin=margin,
        close_call=margin < CLOSE_CALL_MARGIN,
        enough_answers=enough_answered(answered, asked),
        outcomes=outcomes,
        factors=factors,
        unknown_factors=tuple(f for f, d in model.denominators.items() if not d),
        drivers=_drivers(model, answers, leaning, runner_up),
        answers=dict(answers),
        skipped=skipped,
        answered=answered,
        asked=asked,
        model=model,
    )


def _drivers(
    model: LinearModel, answers: Mapping[str, str], leaning: OutcomeId, runner_up: OutcomeId
) -> tuple[Driver, ...]:
    lead, runner = OUTCOMES.index(leaning), OUTCOMES.index(runner_up)
    drivers = []
    for question in model.questions:
        choice = question.choice(answers[question.id])
        for factor, weight in choice.effects.items():
            unit = model.unit[factor]
            contribution = weight * (unit[lead] - unit[runner])
            if contribution > 0:
                drivers.append(Driver(question.id, choice.key, factor, contribution))
    drivers.sort(key=lambda d: (-d.contribution, d.question, d.factor))
    return tuple(drivers[:TOP_DRIVERS])


def answer_contributions(scored: Score) -> list[tuple[str, str, dict[OutcomeId, float]]]:
    """Per answered question: (question id, chosen key, its share of each outcome's score).

    The shares of all answers add up to each outcome's score.
    """
    return [
        (
            q.id,
            scored.answers[q.id],
            by_outcome(scored.model.shares(q.choice(scored.answers[q.id]))),
        )
        for q in scored.model.questions
    ]
