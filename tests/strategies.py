"""Hypothesis strategies and helpers for answer sets of a bank."""

from __future__ import annotations

from hypothesis import strategies as st

from stepback.core.models import Bank
from stepback.core.outcomes import SKIP, OutcomeId
from stepback.core.scoring import score


@st.composite
def answer_sets(draw: st.DrawFn, bank: Bank, *, skips: bool = False) -> dict[str, str]:
    """A complete, valid answer set: a role, then one choice per question asked of it
    (or, with ``skips``, sometimes a skip)."""
    role = draw(st.sampled_from(bank.roles()))
    answers = {bank.role_question: role}
    for question in bank.asked(role):
        if question.id != bank.role_question:
            keys = [c.key for c in question.choices] + ([SKIP] if skips else [])
            answers[question.id] = draw(st.sampled_from(keys))
    return answers


def leaning_answers(bank: Bank, role: str, outcome: OutcomeId) -> dict[str, str]:
    """An answer set that favours ``outcome`` for ``role``, found by rescoring whole answer
    sets one question at a time (coordinate ascent on the lead), so that it shares no code
    with the linear shortcuts it is used to check."""

    def gap(answers: dict[str, str]) -> float:
        outcomes = score(bank, answers).outcomes
        return outcomes[outcome] - max(s for o, s in outcomes.items() if o != outcome)

    questions = [q for q in bank.asked(role) if q.id != bank.role_question]
    answers = {bank.role_question: role, **{q.id: q.choices[0].key for q in questions}}
    for _ in range(4):
        for question in questions:
            answers[question.id] = max(
                (c.key for c in question.choices),
                key=lambda key: gap({**answers, question.id: key}),
            )
    return answers
