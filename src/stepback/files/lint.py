"""``stepback lint``: every problem of a bank file at once, and warnings about weak banks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from stepback.core.outcomes import OUTCOMES
from stepback.core.reachability import reaching_answers
from stepback.errors import DataError
from stepback.files.banks import read_bank_document, validate_bank
from stepback.files.verbatim import verbatim_problems

if TYPE_CHECKING:
    from stepback.core.models import Bank


class LintReport:
    def __init__(self) -> None:
        self.errors: list[str] = []  # "path: location: problem"
        self.warnings: list[str] = []  # "path: location: warning: ..."


def lint_bank_file(path: str, sources: Path | None = None) -> LintReport:
    report = LintReport()
    try:
        raw = read_bank_document(path)
    except DataError as error:
        report.errors.append(error.message)
        return report
    bank, problems = validate_bank(raw)
    report.errors.extend(f"{path}: {problem}" for problem in problems)
    if bank is None:
        return report
    if sources is not None:
        report.errors.extend(f"{path}: {p}" for p in verbatim_problems(bank, sources))
    report.warnings.extend(f"{path}: {w}" for w in weak_bank_warnings(bank))
    return report


def weak_bank_warnings(bank: Bank) -> list[str]:
    """Signs of a bank that works but measures poorly."""
    warnings = []
    feeders: Counter[str] = Counter()
    for question in bank.questions:
        feeders.update({f for c in question.choices for f, w in c.effects.items() if w})
    for index, factor in enumerate(bank.factors):
        if feeders[factor.id] == 1:
            warnings.append(
                f"factors[{index}]: warning: factor {factor.id!r} is fed by one question only"
            )
    for outcome in OUTCOMES:
        if reaching_answers(bank, outcome) is None:
            warnings.append(f"outcomes.{outcome}: warning: no answer set found that leans to it")
    if not any(is_reverse_keyed(bank, q.id) for q in bank.questions[1:]):
        warnings.append(
            "questions: warning: no reverse-keyed item (one whose first choice pushes away "
            "from IC), so answering the first choice everywhere is a hidden vote"
        )
    return warnings


def is_reverse_keyed(bank: Bank, question_id: str) -> bool:
    """Whether the question's first choice pushes away from IC work."""
    weights = {f.id: f.weights.ic for f in bank.factors}
    first = bank.question(question_id).choices[0]
    return sum(w * weights.get(f, 0.0) for f, w in first.effects.items()) < 0
