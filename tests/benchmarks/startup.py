"""Start-up and scale benchmark for stepback. Not collected by the normal test run.

Start-up: each command runs as a whole process, interleaved (one round runs every command
once), ``--runs`` times after ``--warmup`` rounds. Each row reports its median wall time and
the median over rounds of its ratio to the floor F of the same round (``floor_app.py``: the
least any typer + rich + pydantic command can do). B (``python -c pass``) is the physical floor
of a Python command, for reference.

Scale: synthetic, valid banks of 100, 1,000 and 10,000 questions are written to TOML and
loaded, validated and scored (plus ``stepback.analysis``, if that module exists) in this
process, best of three. 10,000 questions must take under 1 s, and ten times more questions at
most 12 times more time.

Usage::

    python tests/benchmarks/startup.py [--runs N] [--warmup N] [--no-bytecode-cache]
                                       [--startup-only | --scale-only] [--json]

Exits 1 if any budget fails.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FLOOR_APP = Path(__file__).resolve().with_name("floor_app.py")
PERSONA = ROOT / "tests" / "personas" / "004_hans_baker.toml"

FLOOR = "F"
SCALE_SIZES = (100, 1_000, 10_000)
SCALE_REPEATS = 3
SCALE_LIMIT_SECONDS = 1.0
SCALE_LIMIT_SIZE = 10_000
SCALE_GROWTH_LIMIT = 12.0

OUTCOME_IDS = ("ic", "manager", "tour")
ROLE_KEYS = ("ic", "lead", "director")
LIKERT = ("strongly_agree", "agree", "neutral", "disagree", "strongly_disagree")
LIKERT_VALUES = (2.0, 1.0, 0.0, -1.0, -2.0)
FACTOR_WEIGHTS = (
    (2.0, -2.0, -0.5),
    (-2.0, 2.0, 1.0),
    (1.0, -1.5, 2.0),
    (-0.5, 1.0, 1.5),
    (1.5, 0.5, -1.0),
)


# --------------------------------------------------------------------------------------
# Start-up
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One row of the start-up table; ``budget`` is the largest allowed median ratio to F."""

    name: str
    argv: tuple[str, ...]
    budget: float | None = None


@dataclass(frozen=True)
class StartupRow:
    name: str
    median_ms: float
    ratio: float
    budget: float | None
    passed: bool | None


def stepback_script() -> str:
    """The ``stepback`` console script installed next to the running interpreter."""
    bindir = Path(sys.executable).parent
    for name in ("stepback", "stepback.exe"):
        candidate = bindir / name
        if candidate.is_file():
            return str(candidate)
    raise SystemExit(f"no stepback console script in {bindir}: install the project first")


def startup_commands() -> list[Command]:
    stepback = stepback_script()
    persona = str(PERSONA)
    return [
        Command("B  python -c pass", (sys.executable, "-c", "pass")),
        Command(f"{FLOOR}  floor_app.py --name x", (sys.executable, str(FLOOR_APP), "--name", "x")),
        Command("stepback --version", (stepback, "--version"), 0.5),
        Command("stepback --help", (stepback, "--help"), 0.8),
        Command("stepback explain", (stepback, "explain"), 1.2),
        Command(
            "stepback quiz --answers P --format json",
            (stepback, "quiz", "--answers", persona, "--format", "json"),
            1.05,
        ),
        Command("stepback quiz --answers P", (stepback, "quiz", "--answers", persona), 1.25),
    ]


