"""Which outcomes some answer set can reach, found without trying every answer set.

For a fixed role the factor denominators do not depend on the answers, so the gap between
two outcome scores is a sum of independent per-question terms: the best answer to each
question can be picked on its own. Against two rivals at once the gap is not linear, so a few
blends of the two rivals are tried. Linear in the size of the bank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stepback.scorer import OUTCOME_ORDER, asked_questions, score, weight_totals

if TYPE_CHECKING:
    from stepback.models import Bank, Question

BLENDS = (0.0, 0.25, 0.5, 0.75, 1.0)


def roles(bank: Bank) -> list[str]:
    role_question = next(q for q in bank.questions if q.id == bank.role_question)
    return [c.key for c in role_question.choices]


def answers_toward(bank: Bank, role: str, outcome: str, blend: float) -> dict[str, str]:
    """The answer set that best favours ``outcome`` over its rivals mixed by ``blend``."""
    rivals = [o for o in OUTCOME_ORDER if o != outcome]
    totals = weight_totals(bank)
    questions = [q for q in asked_questions(bank, role) if q.id != bank.role_question]
    denominators = _denominators(questions)

    def share(weights: object, o: str) -> float:
        return float(getattr(weights, o)) / totals[o] if totals[o] else 0.0

    pull = {
        f.id: share(f.weights, outcome)
        - blend * share(f.weights, rivals[0])
        - (1 - blend) * share(f.weights, rivals[1])
        for f in bank.factors
    }
    answers = {bank.role_question: role}
    for question in questions:
        best = max(
            question.choices,
            key=lambda c: sum(
                w / denominators[f] * pull[f] for f, w in c.effects.items() if denominators[f]
            ),
        )
        answers[question.id] = best.key
    return answers


def _denominators(questions: list[Question]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for question in questions:
        largest: dict[str, float] = {}
        for choice in question.choices:
            for factor, weight in choice.effects.items():
                largest[factor] = max(largest.get(factor, 0.0), abs(weight))
        for factor, value in largest.items():
            totals[factor] = totals.get(factor, 0.0) + value
    return totals


def reaching_answers(bank: Bank, outcome: str) -> dict[str, str] | None:
    """An answer set that leans clearly (not a close call) to ``outcome``, if one is found."""
    for role in roles(bank):
        for blend in BLENDS:
            answers = answers_toward(bank, role, outcome, blend)
            result = score(bank, answers)
            if result.leaning == outcome and not result.close_call:
                return answers
    return None
