"""The sentences that state a result, the same in every format: no Rich here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stepback.render.names import Names
from stepback.render.terminal_text import plural, the_last


def joined(names: list[str] | tuple[str, ...]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def leans_clearly(document: Mapping[str, Any]) -> bool:
    """Whether the result leans one way: enough answers, and not a close call."""
    return bool(document["enough_answers"]) and not document["close_call"]


def headline(names: Names, document: Mapping[str, Any]) -> str:
    """The one line that says the result, the same in every format."""
    if not document["enough_answers"]:
        return (
            f"Not enough answers to lean on: {document['answered']} of {document['asked']} answered"
        )
    if document["close_call"]:
        return f"Too close to call: {joined([names.outcome(o) for o in document['tied']])}"
    return f"Your leaning: {names.outcome(document['leaning'])} ({document['strength']})"


def support_note(document: Mapping[str, Any]) -> str | None:
    """How much the leaning rests on the bank's own judgement calls, in a sentence."""
    support = document["model_support"]
    if support is None or not leans_clearly(document):
        return None
    low, high = support["band"]
    return (
        f"It holds under {support['share']:.0%} of {support['samples']} plausible weightings "
        f"of the bank (each weight and effect multiplied by {low:g} to {high:g})."
    )


def leans_on(names: Names, document: Mapping[str, Any]) -> list[str]:
    """The weights the lead rests on most, as sentences."""
    lines: list[str] = []
    support = document["model_support"]
    for item in support["leans_on"] if support is not None else ():
        direction = "adds" if item["share"] > 0 else "takes"
        lines.append(
            f"{names.factor(item['factor'])}, weighted {item['weight']:+g} toward "
            f"{names.label(item['outcome'])}: {direction} {abs(item['share']):.2f} "
            f"{'to' if item['share'] > 0 else 'from'} the lead"
        )
    return lines


def settled_note(document: Mapping[str, Any]) -> str | None:
    """Said when the quiz stopped early because the rest could not change the leaning."""
    if not document.get("settled_early"):
        return None
    left = document["asked"] + 1 - document["settled_after"]
    return (
        f"You stopped after {document['settled_after']} questions: whatever you answered to "
        f"{the_last(left, 'question')}, the leaning would have stayed the same. "
        "The figures rest on the questions you answered."
    )


def confidence(names: Names, document: Mapping[str, Any]) -> str:
    """How sure the result is, in a sentence a person can read."""
    if not document["enough_answers"]:
        return (
            "That is too few to say anything honest. Answer a few more; you can still skip "
            "the ones you cannot answer."
        )
    if document["close_call"]:
        return (
            "Your answers do not point one way: these outcomes are within 0.05 of each other "
            "on a scale from -1 to +1; the next steps are ways to find out more."
        )
    runner_up = names.outcome(document["runner_up"])
    lead = f"It leads {runner_up} by {document['margin']:.2f} on a scale from -1 to +1"
    flips = len(document["flips"])
    if not flips:
        change = "no single answer, moved one step, would change it"
    else:
        change = f"{plural(flips, 'one-step change')} to a single answer would change it"
    opening = {
        "strong": "A clear leaning.",
        "moderate": "A moderate leaning.",
        "fragile": "A tentative leaning.",
    }.get(document["strength"], "")
    return f"{opening} {lead}, and {change}.".strip()


def drivers_by_question(document: Mapping[str, Any], limit: int) -> list[str]:
    """The questions whose answers added most to the lead, largest first: one entry per
    question, since a question can drive through several factors."""
    shares: dict[str, float] = {}
    for driver in document["drivers"]:
        shares[driver["question"]] = shares.get(driver["question"], 0.0) + driver["contribution"]
    return sorted(shares, key=lambda q: -shares[q])[:limit]


def validation_figures(document: Mapping[str, Any]) -> tuple[str, str]:
    """Accuracy over every account, and over those the quiz leaned on, as two sentences."""
    hits = sum(case["hit"] for case in document["cases"])
    accuracy = f"Accuracy: {document['accuracy']:.0%} ({hits} of {document['accounts']} accounts)."
    if not document["leaned"]:
        return accuracy, "It leans clearly on none of them."
    when_leaning = (
        f"When it leans clearly ({document['leaned']} of {document['accounts']} accounts), it "
        f"matches the choice in {hits} ({document['accuracy_when_leaning']:.0%})."
    )
    return accuracy, when_leaning
