"""Start-up and scale benchmark for stepback. Not collected by the normal test run.

Start-up: each command runs as a whole process, interleaved (one round runs every command
once), ``--runs`` times after ``--warmup`` rounds. Each row reports its median wall time and
the median over rounds of its ratio to the floor F of the same round (``floor_app.py``: the
least any typer + rich + pydantic command can do). B (``python -c pass``) is the physical floor
of a Python command, for reference. Commands find the validated copy of the bundled bank that
an earlier run kept (``files/bank_cache.py``), as every run after a person's first does; the
"first run" row, for reference, starts each time without it.

Scale (``scale.py``): synthetic, valid banks of 100, 1,000 and 10,000 questions, in JSON and
in TOML, are loaded, validated and assessed, each timed in its own cold process, median of
``--scale-runs``. 10,000 questions must take under 1 s, and ten times more questions at most
12 times more time.

Usage::

    python -m tests.benchmarks.startup [--runs N] [--warmup N] [--scale-runs N]
                                       [--no-bytecode-cache]
                                       [--startup-only | --scale-only] [--json]

Exits 1 if any budget fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.scale import SCALE_RUNS, growth, print_scale, run_scale, scale_report

ROOT = Path(__file__).resolve().parents[2]
FLOOR_APP = Path(__file__).resolve().with_name("floor_app.py")
PERSONA = ROOT / "tests" / "personas" / "004_hans_baker.toml"

FLOOR = "F"


# --------------------------------------------------------------------------------------
# Start-up
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One row of the start-up table; ``budget`` is the largest allowed median ratio to F.
    ``first_run`` rows start each time without the validated copy of the bundled bank."""

    name: str
    argv: tuple[str, ...]
    budget: float | None = None
    first_run: bool = False


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
        Command("stepback explain, first run", (stepback, "explain"), first_run=True),
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


def bank_copies(cwd: str) -> Path:
    """The cache folder of the timed processes (through XDG_CACHE_HOME, so on Linux): the
    first warm-up round fills it, as a person's first run does."""
    return Path(cwd) / "cache"


def run_once(command: Command, cwd: str, env: Mapping[str, str]) -> float:
    """Wall time of one whole process, in seconds; a failing command stops the benchmark."""
    if command.first_run:
        shutil.rmtree(bank_copies(cwd) / "stepback", ignore_errors=True)
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
        env["XDG_CACHE_HOME"] = str(bank_copies(cwd))
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
# Main
# --------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # 40, not fewer: on a shared two-core machine, five runs of 15 rounds put explain's median
    # ratio anywhere from 1.07 to 1.25; five runs of 40, from 1.09 to 1.19.
    parser.add_argument("--runs", type=int, default=40, help="measured rounds (default 40)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured rounds (default 2)")
    parser.add_argument(
        "--scale-runs",
        type=int,
        default=SCALE_RUNS,
        help=f"cold processes per bank in the scale part (default {SCALE_RUNS})",
    )
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
    if args.runs < 1 or args.warmup < 0 or args.scale_runs < 1:
        parser.error("--runs and --scale-runs must be at least 1, --warmup at least 0")
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
        with tempfile.TemporaryDirectory(prefix="stepback-bench-") as cwd:
            env = benchmark_env(None if args.no_bytecode_cache else str(Path(cwd) / "pycache"))
            scale = run_scale(env, args.scale_runs)
        failures += [f"scale {row.format} {row.questions}" for row in scale if row.passed is False]
        failures += [f"growth {item.sizes}" for item in growth(scale) if not item.passed]
        report["scale"] = {"runs": args.scale_runs, **scale_report(scale)}
        if not args.json:
            print_scale(scale, args.scale_runs)
            print()
    report["failures"] = failures
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print("FAIL: " + "; ".join(failures) if failures else "all budgets PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
