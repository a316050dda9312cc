"""The documents behind ``--format json`` (and the Markdown and JSON exports): plain dicts.

Nothing here imports Rich: JSON output stays fast and free of terminal concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from stepback.core.explanation import (
    HOW_SCORING_WORKS,
    SCORING_STEPS,
    feeding_questions,
    signatures,
)
from stepback.core.outcomes import OUTCOMES, OutcomeId
from stepback.core.scoring import CLOSE_CALL_MARGIN, answer_contributions, score
from stepback.core.sensitivity import BAND, deciding_weights

if TYPE_CHECKING:
    from stepback.core.assessment import Assessment
    from stepback.core.comparison import Comparison
    from stepback.core.models import Bank, Quote
    from stepback.core.scoring import Score
    from stepback.core.sensitivity import ModelSupport
    from stepback.core.tour_plan import Plan
    from stepback.core.validation import Validation

DIGITS = 4
# How many drivers and flips a report shows (JSON carries them all).
DRIVERS_SHOWN = 5
FLIPS_SHOWN = 3


def json_text(document: Any) -> str:
    """A document as JSON; ASCII escapes keep any control character in file text inert."""
    import json

    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def rounded(value: float) -> float:
    """The one rounding of figures in documents; + 0.0 turns -0.0 into 0.0."""
    return round(value, DIGITS) + 0.0


def bank_document(bank: Bank) -> dict[str, str]:
    return {"id": bank.id, "version": bank.version}


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
        "check_in": plan.check_in.isoformat(),
        "review_date": plan.review_date.isoformat(),
        "handback": list(plan.handback),
        "validate_first": list(plan.validate_first),
        "source": source_document(bank, plan.source),
    }


def next_steps(bank: Bank, scored: Score) -> list[str]:
    """The leaning's next steps; when the answers do not point one way, ways to find out."""
    if scored.clear or not bank.explore:
        return list(bank.outcome(scored.leaning).next_steps)
    return list(bank.explore)


def support_document(support: ModelSupport | None) -> dict[str, Any] | None:
    if support is None:
        return None
    return {
        "share": rounded(support.share),
        "samples": support.samples,
        "band": list(BAND),
        "leans_on": [
            {
                "factor": item.factor,
                "outcome": item.outcome,
                "weight": item.weight,
                "share": rounded(item.share),
            }
            for item in support.leans_on
        ],
    }


def result_document(
    bank: Bank, assessment: Assessment, settled_after: int | None = None
) -> dict[str, Any]:
    """``settled_after``: the quiz stopped after that many answers, when the questions left
    could no longer change the leaning."""
    scored = assessment.score
    return {
        "bank": bank_document(bank),
        "leaning": scored.leaning,
        "runner_up": scored.runner_up,
        "margin": rounded(scored.margin),
        "close_call": scored.close_call,
        "tied": list(scored.tied) if scored.close_call else [],
        "enough_answers": scored.enough_answers,
        "strength": assessment.strength,
        "stability": rounded(assessment.stability),
        "model_support": support_document(assessment.support),
        "outcomes": {o: rounded(s) for o, s in scored.outcomes.items()},
        "factors": {f: rounded(s) for f, s in scored.factors.items()},
        "unknown_factors": list(scored.unknown_factors),
        "drivers": [
            {
                "question": d.question,
                "choice": d.choice,
                "factor": d.factor,
                "contribution": rounded(d.contribution),
            }
            for d in scored.drivers
        ],
        "flips": [
            {"question": f.question, "from": f.from_key, "to": f.to_key, "leaning": f.leaning}
            for f in assessment.flips
        ],
        "warnings": [
            {"kind": w.kind, "questions": list(w.questions), "message": w.message}
            for w in assessment.warnings
        ],
        "quotes": [quote_document(bank, q) for q in assessment.quotes],
        "next_steps": next_steps(bank, scored),
        "plan": plan_document(bank, assessment.plan),
        "answered": scored.answered,
        "asked": scored.asked,
        "settled_early": settled_after is not None,
        "settled_after": settled_after,
        "skipped": list(scored.skipped),
        "answers": dict(scored.answers),
    }


