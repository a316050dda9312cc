"""Model sensitivity: how much a leaning rests on the bank's own judgement calls.

Every factor weight and every choice effect was chosen by reading the essays; another reader
could have chosen a little differently. So the same answers are scored against many plausible
variants of the bank, each weight and effect multiplied by a factor drawn uniformly from
``BAND`` (signs kept), with a fixed seed, and the share of variants that keep the leaning is
reported. The weights the lead leans on most are read off the linear model exactly.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, NamedTuple

from stepback.core.outcomes import OUTCOMES, SKIP, OutcomeId
from stepback.core.scoring import RANK_DIGITS, shared_scale

if TYPE_CHECKING:
    from stepback.core.models import Bank
    from stepback.core.scoring import Score

BAND = (0.5, 1.5)
SAMPLES = 200
SEED = 2026
# Below this share of plausible weightings keeping the leaning, the stated strength drops
# one level, as it does for a warning about the answers.
SUPPORT_MIN = 0.75
# A sample costs a draw per effect of every answered question's choices; past this many
# draws in all, fewer samples are taken, and a bank so large that even MIN_SAMPLES would
# exceed it (thousands of questions) is not sampled at all: the figure is left out rather
# than made slow or meaningless.
DRAW_BUDGET = 60_000
MIN_SAMPLES = 20
LEANS_ON_SHOWN = 3


class LeanedOn(NamedTuple):
    """A factor weight the lead over the runner-up rests on, and how much of the lead (in
    outcome-score units) it carries; negative when it works against the leaning."""

    factor: str
    outcome: OutcomeId
    weight: float
    share: float


class ModelSupport(NamedTuple):
    share: float  # of the perturbed banks, the share that keep the leaning
    samples: int
    leans_on: tuple[LeanedOn, ...]


def model_support(bank: Bank, scored: Score) -> ModelSupport | None:
    answered = [q for q in scored.model.questions if scored.answers.get(q.id, SKIP) != SKIP]
    # How much one sample costs, cheaply, before deciding whether to sample at all.
    effect_count = sum(len(c.effects) for q in answered for c in q.choices)
    if min(SAMPLES, DRAW_BUDGET // max(effect_count + 3 * len(bank.factors), 1)) < MIN_SAMPLES:
        return None
    factor_index = {f.id: i for i, f in enumerate(bank.factors)}
    # Per answered question and factor it feeds: the factor, every non-zero effect of a
    # choice on it, and which of those is the chosen answer's (-1: it has none).
    plan: list[tuple[int, list[float], int]] = []
    for question in answered:
        chosen = question.choice(scored.answers[question.id])
        for factor_id in sorted({f for c in question.choices for f, w in c.effects.items() if w}):
            nonzero: list[float] = []
            position = -1
            for choice in question.choices:
                if choice.effects.get(factor_id):
                    if choice is chosen:
                        position = len(nonzero)
                    nonzero.append(choice.effects[factor_id])
            plan.append((factor_index[factor_id], nonzero, position))
    draws = sum(len(effects) for _, effects, _ in plan) + 3 * len(bank.factors)
    samples = min(SAMPLES, DRAW_BUDGET // max(draws, 1))
    if samples < MIN_SAMPLES:
        return None
    weights = [[f.weights.of(o) for o in OUTCOMES] for f in bank.factors]
    leaning = OUTCOMES.index(scored.leaning)
    draw = random.Random(SEED).random
    low, span = BAND[0], BAND[1] - BAND[0]
    kept = 0
    count = len(bank.factors)
    for _ in range(samples):
        numerators = [0.0] * count
        denominators = [0.0] * count
        for factor, effects, position in plan:
            largest = 0.0
            for index, effect in enumerate(effects):
                varied = effect * (low + span * draw())
                size = varied if varied >= 0 else -varied
                if size > largest:
                    largest = size
                if index == position:
                    numerators[factor] += varied
            denominators[factor] += largest
        totals = [0.0, 0.0, 0.0]
        for factor in range(count):
            if denominators[factor]:
                x = numerators[factor] / denominators[factor]
                ic, manager, tour = weights[factor]
                totals[0] += ic * (low + span * draw()) * x
                totals[1] += manager * (low + span * draw()) * x
                totals[2] += tour * (low + span * draw()) * x
        # The shared scale divides all outcomes alike, so the ranking needs none of it.
        best = max(range(3), key=lambda o: (round(totals[o], RANK_DIGITS), -o))
        kept += best == leaning
    return ModelSupport(kept / samples, samples, _leans_on(bank, scored))


def _leans_on(bank: Bank, scored: Score) -> tuple[LeanedOn, ...]:
    return tuple(lead_parts(bank, scored)[:LEANS_ON_SHOWN])


def lead_parts(bank: Bank, scored: Score) -> list[LeanedOn]:
    """Each weight's part in the lead, largest first: weight times factor score over the
    shared scale, for the leaning (adding to the lead) and the runner-up (taking from it).
    Together they are the lead, exactly."""
    scale = shared_scale(bank, {f for f, d in scored.model.denominators.items() if d})
    if not scale:
        return []
    parts = []
    for factor in bank.factors:
        x = scored.factors[factor.id]
        if not x:
            continue
        for outcome, sign in ((scored.leaning, 1.0), (scored.runner_up, -1.0)):
            weight = factor.weights.of(outcome)
            if weight:
                parts.append(LeanedOn(factor.id, outcome, weight, sign * weight * x / scale))
    parts.sort(key=lambda p: (-abs(p.share), p.factor, p.outcome))
    return parts


def deciding_weights(bank: Bank, scores: list[Score]) -> list[tuple[str, OutcomeId, int]]:
    """Over many answer sets, how often each weight carries the most of the lead: (factor,
    outcome, how many answer sets), most often first."""
    counts: dict[tuple[str, OutcomeId], int] = {}
    for scored in scores:
        if not scored.clear:
            continue
        top = _leans_on(bank, scored)
        if top:
            key = (top[0].factor, top[0].outcome)
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(factor, outcome, count) for (factor, outcome), count in ranked]
