"""The Markdown renderers: the five personas, the explanation and the comparison, and bank
texts that try to break out of a table, inject HTML or reach the terminal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
from typing import Any, TypeVar

import pytest
from pydantic import BaseModel

from stepback.core.assessment import assess
from stepback.core.comparison import compare
from stepback.core.models import Bank
from stepback.files.answers import load_answer_pair, load_answers
from stepback.files.banks import load_bank
from stepback.render.documents import comparison_document, explain_document, result_document
from stepback.render.markdown import comparison_markdown, explain_markdown, result_markdown
from tests.helpers import PERSONAS

TODAY = dt.date(2025, 1, 6)
PERSONA_NAMES = sorted(path.stem for path in PERSONAS.glob("*.toml"))
OLD = str(PERSONAS / "000_marketing_director.toml")
NEW = str(PERSONAS / "003_tour_of_duty.toml")

# Everything a bank text could try: a cell break, a new row, HTML, a heading, a link, an
# image, emphasis, code, an entity, a list marker, and terminal escapes (CSI, OSC, BEL, CR).
HOSTILE = (
    "- a | b <script>alert(1)</script>\n| x | y |\n# heading [link](javascript:alert(1)) "
    "![img](https://evil.example/x.png) *em* _u_ `code` ~~s~~ &lt;b&gt; "
    "\x1b[31mred\x1b[0m \x1b]0;title\x07\rend\\"
)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def _result(bank: Bank, persona: str) -> dict[str, Any]:
    answers = load_answers(str(PERSONAS / f"{persona}.toml"), bank)
    return result_document(bank, assess(bank, answers, TODAY))


Record = TypeVar("Record")


def _unchecked(record: Record, changes: dict[str, Any]) -> Record:
    """A copy of ``record`` with ``changes``, skipping validation: the renderers must contain
    any text, even text no valid bank could hold (a 300-character outcome label)."""
    if isinstance(record, BaseModel):
        return record.model_copy(update=changes)
    copy: Record = object.__new__(type(record))
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        object.__setattr__(copy, field.name, changes.get(field.name, getattr(record, field.name)))
    return copy


def _hostile_bank(bank: Bank) -> Bank:
    """The core bank with every text a renderer shows replaced by ``HOSTILE``; ids unchanged,
    so the personas still answer it.
    """
    outcomes = _unchecked(
        bank.outcomes,
        {
            o: _unchecked(
                bank.outcome(o),
                {
                    "name": HOSTILE,
                    "label": HOSTILE,
                    "description": HOSTILE,
                    "next_steps": [HOSTILE],
                },
            )
            for o in ("ic", "manager", "tour")
        },
    )
    questions = [
        _unchecked(
            q,
            {
                "text": HOSTILE,
                "choices": [_unchecked(c, {"label": HOSTILE}) for c in q.choices],
            },
        )
        for q in bank.questions
    ]
    tour_plan = bank.tour_plan
    if tour_plan is not None:
        tour_plan = _unchecked(tour_plan, {"handback": [HOSTILE], "validate_first": [HOSTILE]})
    return _unchecked(
        bank,
        {
            "title": HOSTILE,
            "version": HOSTILE,
            "outcomes": outcomes,
            "factors": [_unchecked(f, {"name": HOSTILE}) for f in bank.factors],
            "questions": questions,
            "quotes": [_unchecked(q, {"text": HOSTILE}) for q in bank.quotes],
            "sources": [_unchecked(s, {"title": HOSTILE, "author": HOSTILE}) for s in bank.sources],
            "tour_plan": tour_plan,
        },
    )


def _tables(markdown: str) -> list[list[str]]:
    """Each table as its lines: a table is a run of lines that start with a pipe."""
    tables: list[list[str]] = []
    previous = False
    for line in markdown.splitlines():
        current = line.startswith("|")
        if current and previous:
            tables[-1].append(line)
        elif current:
            tables.append([line])
        previous = current
    return tables


def _assert_contained(markdown: str) -> None:
    """No escape sequence, no HTML, no link or image, no stray heading, and every table row
    has exactly as many cells as its header.
    """
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", markdown)
    assert "<" not in markdown
    assert all(line.startswith(">") for line in markdown.splitlines() if ">" in line[:1])
    assert ">" not in markdown.replace("\n>", "\n")
    assert "](" not in markdown.replace("\\](", "")
    assert "&lt;b&gt;" not in markdown  # a bank's own entity stays literal: its & is escaped
    assert not [line for line in markdown.splitlines() if line.startswith("# heading")]
    assert not [line for line in markdown.splitlines() if line.startswith("- - a")]
    for table in _tables(markdown):
        widths = {len(_UNESCAPED_PIPE.findall(row)) for row in table}
        assert len(widths) == 1, table


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_persona_result_markdown(bank: Bank, persona: str) -> None:
    """Each persona's report names its leaning in the headline, keeps the Rich report's
    sections in order, shows scores signed to two places and quotes with their attribution.
    """
    document = _result(bank, persona)
    markdown = result_markdown(document, bank)
    leaning = bank.outcome(document["leaning"])
    assert markdown.startswith(f"# Your leaning: {leaning.name} ({document['strength']})\n")
    sections = [
        "## Outcomes",
        "## Your factor profile",
        "## What drove it",
        "## What would change this",
        "## In their words",
        "## Next steps",
        "## Sources",
    ]
    positions = [markdown.index(f"\n{s}\n") for s in sections]
    assert positions == sorted(positions)
    assert ("## A tour-of-duty plan" in markdown) == (document["plan"] is not None)
    score = document["outcomes"][document["leaning"]]
    assert f"| {leaning.name} | {score:+.2f} |" in markdown
    assert document["quotes"]
    for quote in document["quotes"]:
        source = bank.source(quote["source"]["id"])
        assert f"> — {source.attribution()}" in markdown
        assert f"\n- {source.attribution()}\n" in markdown or markdown.endswith(
            f"\n- {source.attribution()}\n"
        )
    assert markdown.endswith("\n")
    assert not markdown.endswith("\n\n")
    _assert_contained(markdown)


def test_persona_quotes_appear_verbatim(bank: Bank) -> None:
    """Quote texts with no Markdown-significant characters appear exactly as in the bank."""
    document = _result(bank, "003_tour_of_duty")
    markdown = result_markdown(document, bank)
    plain = [q for q in document["quotes"] if not re.search(r"[\\`*_\[\]#|~<>&]", q["text"])]
    assert plain
    for quote in plain:
        assert f"> _“{quote['text']}”_" in markdown


def test_tour_plan_section(bank: Bank) -> None:
    """The tour persona's plan gives its time box from the assessment date and nested lists."""
    markdown = result_markdown(_result(bank, "003_tour_of_duty"), bank)
    assert "from 2025-01-06" in markdown
    assert "- Hand back when:\n  - " in markdown
    assert "- Validate cheaply first:\n  - " in markdown


