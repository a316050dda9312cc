"""How scoring works, in words; which questions feed each factor; what points to each outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stepback.core.outcomes import OUTCOMES, OutcomeId
from stepback.core.scoring import CLOSE_CALL_MARGIN, MIN_ANSWERED

if TYPE_CHECKING:
    from stepback.core.models import Bank

# The one explanation of scoring: ``stepback explain`` prints it and the README is generated
# from it, so the words cannot drift from the code they describe.
SCORING_STEPS = (
    "Only the questions asked of your current role count. A question you skip (I don't know) "
    "is missing data, not a middle answer: it drops out of everything below.",
    "Each answer adds its effects to one or more factors (for example, your need for hands-on "
    "technical stimulation). A factor's score is the sum of your answers' effects on it, "
    "divided by the largest effect those same answered questions could have had: from -1 to "
    "+1, where 0 means no signal. A factor that no answered question feeds is unknown.",
    "Each factor has a weight toward each outcome. An outcome's score is every known factor's "
    "score times its weight toward that outcome, divided by one scale shared by all three "
    "outcomes (the largest of their total absolute weights over the known factors): from -1 "
    "to +1, and a weight of 2 counts the same for every outcome.",
    "The leaning is the highest outcome and the margin is its lead over the runner-up. A "
    f"margin under {CLOSE_CALL_MARGIN} is too close to call, and every outcome that close to "
    f"the top is named. With fewer than {MIN_ANSWERED} questions answered (or fewer than all "
    "of them, where fewer are asked) there is not enough to lean on, and the result says so.",
    "Every step is a weighted sum, so each answer's share of every outcome score can be read "
    "off exactly: the largest shares of the lead are the drivers in the report. Answer order "
    "never matters, and the same answers always give the same result.",
)
HOW_SCORING_WORKS = " ".join(SCORING_STEPS)


def feeding_questions(bank: Bank) -> dict[str, list[tuple[str, dict[str, float]]]]:
    """Per factor: the questions that feed it, with the weight each choice adds."""
    fed: dict[str, list[tuple[str, dict[str, float]]]] = {f.id: [] for f in bank.factors}
    for question in bank.questions:
        factors = {f for c in question.choices for f, w in c.effects.items() if w}
        for factor in sorted(factors):
            per_choice = {c.key: c.effects.get(factor, 0.0) for c in question.choices}
            fed[factor].append((question.id, per_choice))
    return fed


def signatures(bank: Bank) -> dict[OutcomeId, list[tuple[str, int]]]:
    """Per outcome, the evidence that points to it and to no other: each (factor, direction)
    where a high (+1) or low (-1) factor score raises that outcome more than both others."""
    found: dict[OutcomeId, list[tuple[str, int]]] = {o: [] for o in OUTCOMES}
    for factor in bank.factors:
        for direction in (1, -1):
            pull = {o: direction * factor.weights.of(o) for o in OUTCOMES}
            best = max(pull.values())
            top = [o for o in OUTCOMES if pull[o] == best]
            if len(top) == 1 and best > 0:
                found[top[0]].append((factor.id, direction))
    return found