def benchmark_env(pycache: str | None) -> dict[str, str]:
    """The environment of every timed process: no colour, a dumb terminal, no profiling.

    With ``pycache`` (the default), bytecode is cached in that private folder, as an
    installed wheel would have it, even when ``PYTHONDONTWRITEBYTECODE`` is set (an editable
    install under that setting recompiles stepback's sources on every run). The first
    warm-up round fills the cache; nothing is written into the project.
    """
    env = dict(os.environ)
    env.update(TERM="dumb", NO_COLOR="1")
    for name in ("PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE", "PYTHONTRACEMALLOC"):
        env.pop(name, None)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def run_once(command: Command, cwd: str, env: Mapping[str, str]) -> float:
    """Wall time of one whole process, in seconds; a failing command stops the benchmark."""
    start = time.perf_counter()
    completed = subprocess.run(
        command.argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        stderr = completed.stderr.decode(errors="replace").strip()
        raise SystemExit(
            f"{command.name!r} exited with {completed.returncode}: {' '.join(command.argv)}\n"
            f"{stderr}"
        )
    return elapsed


def run_startup(runs: int, warmup: int, *, bytecode_cache: bool = True) -> list[StartupRow]:
    commands = startup_commands()
    floor = next(c for c in commands if c.name.startswith(FLOOR))
    times: dict[str, list[float]] = {c.name: [] for c in commands}
    ratios: dict[str, list[float]] = {c.name: [] for c in commands}
    with tempfile.TemporaryDirectory(prefix="stepback-bench-") as cwd:
        env = benchmark_env(str(Path(cwd) / "pycache") if bytecode_cache else None)
        for round_index in range(warmup + runs):
            # Round-robin, starting one command later each round so no row always goes first.
            shift = round_index % len(commands)
            order = commands[shift:] + commands[:shift]
            this_round = {c.name: run_once(c, cwd, env) for c in order}
            if round_index < warmup:
                continue
            for command in commands:
                times[command.name].append(this_round[command.name])
                ratios[command.name].append(this_round[command.name] / this_round[floor.name])
    rows = []
    for command in commands:
        ratio = statistics.median(ratios[command.name])
        passed = None if command.budget is None else ratio <= command.budget
        rows.append(
            StartupRow(
                command.name,
                statistics.median(times[command.name]) * 1000,
                ratio,
                command.budget,
                passed,
            )
        )
    return rows


def print_startup(rows: Sequence[StartupRow], runs: int, warmup: int, bytecode_cache: bool) -> None:
    cache = "private bytecode cache" if bytecode_cache else "bytecode setting inherited"
    print(f"Start-up: {runs} interleaved runs after {warmup} warm-up round(s), {cache}")
    print(f"python: {sys.executable}")
    print(f"{'command':<42} {'median ms':>9} {'ratio F':>8} {'budget':>7}  result")
    for row in rows:
        budget = "-" if row.budget is None else f"{row.budget:.2f}"
        result = "ref" if row.passed is None else ("PASS" if row.passed else "FAIL")
        print(f"{row.name:<42} {row.median_ms:>9.1f} {row.ratio:>8.3f} {budget:>7}  {result}")


# --------------------------------------------------------------------------------------
# Scale
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleRow:
    format: str
    questions: int
    factors: int
    file_kib: float
    load_ms: float
    assess_ms: float
    total_ms: float
    parser_ms: float  # the stdlib parser alone on the same file: linear code, for reference
    passed: bool | None


def _text(kind: str, index: int) -> str:
    return f"Synthetic {kind} number {index} for the scale benchmark."


def synthetic_bank(n_questions: int) -> dict[str, Any]:
    """A valid bank of ``n_questions`` questions, shaped like ``questions/core.toml``.

    ``max(10, n // 20)`` factors; every question but the role question feeds one or two of
    them through five Likert choices; every factor is fed and has a quote; a tenth of the
    questions are asked only of leads and directors, another tenth only of ICs; one
    consistency pair per ten questions; a tour plan.
    """
    n_factors = max(10, n_questions // 20)
    sources = [
        {
            "id": f"s{i}",
            "file": f"{i:03}_synthetic.txt",
            "title": f"Synthetic source {i}",
            "author": "not named",
            "date": "not given",
        }
        for i in range(3)
    ]

    def passage(index: int) -> dict[str, str]:
        return {"source": f"s{index % 3}", "text": _text("passage", index)}

    outcomes = {
        outcome: {
            "label": outcome.upper(),
            "name": f"Outcome {outcome}",
            "description": _text("outcome description", i),
            "next_steps": [_text("next step", i), _text("next step", i + 3)],
        }
        for i, outcome in enumerate(OUTCOME_IDS)
    }
    factor_ids = [f"f{j:05}" for j in range(n_factors)]
    factors = [
        {
            "id": factor_id,
            "name": f"Factor {j}",
            "description": _text("factor description", j),
            "passages": [passage(j)],
            "weights": dict(zip(OUTCOME_IDS, FACTOR_WEIGHTS[j % len(FACTOR_WEIGHTS)], strict=True)),
        }
        for j, factor_id in enumerate(factor_ids)
    ]
    questions: list[dict[str, Any]] = [
        {
            "id": "current_role",
            "text": "Which best describes your role today?",
            "why": passage(0),
            "choices": [{"key": key, "label": f"Role {key}", "effects": {}} for key in ROLE_KEYS],
        }
    ]
    for i in range(1, n_questions):
        primary = (i - 1) % n_factors
        fed = [primary]
        secondary = (primary * 7 + i) % n_factors
        if i % 2 == 0 and secondary != primary:
            fed.append(secondary)
        choices = []
        for key, value in zip(LIKERT, LIKERT_VALUES, strict=True):
            effects = {}
            if value:
                for position, factor in enumerate(fed):
                    effects[factor_ids[factor]] = value if position == 0 else -value / 2
            choices.append({"key": key, "label": key.replace("_", " ").title(), "effects": effects})
        question: dict[str, Any] = {
            "id": f"q{i:05}",
            "text": _text("question", i),
            "why": passage(i),
            "choices": choices,
        }
        if i % 10 == 3:
            question["roles"] = ["lead", "director"]
        elif i % 10 == 7:
            question["roles"] = ["ic"]
        questions.append(question)
    quotes = [
        {
            "id": f"quote{j:05}",
            "text": _text("quote", j),
            "source": f"s{j % 3}",
            "factors": [factor_id],
            "supports": OUTCOME_IDS[j % 3],
        }
        for j, factor_id in enumerate(factor_ids)
    ]
    consistency = [
        {
            "a": f"q{i:05}",
            "b": f"q{i + 1:05}",
            "relation": "same" if i % 20 == 1 else "opposite",
        }
        for i in range(1, n_questions - 1, 10)
    ]
    return {
        "id": f"synthetic{n_questions}",
        "title": f"Synthetic bank of {n_questions} questions",
        "version": "1.0.0",
        "description": "Generated by tests/benchmarks/startup.py.",
        "minutes": 120,
        "role_question": "current_role",
        "sources": sources,
        "outcomes": outcomes,
        "factors": factors,
        "questions": questions,
        "quotes": quotes,
        "consistency": consistency,
        "tour_plan": {
            "problem_question": "q00001",
            "months_min": 12,
            "months_max": 24,
            "handback": [_text("handback", 0)],
            "validate_first": [_text("validation", 0)],
            "source": "s0",
        },
    }


def synthetic_answers(bank: Mapping[str, Any], role: str = "lead") -> dict[str, str]:
    """A full answer set for ``role``: every question asked of that role, answered."""
    answers = {"current_role": role}
    for index, question in enumerate(bank["questions"][1:], start=1):
        roles = question.get("roles")
        if roles is None or role in roles:
            answers[question["id"]] = LIKERT[(index * 3) % len(LIKERT)]
    return answers


def time_size(path: Path, answers: Mapping[str, str]) -> tuple[float, float]:
    """Seconds to load (read, parse, validate) the bank and to assess a full answer set
    (score, stability and flips, warnings, plan): what `stepback quiz --answers` does."""
    from stepback.assessment import assess
    from stepback.banks import load_bank

    start = time.perf_counter()
    bank = load_bank(str(path))
    loaded = time.perf_counter()
    assess(bank, answers)
    assessed = time.perf_counter()
    return loaded - start, assessed - loaded


def time_parser(path: Path) -> float:
    """Seconds for the stdlib parser alone (C for JSON): what linear work costs at this size
    on this machine, caches and all."""
    text = path.read_text(encoding="utf-8")
    parse = json.loads if path.suffix == ".json" else tomllib.loads
    start = time.perf_counter()
    parse(text)
    return time.perf_counter() - start


def write_bank(bank: Mapping[str, Any], path: Path) -> None:
    if path.suffix == ".json":
        path.write_text(json.dumps(bank), encoding="utf-8")
    else:
        import tomli_w

        path.write_text(tomli_w.dumps(bank), encoding="utf-8")


def run_scale(sizes: Sequence[int] = SCALE_SIZES) -> list[ScaleRow]:
    """Each size in both bank formats. The under-1-s budget is judged on JSON, the format
    for generated banks: stdlib tomllib alone parses about 7 MB/s, so a TOML bank of 10,000
    questions spends about a second in the parser before stepback does anything."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="stepback-scale-") as folder:
        for suffix in (".json", ".toml"):
            for size in sizes:
                bank = synthetic_bank(size)
                path = Path(folder) / f"synthetic_{size}{suffix}"
                write_bank(bank, path)
                answers = synthetic_answers(bank)
                best = min((time_size(path, answers) for _ in range(SCALE_REPEATS)), key=sum)
                parser = min(time_parser(path) for _ in range(SCALE_REPEATS))
                total = sum(best)
                judged = size == SCALE_LIMIT_SIZE and suffix == ".json"
                rows.append(
                    ScaleRow(
                        suffix[1:],
                        size,
                        len(bank["factors"]),
                        path.stat().st_size / 1024,
                        best[0] * 1000,
                        best[1] * 1000,
                        total * 1000,
                        parser * 1000,
                        total < SCALE_LIMIT_SECONDS if judged else None,
                    )
                )
    return rows


def growth(rows: Sequence[ScaleRow]) -> list[tuple[str, float, bool, float]]:
    """Time growth between consecutive sizes of one format, each against the limit, with the
    growth of the stdlib parser alone on the same files for reference."""
    result = []
    for small, large in itertools.pairwise(rows):
        if small.format != large.format:
            continue
        factor = large.total_ms / small.total_ms if small.total_ms else float("inf")
        parser = large.parser_ms / small.parser_ms if small.parser_ms else float("inf")
        label = f"{small.format} {small.questions} -> {large.questions}"
        result.append((label, factor, factor <= SCALE_GROWTH_LIMIT, parser))
    return result


def print_scale(rows: Sequence[ScaleRow]) -> None:
    print(
        f"Scale: best of {SCALE_REPEATS}, in-process: load_bank(path), then assess(bank, answers)"
    )
    print(
        f"{'format':<6} {'questions':>9} {'factors':>7} {'KiB':>7} {'load ms':>9} "
        f"{'assess ms':>9} {'total ms':>9} {'parser ms':>9}  result"
    )
    for row in rows:
        result = "" if row.passed is None else ("PASS" if row.passed else "FAIL")
        if row.passed is not None:
            result += f" (< {SCALE_LIMIT_SECONDS:.0f} s)"
        print(
            f"{row.format:<6} {row.questions:>9} {row.factors:>7} {row.file_kib:>7.0f} "
            f"{row.load_ms:>9.1f} {row.assess_ms:>9.1f} {row.total_ms:>9.1f} "
            f"{row.parser_ms:>9.1f}  {result}"
        )
    for label, factor, passed, parser in growth(rows):
        verdict = "PASS" if passed else "FAIL"
        print(
            f"growth {label}: {factor:.1f}x (<= {SCALE_GROWTH_LIMIT:.0f}x) {verdict}"
            f"   [stdlib parser alone: {parser:.1f}x]"
        )


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="measured rounds (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured rounds (default 2)")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep the environment's bytecode setting instead of a private bytecode cache",
    )
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--startup-only", action="store_true", help="skip the scale part")
    only.add_argument("--scale-only", action="store_true", help="skip the start-up part")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    report: dict[str, Any] = {"python": sys.executable}
    failures: list[str] = []
    if not args.scale_only:
        startup = run_startup(args.runs, args.warmup, bytecode_cache=not args.no_bytecode_cache)
        failures += [row.name for row in startup if row.passed is False]
        report["startup"] = {
            "runs": args.runs,
            "warmup": args.warmup,
            "bytecode_cache": not args.no_bytecode_cache,
            "rows": [asdict(row) for row in startup],
        }
        if not args.json:
            print_startup(startup, args.runs, args.warmup, not args.no_bytecode_cache)
            print()
    if not args.startup_only:
        scale = run_scale()
        growths = growth(scale)
        failures += [f"scale {row.format} {row.questions}" for row in scale if row.passed is False]
        failures += [f"growth {label}" for label, _, passed, _ in growths if not passed]
        report["scale"] = {
            "rows": [asdict(row) for row in scale],
            "growth": [
                {"sizes": label, "factor": f, "passed": p, "parser_factor": q}
                for label, f, p, q in growths
            ],
        }
        if not args.json:
            print_scale(scale)
            print()
    report["failures"] = failures
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print("FAIL: " + "; ".join(failures) if failures else "all budgets PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