def test_close_call_headline_names_both(bank: Bank) -> None:
    """A close call says so and names every tied outcome, without a strength."""
    base = _result(bank, "000_marketing_director")
    document = {**base, "close_call": True, "tied": [base["leaning"], base["runner_up"]]}
    markdown = result_markdown(document, bank)
    first = markdown.splitlines()[0]
    leaning, runner_up = bank.outcome(document["leaning"]), bank.outcome(document["runner_up"])
    assert first == f"# Too close to call: {leaning.name} and {runner_up.name}"


def test_warnings_and_flips(bank: Bank) -> None:
    """Warnings lead the report, before the headline; at most three flips are listed, and
    how many more there are."""
    document = _result(bank, "000_marketing_director")
    question = bank.questions[1]
    flip = {
        "question": question.id,
        "from": question.choices[0].key,
        "to": question.choices[1].key,
        "leaning": "manager",
    }
    document["flips"] = [flip] * 5
    document["warnings"] = [{"kind": "contradiction", "questions": [], "message": "Look again."}]
    markdown = result_markdown(document, bank)
    assert markdown.startswith("**Check your answers:** Look again.\n\n# Your leaning:")
    expected = (
        f"- “{question.text}”: **{question.choices[0].label}** → "
        f"**{question.choices[1].label}** would make it **{bank.outcome('manager').label}**"
    )
    assert markdown.count(expected) == 3
    assert "- and 2 changes of the same size or larger" in markdown


def test_hostile_result_cannot_break_out(bank: Bank) -> None:
    """Hostile texts everywhere in the bank (and in a warning) stay inside their cells and
    lines: no escape sequence, no HTML, no link, image, heading or extra table cell.
    """
    hostile = _hostile_bank(bank)
    document = _result(hostile, "003_tour_of_duty")
    question = hostile.questions[1]
    document["flips"] = [
        {
            "question": question.id,
            "from": question.choices[0].key,
            "to": question.choices[1].key,
            "leaning": "ic",
        }
    ]
    document["warnings"] = [{"kind": "contradiction", "questions": [], "message": HOSTILE}]
    markdown = result_markdown(document, hostile)
    assert document["quotes"][0]["text"] == HOSTILE
    assert "a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\| x \\| y \\| \\# heading" in markdown
    assert "\\[link\\](javascript:alert(1))" in markdown
    assert "\\*em\\* \\_u\\_ \\`code\\` \\~\\~s\\~\\~ &amp;lt;b&amp;gt;" in markdown
    assert "red title" not in markdown  # the OSC title's text goes with its sequence
    assert "red end\\\\" in markdown
    _assert_contained(markdown)


