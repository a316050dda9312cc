"""Deterministic curtailment: knowing when the questions left cannot change the leaning.

The leader stays ahead of a rival exactly while ``sum_f (w_f,leader - w_f,rival) * x_f > 0``,
where ``x_f`` is factor f's score: the shared scale divides every outcome alike, so it never
changes which is ahead. A factor's final score is ``(N + n) / (D + d)``: what is answered so
far (N over D) plus what the questions left add (n over d; a skipped question adds nothing to
either). The lowest such ratio any set of remaining answers can reach is found exactly, per
factor, by taking the remaining questions in order of their most negative effect per unit of
weight and keeping the best prefix (and the highest likewise). Taking each factor's worst case
on its own, as if one answer could pick a different choice for each factor, can only lower the
bound: it may call a settled leaning open (conservative), never an open one settled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from stepback.core.outcomes import OUTCOMES, SKIP, OutcomeId
from stepback.core.scoring import largest_effects, rank, score

if TYPE_CHECKING:
    from stepback.core.models import Bank, Question


class _Span(NamedTuple):
    """What one remaining question can do to one factor: the lowest and highest effect of
    its choices on it, and the weight it adds to the factor's denominator when answered."""

    low: float
    high: float
    weight: float


def _extreme(numerator: float, denominator: float, spans: Sequence[_Span], lowest: bool) -> float:
    """The lowest (or highest) ``(numerator + n) / (denominator + d)`` over every subset of
    ``spans`` answered at their extreme effect; 0 for a factor nothing feeds."""
    sign = 1.0 if lowest else -1.0
    best = sign * (numerator / denominator) if denominator else 0.0
    ordered = sorted(spans, key=lambda s: sign * (s.low if lowest else s.high) / s.weight)
    total_n, total_d = numerator, denominator
    for span in ordered:
        total_n += span.low if lowest else span.high
        total_d += span.weight
        best = min(best, sign * total_n / total_d)
    return sign * best


def _remaining_spans(questions: Sequence[Question]) -> dict[str, list[_Span]]:
    spans: dict[str, list[_Span]] = {}
    for question in questions:
        for factor, weight in largest_effects(question).items():
            if not weight:
                continue
            effects = [c.effects.get(factor, 0.0) for c in question.choices]
            spans.setdefault(factor, []).append(_Span(min(effects), max(effects), weight))
    return spans


def settled_leader(bank: Bank, answers: Mapping[str, str]) -> OutcomeId | None:
    """The outcome that leads whatever the questions not yet answered are answered with (or
    skipped), or None while that is still open. ``answers`` holds the answers given so far.

    Stopping now counts the questions left as skipped, so a leader is settled only if those
    answers alone already lean clearly: with too few answers or a close call, the result
    would say it does not lean, whatever the questions left could do.
    """
    role = answers.get(bank.role_question)
    if role is None:
        return None
    asked = bank.asked(role)
    remaining = [q for q in asked if q.id not in answers]
    scored = score(bank, {**answers, **dict.fromkeys((q.id for q in remaining), SKIP)})
    if not remaining:
        return scored.leaning
    if not scored.clear:
        return None
    numerators = {
        f: x * scored.model.denominators[f] for f, x in scored.factors.items()
    }  # N = x * D, as scored
    spans = _remaining_spans(remaining)
    leader = rank(scored.outcomes)[0]
    weights = {f.id: f.weights for f in bank.factors}
    for rival in OUTCOMES:
        if rival == leader:
            continue
        worst = 0.0
        for factor, weight in weights.items():
            pull = weight.of(leader) - weight.of(rival)
            if not pull:
                continue
            extreme = _extreme(
                numerators[factor],
                scored.model.denominators[factor],
                spans.get(factor, []),
                lowest=pull > 0,
            )
            worst += pull * extreme
        # Strictly ahead: a tie could go either way in the ranking.
        if worst <= 1e-9:
            return None
    return leader


def settled_after(bank: Bank, answers: Mapping[str, str]) -> int | None:
    """After how many of the role's questions, answered in the bank's order, the leaning was
    settled (the role question counts as one); None if it never was before the last."""
    role = answers.get(bank.role_question)
    if role is None:
        return None
    asked = bank.asked(role)
    given: dict[str, str] = {}
    for count, question in enumerate(asked, 1):
        given[question.id] = answers.get(question.id, SKIP)
        if count < len(asked) and settled_leader(bank, given) is not None:
            return count
    return None
