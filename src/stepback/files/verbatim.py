"""The verbatim rule for quotes: after collapsing runs of whitespace and dropping Markdown
emphasis markers (``**``, ``__``, ``_``), a quote is a contiguous substring of its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stepback.core.models import Bank

_WHITESPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    without_emphasis = text.replace("**", "").replace("__", "").replace("_", "")
    return _WHITESPACE.sub(" ", without_emphasis).strip()


def is_verbatim(passage: str, source_text: str) -> bool:
    return normalize(passage) in normalize(source_text)


def quoted_passages(bank: Bank) -> Iterator[tuple[str, str, str]]:
    """Every (location, source id, text) in ``bank`` that must be verbatim."""
    for index, factor in enumerate(bank.factors):
        for p_index, passage in enumerate(factor.passages):
            yield f"factors[{index}].passages[{p_index}]", passage.source, passage.text
    for index, question in enumerate(bank.questions):
        yield f"questions[{index}].why", question.why.source, question.why.text
    for index, quote in enumerate(bank.quotes):
        yield f"quotes[{index}]", quote.source, quote.text


def verbatim_problems(bank: Bank, sources_dir: Path) -> list[str]:
    """``location: problem`` for every passage not found verbatim in its source file."""
    texts: dict[str, str | None] = {}
    problems = []
    for source in bank.sources:
        try:
            texts[source.id] = (sources_dir / source.file).read_text(encoding="utf-8")
        except OSError:
            texts[source.id] = None
            problems.append(f"sources: cannot read {source.file} in {sources_dir}")
    for location, source_id, text in quoted_passages(bank):
        source_text = texts.get(source_id)
        if source_text is not None and not is_verbatim(text, source_text):
            problems.append(f"{location}: not verbatim in source {source_id!r}: {text[:60]!r}")
    return problems
