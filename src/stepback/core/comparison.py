"""Comparing two sets of answers to the same bank: then and now."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from stepback.core.scoring import Score, score

if TYPE_CHECKING:
    from stepback.core.models import Bank


class Comparison(NamedTuple):
    old: Score
    new: Score
    changed: tuple[tuple[str, str | None, str | None], ...]  # question id, old key, new key

    @property
    def leaning_changed(self) -> bool:
        return self.old.leaning != self.new.leaning

    def factor_changes(self) -> dict[str, float]:
        return {f: self.new.factors[f] - self.old.factors[f] for f in self.old.factors}


def compare(bank: Bank, old: Mapping[str, str], new: Mapping[str, str]) -> Comparison:
    changed = tuple(
        (q.id, old.get(q.id), new.get(q.id))
        for q in bank.questions
        if old.get(q.id) != new.get(q.id)
    )
    return Comparison(score(bank, old), score(bank, new), changed)
