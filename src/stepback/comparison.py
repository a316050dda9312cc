"""Comparing two answers files for the same bank: then and now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from stepback.answers import read_answers_file, resolve_answers
from stepback.banks import DEFAULT_BANK, load_bank
from stepback.errors import DataError
from stepback.scorer import Result, score

if TYPE_CHECKING:
    from stepback.models import Bank


class Comparison(NamedTuple):
    bank: Bank
    old: Result
    new: Result
    changed: list[tuple[str, str | None, str | None]]  # question id, old key, new key

    def factor_changes(self) -> dict[str, float]:
        return {f: self.new.factors[f] - self.old.factors[f] for f in self.old.factors}


def compare_files(old_path: str, new_path: str, bank_name: str | None) -> Comparison:
    old_data, new_data = read_answers_file(old_path), read_answers_file(new_path)
    if old_data.bank and new_data.bank and old_data.bank != new_data.bank:
        raise DataError(
            f"{old_path} is for bank {old_data.bank!r} but {new_path} is for bank "
            f"{new_data.bank!r}: compare needs two answers files for the same bank"
        )
    bank = load_bank(bank_name or old_data.bank or new_data.bank or DEFAULT_BANK)
    old = resolve_answers(old_data, bank, where=old_path)
    new = resolve_answers(new_data, bank, where=new_path)
    changed = [
        (q.id, old.get(q.id), new.get(q.id))
        for q in bank.questions
        if old.get(q.id) != new.get(q.id)
    ]
    return Comparison(bank, score(bank, old), score(bank, new), changed)


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    def summary(result: Result) -> dict[str, Any]:
        return {
            "leaning": result.leaning,
            "margin": round(result.margin, 4) + 0.0,
            "close_call": result.close_call,
            "outcomes": {o: round(s, 4) + 0.0 for o, s in result.outcomes.items()},
        }

    bank = comparison.bank
    return {
        "bank": {"id": bank.id, "version": bank.version},
        "old": summary(comparison.old),
        "new": summary(comparison.new),
        "leaning_changed": comparison.old.leaning != comparison.new.leaning,
        "factors": {
            f: {
                "old": round(comparison.old.factors[f], 4) + 0.0,
                "new": round(comparison.new.factors[f], 4) + 0.0,
                "change": round(change, 4) + 0.0,
            }
            for f, change in comparison.factor_changes().items()
        },
        "changed_answers": [
            {"question": q, "old": old, "new": new} for q, old, new in comparison.changed
        ],
    }
