"""What a person reads in place of the ids in a document: outcome, factor, question and
choice names, and sources named by their short names instead of codes like ``s002``.

It falls back to the id for anything the bank lacks, so a document from a slightly different
bank still renders instead of failing. No Rich here: Markdown and JSON paths use it too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stepback.core.outcomes import OUTCOMES, SKIP

if TYPE_CHECKING:
    from stepback.core.models import Bank, Outcome

SKIPPED = "skipped (I don't know)"


class Names:
    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.factors = {f.id: f.name for f in bank.factors}
        self.questions = {q.id: q for q in bank.questions}
        self.sources = {s.id: s for s in bank.sources}
        shorts = {s.id: s.short for s in bank.sources if s.short}
        self._codes = (
            re.compile(r"\b(" + "|".join(map(re.escape, sorted(shorts))) + r")\b")
            if shorts
            else None
        )
        self._shorts = shorts

    def _outcome(self, outcome_id: str) -> Outcome | None:
        for known in OUTCOMES:
            if known == outcome_id:
                return self.bank.outcome(known)
        return None

    def outcome(self, outcome_id: str) -> str:
        outcome = self._outcome(outcome_id)
        return outcome.name if outcome is not None else outcome_id

    def label(self, outcome_id: str) -> str:
        outcome = self._outcome(outcome_id)
        return outcome.label if outcome is not None else outcome_id

    def description(self, outcome_id: str) -> str:
        outcome = self._outcome(outcome_id)
        return self.cite(outcome.description) if outcome is not None else ""

    def factor(self, factor_id: str) -> str:
        return self.factors.get(factor_id, factor_id)

    def question(self, question_id: str) -> str:
        question = self.questions.get(question_id)
        return question.text if question is not None else question_id

    def choice(self, question_id: str, key: str | None) -> str:
        if key is None:
            return "not asked"
        if key == SKIP:
            return SKIPPED
        question = self.questions.get(question_id)
        choices = {c.key: c.label for c in question.choices} if question is not None else {}
        return choices.get(key, key)

    def attribution(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return source.attribution() if source is not None else source_id

    def cite(self, text: str) -> str:
        """``text`` with every source id (``s002``) replaced by the source's short name; a
        citation in brackets that the sentence already names in words is dropped."""
        if self._codes is None:
            return text
        words = _letters(text)

        def bracket(match: re.Match[str]) -> str:
            ids = [i.strip() for i in match.group(1).split(",")]
            named = [self._shorts[i] for i in ids if _letters(self._shorts[i]) not in words]
            return f" ({', '.join(named)})" if named else ""

        cited = _BRACKETED.sub(
            lambda m: (
                bracket(m)
                if all(i.strip() in self._shorts for i in m.group(1).split(","))
                else m.group(0)
            ),
            text,
        )
        return self._codes.sub(lambda match: self._shorts[match.group(1)], cited)


_BRACKETED = re.compile(r" \((s\d+(?:, s\d+)*)\)")


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())