def test_text_cannot_start_a_block(bank: Bank) -> None:
    """A next step or description that looks like a list item or a rule stays a plain line."""
    steps = ["1. first", "- second", "+ third", "---", "2) fifth"]
    leaning = _unchecked(bank.outcomes.ic, {"next_steps": steps, "description": "= setext"})
    changed = _unchecked(bank, {"outcomes": _unchecked(bank.outcomes, {"ic": leaning})})
    markdown = result_markdown(_result(changed, "002_enjoys_coding"), changed)
    assert "1. 1\\. first\n2. \\- second\n3. \\+ third\n4. \\---\n5. 2\\) fifth\n" in markdown
    assert "\n\\= setext\n" in markdown


def test_explain_markdown(bank: Bank) -> None:
    """The explanation has the factor-by-outcome weight table, what feeds each factor, and
    how scoring works; no contributions table without answers.
    """
    markdown = explain_markdown(explain_document(bank))
    names = [bank.outcome(o).name for o in ("ic", "manager", "tour")]
    assert f"| Factor | {' | '.join(names)} |\n| --- | ---: | ---: | ---: |\n" in markdown
    for factor in bank.factors:
        weights = (factor.weights.ic, factor.weights.manager, factor.weights.tour)
        assert f"| {factor.name} | {' | '.join(f'{w:+.2f}' for w in weights)} |" in markdown
        assert f"### {factor.name} (`{factor.id}`)\n" in markdown
    assert "## What feeds each factor" in markdown
    assert "## How scoring works\n\n1. Only the questions asked" in markdown
    assert "## What points to each outcome" in markdown
    assert "contributions" not in markdown
    _assert_contained(markdown)


def test_explain_markdown_with_answers(bank: Bank) -> None:
    """With answers, one contributions row per answered question, by text and choice label."""
    answers = load_answers(NEW, bank)
    document = explain_document(bank, answers)
    markdown = explain_markdown(document)
    assert "## Your answers' contributions" in markdown
    table = next(t for t in _tables(markdown) if t[0].startswith("| Question | Answer |"))
    assert len(table) == 2 + len(document["contributions"])
    role = bank.questions[0]
    assert f"| {role.text} | {role.choice(answers[role.id]).label} |" in markdown


def test_hostile_explain_cannot_break_out(bank: Bank) -> None:
    """Hostile names, question texts and labels stay inside the explanation's tables."""
    hostile = _hostile_bank(bank)
    markdown = explain_markdown(explain_document(hostile, load_answers(NEW, hostile)))
    _assert_contained(markdown)


def test_comparison_markdown(bank: Bank) -> None:
    """Then and now, one factor-change row per factor, and the answers that changed by label,
    with "not asked" for questions one side never saw.
    """
    bank, old, new = load_answer_pair(OLD, NEW, None)
    markdown = comparison_markdown(comparison_document(bank, compare(bank, old, new)), bank)
    assert "| Then | Individual contributor |" in markdown
    assert "| Now | Tour of duty" in markdown
    assert "Your leaning has changed: Individual contributor → Tour of duty" in markdown
    factors = next(t for t in _tables(markdown) if t[0].startswith("| Factor |"))
    assert len(factors) == 2 + len(bank.factors)
    assert "| Which best describes your role today? | Director or above | IC considering" in (
        markdown
    )
    assert "| _not asked_ |" in markdown
    _assert_contained(markdown)


def test_comparison_markdown_same_answers(bank: Bank) -> None:
    """A file compared with itself: the leaning has not changed and no answers changed."""
    bank, old, _ = load_answer_pair(OLD, OLD, None)
    markdown = comparison_markdown(comparison_document(bank, compare(bank, old, old)), bank)
    assert "Your leaning has not changed." in markdown
    assert markdown.endswith("## Answers that changed\n\nNone: the same answers.\n")


def test_hostile_comparison_cannot_break_out(bank: Bank) -> None:
    """Hostile factor names and labels stay inside the comparison's tables."""
    loaded, old, new = load_answer_pair(OLD, NEW, None)
    document = comparison_document(loaded, compare(loaded, old, new))
    markdown = comparison_markdown(document, _hostile_bank(bank))
    _assert_contained(markdown)


def test_import_is_light() -> None:
    """Importing the Markdown renderers imports neither Rich nor pydantic."""
    code = (
        "import sys, stepback.render.markdown\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'pydantic'}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert completed.stdout.strip() == "[]"
