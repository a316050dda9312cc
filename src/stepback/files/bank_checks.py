"""Cross-reference checks of a bank that a schema alone cannot express.

They run on the raw TOML data, not on a validated model, so that a bank with both a shape
error and a dangling reference reports both in one run. Every check is linear in the size of
the bank.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from stepback.core.outcomes import DEFAULT_ROLE_QUESTION, SKIP


def _entries(raw: dict[str, Any], table: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = raw.get(table)
    if isinstance(value, list):
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                yield index, entry


def _ids(raw: dict[str, Any], table: str) -> set[str]:
    return {e["id"] for _, e in _entries(raw, table) if isinstance(e.get("id"), str)}


def _duplicates(raw: dict[str, Any], table: str, key: str = "id") -> Iterator[str]:
    seen: dict[str, int] = {}
    for index, entry in _entries(raw, table):
        value = entry.get(key)
        if not isinstance(value, str):
            continue
        if value in seen:
            first = f"{table}[{seen[value]}]"
            yield f"{table}[{index}]: duplicate {key} {value!r} (first used by {first})"
        else:
            seen[value] = index


def _source_ref(where: str, passage: Any, sources: set[str]) -> Iterator[str]:
    if isinstance(passage, dict):
        source = passage.get("source")
        if isinstance(source, str) and source not in sources:
            yield f"{where}: unknown source {source!r}"


def bank_problems(raw: dict[str, Any]) -> list[str]:
    """Every cross-reference problem of ``raw``, as ``location: problem`` lines."""
    problems: list[str] = []
    for table in ("sources", "factors", "questions", "quotes"):
        problems.extend(_duplicates(raw, table))
    sources = _ids(raw, "sources")
    factors = _ids(raw, "factors")
    questions = {e["id"]: e for _, e in _entries(raw, "questions") if isinstance(e.get("id"), str)}
    problems.extend(_role_problems(raw, questions))
    role_question = raw.get("role_question", DEFAULT_ROLE_QUESTION)
    role_keys = (
        _choice_keys(questions.get(role_question)) if isinstance(role_question, str) else set()
    )

    fed: set[str] = set()
    for index, question in _entries(raw, "questions"):
        # Locations are spelled out only for a problem: a bank of thousands of questions
        # has tens of thousands of choices and, usually, no problems at all.
        why = question.get("why")
        source = why.get("source") if isinstance(why, dict) else None
        if isinstance(source, str) and source not in sources:
            problems.append(f"questions[{index}].why: unknown source {source!r}")
        roles = question.get("roles")
        if isinstance(roles, list):
            for role in roles:
                if isinstance(role, str) and role not in role_keys:
                    problems.append(f"questions[{index}].roles: unknown role {role!r}")
        seen_keys: set[str] = set()
        for c_index, choice in enumerate(_list(question.get("choices"))):
            if not isinstance(choice, dict):
                continue
            key = choice.get("key")
            if isinstance(key, str):
                if key == SKIP:
                    problems.append(
                        f"questions[{index}].choices[{c_index}]: the choice key {SKIP!r} is "
                        "reserved for skipping a question"
                    )
                if key in seen_keys:
                    problems.append(
                        f"questions[{index}].choices[{c_index}]: duplicate choice key {key!r}"
                    )
                seen_keys.add(key)
            effects = choice.get("effects")
            if not isinstance(effects, dict):
                continue
            for factor, weight in effects.items():
                if factor not in factors:
                    problems.append(
                        f"questions[{index}].choices[{c_index}].effects: unknown factor {factor!r}"
                    )
                elif weight:
                    fed.add(factor)

    for index, factor in _entries(raw, "factors"):
        for p_index, passage in enumerate(_list(factor.get("passages"))):
            problems.extend(_source_ref(f"factors[{index}].passages[{p_index}]", passage, sources))
        factor_id = factor.get("id")
        if isinstance(factor_id, str) and factor_id not in fed:
            problems.append(f"factors[{index}]: no question feeds factor {factor_id!r}")

    for index, quote in _entries(raw, "quotes"):
        problems.extend(_source_ref(f"quotes[{index}]", quote, sources))
        for factor in _list(quote.get("factors")):
            if isinstance(factor, str) and factor not in factors:
                problems.append(f"quotes[{index}].factors: unknown factor {factor!r}")

    problems.extend(_consistency_problems(raw, questions))
    problems.extend(_tour_plan_problems(raw, questions, sources))
    return problems


def _choice_count(questions: dict[str, Any], question_id: str) -> int:
    return len(_list(questions[question_id].get("choices")))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _choice_keys(question: Any) -> set[str]:
    if not isinstance(question, dict):
        return set()
    choices = _list(question.get("choices"))
    return {c["key"] for c in choices if isinstance(c, dict) and isinstance(c.get("key"), str)}


def _role_problems(raw: dict[str, Any], questions: dict[str, Any]) -> Iterator[str]:
    role_question = raw.get("role_question", DEFAULT_ROLE_QUESTION)
    if not isinstance(role_question, str):
        return
    if role_question not in questions:
        yield f"role_question: no question has the id {role_question!r}"
        return
    first = next(_entries(raw, "questions"), (0, {}))[1]
    if first.get("id") != role_question:
        yield f"questions[0]: the role question {role_question!r} must come first"
    if questions[role_question].get("roles") is not None:
        yield f"role_question: the role question {role_question!r} cannot itself have roles"


def _consistency_problems(raw: dict[str, Any], questions: dict[str, Any]) -> Iterator[str]:
    for index, pair in _entries(raw, "consistency"):
        a, b = pair.get("a"), pair.get("b")
        for side, qid in (("a", a), ("b", b)):
            if isinstance(qid, str) and qid not in questions:
                yield f"consistency[{index}].{side}: unknown question {qid!r}"
        if isinstance(a, str) and a == b:
            yield f"consistency[{index}]: a question cannot be paired with itself"
        elif (
            isinstance(a, str)
            and isinstance(b, str)
            and a in questions
            and b in questions
            and _choice_count(questions, a) != _choice_count(questions, b)
        ):
            yield f"consistency[{index}]: {a!r} and {b!r} must have the same number of choices"


def _tour_plan_problems(
    raw: dict[str, Any], questions: dict[str, Any], sources: set[str]
) -> Iterator[str]:
    plan = raw.get("tour_plan")
    if not isinstance(plan, dict):
        return
    problem_question = plan.get("problem_question")
    if isinstance(problem_question, str) and problem_question not in questions:
        yield f"tour_plan.problem_question: unknown question {problem_question!r}"
    validated = plan.get("already_validated")
    if isinstance(validated, dict):
        question_id = validated.get("question")
        if isinstance(question_id, str) and question_id not in questions:
            yield f"tour_plan.already_validated.question: unknown question {question_id!r}"
        elif isinstance(question_id, str):
            keys = _choice_keys(questions[question_id])
            for key in _list(validated.get("choices")):
                if isinstance(key, str) and key not in keys:
                    yield f"tour_plan.already_validated.choices: unknown choice {key!r}"
    yield from _source_ref("tour_plan", plan, sources)
    low, high = plan.get("months_min"), plan.get("months_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        yield "tour_plan: months_min is larger than months_max"
