"""The quiz result and the bank's structure as plain data, for ``--format json``.

Nothing here imports Rich: JSON output stays fast and free of terminal concerns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stepback.quote_selection import choose_quotes

if TYPE_CHECKING:
    from stepback.assessment import Assessment
    from stepback.models import Bank, Quote
    from stepback.tour_plan import Plan

DIGITS = 4


def _round(value: float) -> float:
    return round(value, DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def quote_document(bank: Bank, quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "text": quote.text,
        "supports": quote.supports,
        "source": source_document(bank, quote.source),
    }


def source_document(bank: Bank, source_id: str) -> dict[str, str]:
    source = bank.source(source_id)
    return {"id": source.id, "title": source.title, "author": source.author, "date": source.date}


def plan_document(bank: Bank, plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "problem": plan.problem,
        "months": {"min": plan.months_min, "max": plan.months_max},
        "start": plan.start.isoformat(),
        "review_date": plan.review_date.isoformat(),
        "handback": plan.handback,
        "validate_first": plan.validate_first,
        "source": source_document(bank, plan.source),
    }


def result_document(bank: Bank, assessment: Assessment) -> dict[str, Any]:
    result = assessment.result
    return {
        "bank": {"id": bank.id, "version": bank.version},
        "leaning": result.leaning,
        "runner_up": result.runner_up,
        "margin": _round(result.margin),
        "close_call": result.close_call,
        "strength": assessment.strength,
        "stability": _round(assessment.stability),
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
        "flips": [
            {"question": f.question, "from": f.from_key, "to": f.to_key, "leaning": f.leaning}
            for f in assessment.flips
        ],
        "warnings": [
            {"kind": w.kind, "questions": list(w.questions), "message": w.message}
            for w in assessment.warnings
        ],
        "quotes": [quote_document(bank, q) for q in choose_quotes(bank, result)],
        "next_steps": list(bank.outcome(result.leaning).next_steps),
        "plan": plan_document(bank, assessment.plan),
        "answers": dict(result.answers),
    }
