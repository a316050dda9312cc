"""What ``stepback explain`` says: the bank's factor weights and how scoring works, as data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stepback.scorer import CLOSE_CALL_MARGIN, OUTCOME_ORDER, answer_contributions

if TYPE_CHECKING:
    from stepback.models import Bank

HOW_SCORING_WORKS = (
    "Only the questions asked of your current role count. "
    "Each answer adds its effects to one or more factors. "
    "A factor's score is the sum of your answers' effects on it, divided by the largest "
    "effect those questions could have had, so it runs from -1 to +1 (0 means no signal). "
    "Each outcome's score is every factor score times that factor's weight toward the "
    "outcome, divided by the sum of the absolute weights toward it, so it runs from -1 to +1 "
    "too. The leaning is the highest outcome; the margin is its lead over the runner-up; a "
    f"margin under {CLOSE_CALL_MARGIN} is too close to call. Answer order never matters."
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


def explain_document(bank: Bank, answers: Mapping[str, str] | None = None) -> dict[str, Any]:
    fed = feeding_questions(bank)
    document: dict[str, Any] = {
        "bank": {"id": bank.id, "version": bank.version, "title": bank.title},
        "how_scoring_works": HOW_SCORING_WORKS,
        "close_call_margin": CLOSE_CALL_MARGIN,
        "outcomes": {
            o: {
                "name": getattr(bank.outcomes, o).name,
                "description": getattr(bank.outcomes, o).description,
            }
            for o in OUTCOME_ORDER
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
    if answers is not None:
        document["contributions"] = [
            {"question": q, "choice": c, "outcomes": {o: round(v, 4) + 0.0 for o, v in s.items()}}
            for q, c, s in answer_contributions(bank, answers)
        ]
    return document
