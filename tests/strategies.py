"""Hypothesis strategies and helpers for complete answer sets of a bank."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from stepback.models import Bank
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


def leaning_answers(bank: Bank, role: str, outcome: str, starts: int = 20) -> dict[str, str]:
    """Answers that favour ``outcome`` as much as a local search can find.

    From several fixed starting points, change one answer at a time while that widens the gap
    between ``outcome`` and the best other outcome; keep the widest gap found.
    """

    def gap(answers: dict[str, str]) -> float:
        outcomes = score(bank, answers).outcomes
        return outcomes[outcome] - max(s for o, s in outcomes.items() if o != outcome)

    questions = [q for q in asked_questions(bank, role) if q.id != bank.role_question]
    rng = random.Random(f"{bank.id}-{role}-{outcome}")
    best_answers: dict[str, str] = {}
    best_gap = float("-inf")
    for _ in range(starts):
        answers = {bank.role_question: role}
        answers.update({q.id: rng.choice(q.choices).key for q in questions})
        current = gap(answers)
        improved = True
        while improved:
            improved = False
            for question in questions:
                for choice in question.choices:
                    trial = {**answers, question.id: choice.key}
                    trial_gap = gap(trial)
                    if trial_gap > current + 1e-12:
                        answers, current, improved = trial, trial_gap, True
        if current > best_gap:
            best_answers, best_gap = answers, current
    return best_answers
