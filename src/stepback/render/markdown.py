"""The quiz report, the explanation and the comparison as GitHub-flavoured Markdown.

Each renderer takes the JSON document the CLI already produces for ``--format json``, so the
Markdown says exactly what the JSON says; the bank only supplies names in place of ids. No Rich
and no pydantic here: Markdown output stays as light as JSON output.

Bank and answers files can come from anyone, and Markdown is read by renderers that honour
HTML, links and tables. Every text from a file therefore goes through ``_text`` (or ``_cell``):
escape sequences and control characters are removed, line breaks are folded into spaces, HTML
is turned into entities and Markdown punctuation is backslash-escaped, so a text can never
start a block of its own, end a table row, open a link or inject a tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from stepback.render.documents import DRIVERS_SHOWN, FLIPS_SHOWN
from stepback.render.names import Names
from stepback.render.terminal_text import plural, without_escapes
from stepback.render.wording import (
    confidence,
    drivers_by_question,
    headline,
    leans_clearly,
    leans_on,
    settled_note,
    support_note,
    validation_figures,
)

if TYPE_CHECKING:
    from stepback.core.models import Bank


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that open emphasis, code, links, headings, strikethrough or table cells.
_PUNCTUATION = re.compile(r"([\\`*_\[\]#|~])")
# Texts that would open a list, a thematic break or a setext underline at the start of a line.
_BLOCK_START = re.compile(r"^(?:(\d{1,9})([.)])|([-+=]))")
_CODE_SAFE = re.compile(r"[A-Za-z0-9_.\-]+")


def _text(value: object) -> str:
    """``value`` as literal inline Markdown on a single line, safe anywhere in a line."""
    folded = " ".join(without_escapes(str(value)).split())
    escaped = "".join(_HTML.get(char, char) for char in folded)
    return _PUNCTUATION.sub(r"\\\1", escaped)


def _lead(value: object) -> str:
    """Like ``_text``, for text that starts a paragraph or a list item's content."""

    def escape(match: re.Match[str]) -> str:
        digits, delimiter, marker = match.groups()
        return f"{digits}\\{delimiter}" if digits else f"\\{marker}"

    return _BLOCK_START.sub(escape, _text(value), count=1)


def _code(value: object) -> str:
    """An identifier as a code span; anything that might break out of one as plain text."""
    text = without_escapes(str(value))
    return f"`{text}`" if _CODE_SAFE.fullmatch(text) else _text(text)


def _signed(value: float, digits: int = 2) -> str:
    return f"{value:+.{digits}f}"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: int = 0) -> str:
    """A table whose cells are already escaped; the last ``numeric`` columns align right."""
    align = ["---"] * (len(header) - numeric) + ["---:"] * numeric
    lines = [_row(header), _row(align)]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    # An empty cell still needs a space, or some renderers merge it into its neighbour.
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def _bullets(items: Iterable[str], *, numbered: bool = False, indent: str = "") -> str:
    """List items already escaped with ``_lead``."""
    return "\n".join(
        f"{indent}{f'{n}.' if numbered else '-'} {item}" for n, item in enumerate(items, 1)
    )


def _heading(level: int, title: str, note: str = "") -> str:
    heading = f"{'#' * level} {title}"
    return f"{heading}\n\n_{note}_" if note else heading


def _document(blocks: Iterable[str]) -> str:
    return "\n\n".join(block for block in blocks if block) + "\n"


# The quiz result ------------------------------------------------------------------------


