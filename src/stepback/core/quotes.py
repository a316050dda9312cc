"""Choosing the quotes a person sees: the ones that speak to their own strongest factors."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stepback.core.models import Bank, Quote
    from stepback.core.outcomes import OutcomeId
    from stepback.core.scoring import Score

QUOTES_FOR_LEANING = 3


def choose_quotes(bank: Bank, scored: Score) -> list[Quote]:
    """Up to three quotes for the leaning (from different sources where possible), plus one
    for each outcome tied with it in a close call, so every side of a close call is heard.
    """
    weights = {f.id: f.weights for f in bank.factors}

    def relevance(quote: Quote) -> float:
        # How hard this person's own factor scores push toward the outcome the quote supports.
        return sum(
            max(0.0, scored.factors.get(f, 0.0) * weights[f].of(quote.supports))
            for f in quote.factors
            if f in weights
        )

    def best_first(outcome: OutcomeId) -> list[Quote]:
        pool = [q for q in bank.quotes if q.supports == outcome]
        return sorted(pool, key=lambda q: (-relevance(q), q.id))

    ranked = best_first(scored.leaning)
    chosen: list[Quote] = []
    sources: set[str] = set()
    for quote in ranked:
        if len(chosen) < QUOTES_FOR_LEANING and quote.source not in sources:
            chosen.append(quote)
            sources.add(quote.source)
    for quote in ranked:
        if len(chosen) < QUOTES_FOR_LEANING and quote not in chosen:
            chosen.append(quote)
    if scored.close_call:
        for outcome in scored.tied[1:]:
            chosen.extend(best_first(outcome)[:1])
    return chosen
