"""Hypothesis strategies and helpers for complete answer sets of a bank."""

from __future__ import annotations

from hypothesis import strategies as st

from stepback.models import Bank
from stepback.reachability import BLENDS, answers_toward
from stepback.scorer import asked_questions, score


@st.composite
def answer_sets(draw: st.DrawFn, bank: Bank) -> dict[str, str]:
    """A complete, valid answer set: a role, then one choice per question asked of it."""
    role_question = next(q for q in bank.questions if q.id == bank.role_question)
    role = draw(st.sampled_from([c.key for c in role_question.choices]))
    answers = {bank.role_question: role}
    for question in asked_questions(bank, role):
        if question.id != bank.role_question:
            answers[question.id] = draw(st.sampled_from([c.key for c in question.choices]))
    return answers


def leaning_answers(bank: Bank, role: str, outcome: str) -> dict[str, str]:
    """Of the answer sets that favour ``outcome`` for ``role``, the one with the widest lead."""

    def gap(answers: dict[str, str]) -> float:
        outcomes = score(bank, answers).outcomes
        return outcomes[outcome] - max(s for o, s in outcomes.items() if o != outcome)

    candidates = [answers_toward(bank, role, outcome, blend) for blend in BLENDS]
    return max(candidates, key=gap)