def result_markdown(document: Mapping[str, Any], bank: Bank) -> str:
    """The report for ``stepback quiz``, from its ``--format json`` document."""
    names = Names(bank)
    leaning, runner_up = document["leaning"], document["runner_up"]
    blocks = [_headline(document, names)]
    blocks.append(_heading(2, "Outcomes", "Scores run from -1 to +1."))
    blocks.append(
        _table(
            ["Outcome", "Score"],
            ([_text(names.outcome(o)), _signed(s)] for o, s in document["outcomes"].items()),
            numeric=1,
        )
    )
    blocks.append(
        _heading(2, "Your factor profile", "Below zero: away from it; above zero: toward it.")
    )
    blocks.append(
        _table(
            ["Factor", "Score"],
            (
                [
                    _text(names.factor(f)),
                    "unknown" if f in document["unknown_factors"] else _signed(s),
                ]
                for f, s in document["factors"].items()
            ),
            numeric=1,
        )
    )
    over = f"{_text(names.label(leaning))} over {_text(names.label(runner_up))}."
    blocks.append(_heading(2, "What drove it", over))
    blocks.append(_drivers(document, names))
    blocks.append(_heading(2, "What would change this", "One answer moved one step."))
    blocks.append(_flips(document["flips"], names))
    rests_on = leans_on(names, document)
    if rests_on:
        blocks.append(
            _heading(2, "What it rests on", "The bank's weights that carry the lead most.")
        )
        blocks.append(_bullets(_lead(line) for line in rests_on))
    if document["plan"] is not None:
        blocks.append(_heading(2, "A tour-of-duty plan"))
        blocks.append(_plan(document["plan"], names))
    blocks.append(_heading(2, "In their words"))
    blocks.extend(
        f"> _“{_text(q['text'])}”_\n>\n> — {_text(names.attribution(q['source']['id']))}"
        for q in document["quotes"]
    )
    exploring = not leans_clearly(document)
    blocks.append(_heading(2, "Next steps: find out more" if exploring else "Next steps"))
    steps = (_lead(names.cite(step)) for step in document["next_steps"])
    blocks.append(_bullets(steps, numbered=True))
    if document["skipped"]:
        blocks.append(_heading(2, "Questions you skipped", "They count for nothing either way."))
        blocks.append(_bullets(_lead(names.question(q)) for q in document["skipped"]))
    blocks.append(_heading(2, "Sources"))
    blocks.append(_bullets(_lead(names.attribution(s.id)) for s in bank.sources))
    return _document(blocks)


def _headline(document: Mapping[str, Any], names: Names) -> str:
    blocks = []
    for warning in document["warnings"]:
        blocks.append(f"**Check your answers:** {_text(warning['message'])}")
    subtitle = f"_{_text(names.bank.title)} · version {_text(document['bank']['version'])}_"
    blocks += [_heading(1, _text(headline(names, document))), subtitle]
    blocks.append(_lead(confidence(names, document)))
    for note in (support_note(document), settled_note(document)):
        if note is not None:
            blocks.append(_lead(note))
    if leans_clearly(document):
        blocks.append(_lead(names.description(document["leaning"])))
    return _document(blocks).rstrip("\n")


def _drivers(document: Mapping[str, Any], names: Names) -> str:
    ranked = drivers_by_question(document, DRIVERS_SHOWN)
    if not ranked:
        return "No single answer stands out: the outcomes are nearly level."
    rows = (
        [_text(f"“{names.question(q)}”"), _text(names.choice(q, document["answers"][q]))]
        for q in ranked
    )
    return _table(["Question", "Your answer"], rows)


def _flips(flips: Sequence[Mapping[str, Any]], names: Names) -> str:
    if not flips:
        return "No single one-step change to an answer would change the leaning."
    items = [
        f"“{_text(names.question(f['question']))}”: "
        f"**{_text(names.choice(f['question'], f['from']))}** → "
        f"**{_text(names.choice(f['question'], f['to']))}** "
        f"would make it **{_text(names.label(f['leaning']))}**"
        for f in flips[:FLIPS_SHOWN]
    ]
    if len(flips) > FLIPS_SHOWN:
        more = len(flips) - FLIPS_SHOWN
        items.append(f"and {plural(more, 'change')} of the same size or larger")
    return _bullets(items)


def _plan(plan: Mapping[str, Any], names: Names) -> str:
    months = plan["months"]
    items = []
    if plan["problem"] is not None:
        items.append(f"What it is for (your answer): _{_text(plan['problem'])}_")
    items.append(
        f"Time box {months['min']} to {months['max']} months from {_text(plan['start'])}: "
        f"check in on {_text(plan['check_in'])}, review on {_text(plan['review_date'])} "
        f"(hand back, or extend once, up to {months['max']} months)."
    )
    handback = _bullets((_lead(names.cite(h)) for h in plan["handback"]), indent="  ")
    items.append(f"Hand back when:\n{handback}")
    if plan["validate_first"]:
        validate = _bullets((_lead(v) for v in plan["validate_first"]), indent="  ")
        items.append(f"Validate cheaply first:\n{validate}")
    source = f"Source: {_text(names.attribution(plan['source']['id']))}"
    return f"{_bullets(items)}\n\n{source}"


