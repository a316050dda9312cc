"""Which outcomes some answer set can reach, found without trying every answer set.

For a fixed role and every question answered, the gap between two outcome scores is a sum of
independent per-answer terms (``LinearModel.shares``), so the best answer to each question
can be picked on its own. Against two rivals at once the gap is not linear, so a few blends
of the two rivals are tried. Linear in the size of the bank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stepback.core.outcomes import OUTCOMES, OutcomeId
from stepback.core.scoring import LinearModel, score

if TYPE_CHECKING:
    from stepback.core.models import Bank

BLENDS = (0.0, 0.25, 0.5, 0.75, 1.0)


def answers_toward(bank: Bank, role: str, outcome: OutcomeId, blend: float) -> dict[str, str]:
    """The answer set that best favours ``outcome`` over its rivals mixed by ``blend``."""
    first, second = (o for o in OUTCOMES if o != outcome)
    weights = {outcome: 1.0, first: -blend, second: blend - 1.0}
    direction = tuple(weights[o] for o in OUTCOMES)
    model = LinearModel.build(bank, role)
    answers = {bank.role_question: role}
    for question in model.questions:
        if question.id == bank.role_question:
            continue
        best = max(
            question.choices,
            key=lambda c: sum(d * s for d, s in zip(direction, model.shares(c), strict=True)),
        )
        answers[question.id] = best.key
    return answers


def reaching_answers(bank: Bank, outcome: OutcomeId) -> dict[str, str] | None:
    """An answer set that leans clearly (not a close call) to ``outcome``, if one is found."""
    for role in bank.roles():
        for blend in BLENDS:
            answers = answers_toward(bank, role, outcome, blend)
            scored = score(bank, answers)
            if scored.leaning == outcome and not scored.close_call:
                return answers
    return None