def explain_document(
    bank: Bank,
    answers: Mapping[str, str] | None = None,
    corpus: Sequence[Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """``corpus``: answer sets (a validation corpus) over which to count the weights that most
    often carry a leaning."""
    fed = feeding_questions(bank)
    signed = signatures(bank)
    document: dict[str, Any] = {
        "bank": {**bank_document(bank), "title": bank.title},
        "how_scoring_works": HOW_SCORING_WORKS,
        "scoring_steps": list(SCORING_STEPS),
        "close_call_margin": CLOSE_CALL_MARGIN,
        "outcomes": {
            o: {
                "label": bank.outcome(o).label,
                "name": bank.outcome(o).name,
                "description": bank.outcome(o).description,
                "signature": [
                    {"factor": f, "direction": "high" if d > 0 else "low"} for f, d in signed[o]
                ],
            }
            for o in OUTCOMES
        },
        "factors": [
            {
                "id": f.id,
                "name": f.name,
                "description": f.description,
                "weights": f.weights.model_dump(),
                "fed_by": [{"question": q, "choices": c} for q, c in fed[f.id]],
            }
            for f in bank.factors
        ],
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "roles": q.roles,
                "choices": [
                    {"key": c.key, "label": c.label, "effects": dict(c.effects)} for c in q.choices
                ],
            }
            for q in bank.questions
        ],
    }
    if corpus is not None:
        document["deciding_weights"] = [
            {"factor": f, "outcome": o, "weight": _weight(bank, f, o), "answer_sets": n}
            for f, o, n in deciding_weights(bank, [score(bank, a) for a in corpus])
        ]
    if answers is not None:
        document["contributions"] = [
            {"question": q, "choice": c, "outcomes": {o: rounded(v) for o, v in s.items()}}
            for q, c, s in answer_contributions(score(bank, answers))
        ]
    return document


def _weight(bank: Bank, factor_id: str, outcome: OutcomeId) -> float:
    return next(f.weights.of(outcome) for f in bank.factors if f.id == factor_id)


def comparison_document(bank: Bank, comparison: Comparison) -> dict[str, Any]:
    def summary(scored: Score) -> dict[str, Any]:
        return {
            "leaning": scored.leaning,
            "margin": rounded(scored.margin),
            "close_call": scored.close_call,
            "outcomes": {o: rounded(s) for o, s in scored.outcomes.items()},
        }

    old, new = comparison.old, comparison.new
    return {
        "bank": bank_document(bank),
        "old": summary(old),
        "new": summary(new),
        "leaning_changed": comparison.leaning_changed,
        "factors": {
            f: {
                "old": rounded(old.factors[f]),
                "new": rounded(new.factors[f]),
                "change": rounded(c),
            }
            for f, c in comparison.factor_changes().items()
        },
        "changed_answers": [
            {"question": q, "old": before, "new": after} for q, before, after in comparison.changed
        ],
    }


def validation_document(bank: Bank, validation: Validation) -> dict[str, Any]:
    return {
        "bank": bank_document(bank),
        "accounts": len(validation.cases),
        "accuracy": rounded(validation.accuracy),
        "leaned": len(validation.leaned),
        "accuracy_when_leaning": rounded(validation.accuracy_when_leaning),
        "recall": {o: rounded(r) for o, r in validation.recall.items()},
        "confusion": {
            expected: {got: validation.confusion[expected][got] for got in validation.columns}
            for expected in OUTCOMES
        },
        "cases": [
            {
                "file": case.name,
                "expected": case.expected,
                "leaning": case.got,
                "margin": rounded(case.margin),
                "strength": case.strength,
                "hit": case.hit,
            }
            for case in validation.cases
        ],
        "misses": [case.name for case in validation.cases if not case.hit],
    }