# The explanation ------------------------------------------------------------------------


def explain_markdown(document: Mapping[str, Any]) -> str:
    """The explanation for ``stepback explain``, from its ``--format json`` document.

    The document carries every name it needs, so no bank is required.
    """
    outcomes: Mapping[str, Mapping[str, Any]] = document["outcomes"]
    questions = {q["id"]: q for q in document["questions"]}
    factor_names = {f["id"]: f["name"] for f in document["factors"]}
    bank = document["bank"]
    blocks = [
        _heading(1, _text(bank["title"])),
        f"_Version {_text(bank['version'])}: factor weights and how scoring works._",
        _heading(
            2, "Factor weights", "How a positive score on each factor pushes toward each outcome."
        ),
        _table(
            ["Factor", *(_text(o["name"]) for o in outcomes.values())],
            (
                [_text(f["name"]), *(_signed(f["weights"][o]) for o in outcomes)]
                for f in document["factors"]
            ),
            numeric=len(outcomes),
        ),
        _heading(2, "What points to each outcome", "The evidence each needs of its own."),
        _bullets(
            f"{_lead(o['name'])}: "
            + (
                _text(
                    ", ".join(
                        f"{s['direction']} {factor_names.get(s['factor'], s['factor'])}"
                        for s in o["signature"]
                    )
                )
                or "nothing of its own"
            )
            for o in outcomes.values()
        ),
        _heading(2, "What feeds each factor", "Each question, with the weight each choice adds."),
    ]
    for factor in document["factors"]:
        blocks.append(_heading(3, f"{_text(factor['name'])} ({_code(factor['id'])})"))
        blocks.append(_fed_by(factor["fed_by"], questions))
    if "deciding_weights" in document:
        blocks.append(
            _heading(2, "The weights that most often carry a leaning", "Over the answers given.")
        )
        blocks.append(
            _table(
                ["Factor", "Toward", "Weight", "Answer sets"],
                (
                    [
                        _text(factor_names.get(d["factor"], d["factor"])),
                        _text(outcomes[d["outcome"]]["name"]),
                        f"{d['weight']:+g}",
                        str(d["answer_sets"]),
                    ]
                    for d in document["deciding_weights"]
                ),
                numeric=2,
            )
        )
    if "contributions" in document:
        blocks.append(
            _heading(2, "Your answers' contributions", "Each answer's share of each outcome score.")
        )
        blocks.append(_contributions(document["contributions"], outcomes, questions))
    blocks.append(_heading(2, "How scoring works"))
    blocks.append(_bullets((_lead(step) for step in document["scoring_steps"]), numbered=True))
    return _document(blocks)


def _fed_by(fed_by: Sequence[Mapping[str, Any]], questions: Mapping[str, Any]) -> str:
    if not fed_by:
        return "No question feeds this factor."
    items = []
    for feed in fed_by:
        question = questions.get(feed["question"], {"text": feed["question"]})
        weights = ", ".join(f"{_code(k)} {w:+g}" for k, w in feed["choices"].items())
        items.append(f"“{_text(question['text'])}” ({_code(feed['question'])}): {weights}")
    return _bullets(items)


def _contributions(
    contributions: Sequence[Mapping[str, Any]],
    outcomes: Mapping[str, Mapping[str, Any]],
    questions: Mapping[str, Any],
) -> str:
    rows = []
    for entry in contributions:
        question = questions.get(entry["question"], {"text": entry["question"], "choices": []})
        labels = {c["key"]: c["label"] for c in question["choices"]}
        rows.append(
            [
                _text(question["text"]),
                _text(labels.get(entry["choice"], entry["choice"])),
                *(_signed(entry["outcomes"][o], 3) for o in outcomes),
            ]
        )
    header = ["Question", "Answer", *(_text(o["name"]) for o in outcomes.values())]
    return _table(header, rows, numeric=len(outcomes))


