"""Choosing the quotes a person sees: the ones that speak to their own strongest factors."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stepback.models import Bank, Quote
    from stepback.scorer import Result

QUOTES_FOR_LEANING = 3


def choose_quotes(bank: Bank, result: Result) -> list[Quote]:
    """Up to three quotes for the leaning (from different sources where possible), plus one
    for the runner-up in a close call, so both sides of a close call are heard.
    """
    weights = {f.id: f.weights for f in bank.factors}

    def relevance(quote: Quote) -> float:
        # How hard this person's own factor scores push toward the outcome the quote supports.
        return sum(
            max(0.0, result.factors.get(f, 0.0) * float(getattr(weights[f], quote.supports)))
            for f in quote.factors
            if f in weights
        )

    def best_first(outcome: str) -> list[Quote]:
        pool = [q for q in bank.quotes if q.supports == outcome]
        return sorted(pool, key=lambda q: (-relevance(q), q.id))

    ranked = best_first(result.leaning)
    chosen: list[Quote] = []
    sources: set[str] = set()
    for quote in ranked:
        if len(chosen) < QUOTES_FOR_LEANING and quote.source not in sources:
            chosen.append(quote)
            sources.add(quote.source)
    for quote in ranked:
        if len(chosen) < QUOTES_FOR_LEANING and quote not in chosen:
            chosen.append(quote)
    if result.close_call:
        chosen.extend(best_first(result.runner_up)[:1])
    return chosen
