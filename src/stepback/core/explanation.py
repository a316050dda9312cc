"""How scoring works, in words, and which questions feed each factor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stepback.core.scoring import CLOSE_CALL_MARGIN, MIN_ANSWERED

if TYPE_CHECKING:
    from stepback.core.models import Bank

HOW_SCORING_WORKS = (
    "Only the questions asked of your current role count, and a question you skip (I don't "
    "know) counts as missing, not as a middle answer. "
    "Each answer adds its effects to one or more factors. "
    "A factor's score is the sum of your answers' effects on it, divided by the largest "
    "effect those answered questions could have had, so it runs from -1 to +1 (0 means no "
    "signal); a factor no answered question feeds is unknown. "
    "Each outcome's score is every known factor's score times that factor's weight toward the "
    "outcome, divided by the sum of the absolute weights of the known factors toward it, so "
    "it runs from -1 to +1 too. The leaning is the highest outcome; the margin is its lead "
    "over the runner-up; a "
    f"margin under {CLOSE_CALL_MARGIN} is too close to call. With fewer than {MIN_ANSWERED} "
    "questions answered (or fewer than all of them, where fewer are asked), there is not "
    "enough to lean on. Answer order never matters."
)


def feeding_questions(bank: Bank) -> dict[str, list[tuple[str, dict[str, float]]]]:
    """Per factor: the questions that feed it, with the weight each choice adds."""
    fed: dict[str, list[tuple[str, dict[str, float]]]] = {f.id: [] for f in bank.factors}
    for question in bank.questions:
        factors = {f for c in question.choices for f, w in c.effects.items() if w}
        for factor in sorted(factors):
            per_choice = {c.key: c.effects.get(factor, 0.0) for c in question.choices}
            fed[factor].append((question.id, per_choice))
    return fed