# The comparison -------------------------------------------------------------------------


def comparison_markdown(document: Mapping[str, Any], bank: Bank) -> str:
    """The comparison for ``stepback compare``, from its ``--format json`` document."""
    names = Names(bank)
    old, new = document["old"], document["new"]

    def note(summary: Mapping[str, Any]) -> str:
        return "too close to call" if summary["close_call"] else f"{summary['margin']:.2f}"

    if document["leaning_changed"]:
        verdict = (
            f"Your leaning has changed: {_text(names.outcome(old['leaning']))} → "
            f"{_text(names.outcome(new['leaning']))}."
        )
    else:
        verdict = "Your leaning has not changed."
    factors: Mapping[str, Mapping[str, float]] = document["factors"]
    return _document(
        [
            _heading(1, "Then and now"),
            f"_{_text(bank.title)} · version {_text(document['bank']['version'])}_",
            _table(
                ["", "Leaning", "Lead over the runner-up"],
                [
                    ["Then", _text(names.outcome(old["leaning"])), note(old)],
                    ["Now", _text(names.outcome(new["leaning"])), note(new)],
                ],
            ),
            verdict,
            _heading(2, "Factor changes", "Below zero: lower now; above zero: higher now."),
            _table(
                ["Factor", "Then", "Now", "Change"],
                (
                    [
                        _text(names.factor(f)),
                        _signed(v["old"]),
                        _signed(v["new"]),
                        _signed(v["change"]),
                    ]
                    for f, v in factors.items()
                ),
                numeric=3,
            ),
            _heading(2, "Answers that changed"),
            _changed(document["changed_answers"], names),
        ]
    )


def _changed(changed: Sequence[Mapping[str, Any]], names: Names) -> str:
    if not changed:
        return "None: the same answers."

    def answer(question_id: str, key: str | None) -> str:
        return "_not asked_" if key is None else _text(names.choice(question_id, key))

    rows = (
        [
            _text(names.question(c["question"])),
            answer(c["question"], c["old"]),
            answer(c["question"], c["new"]),
        ]
        for c in changed
    )
    return _table(["Question", "Then", "Now"], rows)


# The validation --------------------------------------------------------------------------


def validation_markdown(document: Mapping[str, Any], bank: Bank) -> str:
    """The report of ``stepback validate``, from its ``--format json`` document."""
    names = Names(bank)

    def column(key: str) -> str:
        return "No clear leaning" if key == "none" else _text(names.label(key))

    confusion: Mapping[str, Mapping[str, int]] = document["confusion"]
    columns = list(next(iter(confusion.values())))
    misses = [case for case in document["cases"] if not case["hit"]]
    return _document(
        [
            _heading(1, "How well the leaning matches real decisions"),
            f"_{_text(bank.title)} · version {_text(document['bank']['version'])}_",
            " ".join(validation_figures(document)),
            _heading(2, "Confusion matrix", "Rows: what people chose; columns: the leaning."),
            _table(
                ["Chose", *(column(c) for c in columns), "Recall"],
                (
                    [
                        _text(names.label(outcome)),
                        *(str(row[c]) for c in columns),
                        f"{document['recall'][outcome]:.0%}",
                    ]
                    for outcome, row in confusion.items()
                ),
                numeric=len(columns) + 1,
            ),
            _heading(2, "Misses"),
            _bullets(
                f"{_code(m['file'])}: chose {_text(names.label(m['expected']))}, got "
                f"{column(m['leaning'])} (margin {m['margin']:.2f}, {_text(m['strength'])})"
                for m in misses
            )
            if misses
            else "None.",
        ]
    )


# The bank catalogue ----------------------------------------------------------------------


def catalogue_markdown(rows: Sequence[Mapping[str, Any]]) -> str:
    """The table of ``stepback banks``."""
    return _document(
        [
            _table(
                ["id", "title", "version", "questions", "minutes"],
                (
                    [
                        _code(row["id"]),
                        _text(row["title"]),
                        _text(row["version"]),
                        str(row["questions"]),
                        str(row["minutes"]),
                    ]
                    for row in rows
                ),
                numeric=2,
            )
        ]
    )
