"""The quiz result and the bank's structure as plain data, for ``--format json``.

Nothing here imports Rich: JSON output stays fast and free of terminal concerns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stepback.quote_selection import choose_quotes

if TYPE_CHECKING:
    from stepback.models import Bank, Quote
    from stepback.scorer import Result

DIGITS = 4


def _round(value: float) -> float:
    return round(value, DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def quote_document(bank: Bank, quote: Quote) -> dict[str, Any]:
    source = bank.source(quote.source)
    return {
        "id": quote.id,
        "text": quote.text,
        "supports": quote.supports,
        "source": {
            "id": source.id,
            "title": source.title,
            "author": source.author,
            "date": source.date,
        },
    }


def result_document(bank: Bank, result: Result) -> dict[str, Any]:
    return {
        "bank": {"id": bank.id, "version": bank.version},
        "leaning": result.leaning,
        "runner_up": result.runner_up,
        "margin": _round(result.margin),
        "close_call": result.close_call,
        "outcomes": {o: _round(s) for o, s in result.outcomes.items()},
        "factors": {f: _round(s) for f, s in result.factors.items()},
        "drivers": [
            {
                "question": d.question,
                "choice": d.choice,
                "factor": d.factor,
                "contribution": _round(d.contribution),
            }
            for d in result.drivers
        ],
        "quotes": [quote_document(bank, q) for q in choose_quotes(bank, result)],
        "next_steps": list(getattr(bank.outcomes, result.leaning).next_steps),
        "answers": dict(result.answers),
    }
