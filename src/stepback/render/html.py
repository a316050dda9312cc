"""The HTML export: a real document to keep or send to a mentor, from the same document as
every other format.

Self-contained (no request of any kind: no fonts, scripts or images from anywhere, and a
content security policy that forbids them), semantic (headings, lists, tables, figures),
readable at any width and in print, and accessible: each chart is inline SVG with a text
equivalent. Every text from a file is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping
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
)

if TYPE_CHECKING:
    from stepback.core.models import Bank

Document = Mapping[str, Any]

STYLE = """
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --line: #d6dbe0;
        --toward: #1f7a4d; --away: #b3362c; --note: #fff6da; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid var(--line); }
p, li, td, th, blockquote, figcaption { overflow-wrap: anywhere; }
.meta, .muted, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
.warning { background: var(--note); border-left: 4px solid #c99a06; padding: 0.6rem 0.9rem; }
.bars { display: grid; grid-template-columns: minmax(0, 1fr) 10rem 3.5rem;
        gap: 0.25rem 0.75rem; align-items: center; margin: 0; }
.bars dt { margin: 0; } .bars dd { margin: 0; }
.bars .value { text-align: right; font-variant-numeric: tabular-nums; }
.bars svg { display: block; width: 100%; height: 0.9rem; }
blockquote { margin: 0.8rem 0; padding-left: 1rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0; font-style: italic; }
ol, ul { padding-left: 1.4rem; }
li { margin: 0.3rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--line); }
@media print {
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  h2 { break-after: avoid; } section, blockquote, li { break-inside: avoid; }
  .warning { border: 1px solid #999; }
}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(value: object) -> str:
    """Text from anywhere, safe in HTML text and attributes."""
    return html.escape(without_escapes(str(value)), quote=True)


def html_report(bank: Bank, document: Document, today: dt.date | None = None) -> str:
    names = Names(bank)
    day = (today or dt.date.today()).isoformat()
    if "old" in document:
        title, body = _comparison(names, document)
    else:
        title, body = _result(names, document)
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            f"<title>{_e(title)} · stepback · {day}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f'<p class="meta">{_e(bank.title)} · version {_e(document["bank"]["version"])}'
            f" · {day}</p>",
            body,
            "<footer><p>Made with stepback, from five essays on stepping back from leadership."
            " A prompt for reflection, not a verdict.</p></footer>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _result(names: Names, document: Document) -> tuple[str, str]:
    title = headline(names, document)
    parts = [f"<h1>{_e(title)}</h1>"]
    for warning in document["warnings"]:
        parts.append(
            f'<p class="warning" role="note"><strong>Check your answers:</strong> '
            f"{_e(warning['message'])}</p>"
        )
    parts.append(f"<p>{_e(confidence(names, document))}</p>")
    for note in (support_note(document), settled_note(document)):
        if note is not None:
            parts.append(f'<p class="muted">{_e(note)}</p>')
    if leans_clearly(document):
        parts.append(f"<p>{_e(names.description(document['leaning']))}</p>")
    parts.append(
        _section(
            "Outcomes",
            _bars(
                "Outcome scores, from -1 to +1",
                ((names.outcome(o), s) for o, s in document["outcomes"].items()),
            ),
        )
    )
    unknown = set(document["unknown_factors"])
    parts.append(
        _section(
            "Your factor profile",
            '<p class="muted">Below zero: away from it; above zero: toward it.</p>'
            + _bars(
                "Factor scores, from -1 to +1",
                (
                    (names.factor(f), None if f in unknown else s)
                    for f, s in document["factors"].items()
                ),
            ),
        )
    )
    ranked = drivers_by_question(document, DRIVERS_SHOWN)
    if ranked:
        items = (
            f"{_e(names.question(q))} <strong>{_e(names.choice(q, document['answers'][q]))}"
            "</strong>"
            for q in ranked
        )
        parts.append(_section("What drove it", _list(items, ordered=True)))
    flips = document["flips"]
    flip_items = [
        f"{_e(names.question(f['question']))}: <strong>{_e(names.choice(f['question'], f['from']))}"
        f"</strong> to <strong>{_e(names.choice(f['question'], f['to']))}</strong> would make it "
        f"<strong>{_e(names.label(f['leaning']))}</strong>"
        for f in flips[:FLIPS_SHOWN]
    ]
    if len(flips) > FLIPS_SHOWN:
        flip_items.append(
            _e(f"and {plural(len(flips) - FLIPS_SHOWN, 'change')} of the same size or larger")
        )
    parts.append(
        _section(
            "What would change this",
            _list(flip_items)
            if flip_items
            else "<p>No single one-step change to an answer would change it.</p>",
        )
    )
    rests_on = leans_on(names, document)
    if rests_on:
        parts.append(_section("What it rests on", _list(_e(line) for line in rests_on)))
    if document["plan"] is not None:
        parts.append(_section("A tour-of-duty plan", _plan(names, document["plan"])))
    quotes = "".join(
        f"<blockquote><p>“{_e(q['text'])}”</p><footer>— {_e(names.attribution(q['source']['id']))}"
        "</footer></blockquote>"
        for q in document["quotes"]
    )
    if quotes:
        parts.append(_section("In their words", quotes))
    exploring = not leans_clearly(document)
    steps = (_e(names.cite(step)) for step in document["next_steps"])
    title_steps = "Next steps: find out more" if exploring else "Next steps"
    parts.append(_section(title_steps, _list(steps, ordered=True)))
    if document["skipped"]:
        skipped = (_e(names.question(q)) for q in document["skipped"])
        parts.append(_section("Questions you skipped", _list(skipped)))
    parts.append(_section("Sources", _list(_e(names.attribution(s)) for s in names.sources)))
    return title, "\n".join(parts)


def _comparison(names: Names, document: Document) -> tuple[str, str]:
    old, new = document["old"], document["new"]
    if document["leaning_changed"]:
        title = (
            f"Your leaning has changed: {names.outcome(old['leaning'])} to "
            f"{names.outcome(new['leaning'])}"
        )
    else:
        title = f"Your leaning has not changed: {names.outcome(new['leaning'])}"
    rows = "".join(
        f"<tr><td>{_e(names.factor(f))}</td><td>{v['old']:+.2f}</td><td>{v['new']:+.2f}</td>"
        f"<td>{v['change']:+.2f}</td></tr>"
        for f, v in document["factors"].items()
    )
    table = (
        "<table><caption class='muted'>Each factor then and now, from -1 to +1</caption>"
        "<thead><tr><th scope='col'>Factor</th><th scope='col'>Then</th><th scope='col'>Now"
        f"</th><th scope='col'>Change</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    changed = [
        f"{_e(names.question(c['question']))}: {_e(names.choice(c['question'], c['old']))} to "
        f"<strong>{_e(names.choice(c['question'], c['new']))}</strong>"
        for c in document["changed_answers"]
    ]
    body = "\n".join(
        [
            f"<h1>{_e(title)}</h1>",
            _section("Factor changes", table),
            _section(
                "Answers that changed",
                _list(changed) if changed else "<p>None: the same answers.</p>",
            ),
        ]
    )
    return title, body


def _section(title: str, body: str) -> str:
    anchor = "s-" + "".join(c if c.isalnum() else "-" for c in title.lower())
    return f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{_e(title)}</h2>{body}</section>'


def _list(items: Iterable[str], *, ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _bars(caption: str, rows: Iterable[tuple[str, float | None]]) -> str:
    """A bar chart: each bar an inline SVG with its value as text beside it and as its
    accessible name, so the chart reads the same to a screen reader."""
    cells = []
    for name, value in rows:
        if value is None:
            cells.append(f'<dt>{_e(name)}</dt><dd class="muted">unknown</dd><dd></dd>')
            continue
        clamped = max(-1.0, min(1.0, value))
        width = abs(clamped) * 50
        x = 50 if clamped >= 0 else 50 - width
        colour = "var(--toward)" if clamped >= 0 else "var(--away)"
        label = f"{name}: {value:+.2f}"
        svg = (
            f'<svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
            f'aria-label="{_e(label)}"><rect x="0" y="0" width="100" height="10" fill="#eef1f4"/>'
            f'<rect x="{x:.2f}" y="1" width="{width:.2f}" height="8" fill="{colour}"/>'
            '<line x1="50" y1="0" x2="50" y2="10" stroke="#5b6570" stroke-width="0.6"/></svg>'
        )
        cells.append(f'<dt>{_e(name)}</dt><dd>{svg}</dd><dd class="value">{value:+.2f}</dd>')
    return (
        f'<figure><dl class="bars">{"".join(cells)}</dl><figcaption>{_e(caption)}</figcaption>'
        "</figure>"
    )


def _plan(names: Names, plan: Mapping[str, Any]) -> str:
    months = plan["months"]
    items = []
    if plan["problem"] is not None:
        items.append(f"What it is for (your answer): <em>{_e(plan['problem'])}</em>")
    items.append(
        _e(
            f"Time box {months['min']} to {months['max']} months from {plan['start']}: check in "
            f"on {plan['check_in']}, review on {plan['review_date']} (hand back, or extend "
            f"once, up to {months['max']} months)."
        )
    )
    items.append("Hand back when:" + _list(_e(names.cite(h)) for h in plan["handback"]))
    if plan["validate_first"]:
        items.append("Validate cheaply first:" + _list(_e(v) for v in plan["validate_first"]))
    source = f'<p class="muted">Source: {_e(names.attribution(plan["source"]["id"]))}</p>'
    return _list(items) + source
