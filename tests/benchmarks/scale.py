"""The scale part of the benchmark: loading, validating and assessing synthetic banks of 100,
1,000 and 10,000 questions.

Each timing runs in a fresh process that first loads and assesses a small bank of the same
format, so imports and validator building are paid before the clock starts; then it times
``load_bank(path)`` and ``assess(bank, answers)``, which is what ``stepback quiz --answers``
does with a bank. A fresh process per timing is how the tool meets a bank: every run starts
cold. Timing the sizes one after another in a single process instead would let the small
banks run from caches warmed by their own repeats, which no real run gets and a large bank
cannot fit in, and would measure the memory hierarchy rather than stepback: the parser alone
grows far more than tenfold that way. Those warm figures are printed too, for reference.

Budgets: 10,000 questions (JSON, the format for generated banks) in under 1 s, and ten times
more questions at most 12 times more time, judged on the medians of the cold runs.

Run as ``python -m tests.benchmarks.scale --child BANK ANSWERS WARM_BANK WARM_ANSWERS``, it
is one such cold process and prints its timings as JSON.
"""

from __future__ import annotations

import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.synthetic import synthetic_answers, synthetic_bank, write_bank

ROOT = Path(__file__).resolve().parents[2]

SCALE_SIZES = (100, 1_000, 10_000)
SCALE_FORMATS = ("json", "toml")
# 15, not 7: over seven runs of 7, the 1,000-question JSON median ranged from 38 to 52 ms, and
# the growth it is the denominator of from 9.3x to 12.6x against a 12x budget.
SCALE_RUNS = 15
WARM_SIZE = 20
WARM_REPEATS = 3
LIMIT_SECONDS = 1.0
LIMIT_SIZE = 10_000
LIMIT_FORMAT = "json"
GROWTH_LIMIT = 12.0
# At 100 questions a run takes a few milliseconds, where noise dominates; growth is judged
# from this size up, and shown for reference below it.
GROWTH_FROM = 1_000


@dataclass(frozen=True)
class ScaleRow:
    """Medians over the cold runs of one bank; ``warm_total_ms`` is the best of three more
    runs in the first of those processes, once warm: for reference only."""

    format: str
    questions: int
    factors: int
    file_kib: float
    load_ms: float
    assess_ms: float
    total_ms: float
    parser_ms: float  # the parser stepback uses, alone, on the same file: for reference
    warm_total_ms: float
    passed: bool | None


@dataclass(frozen=True)
class Growth:
    """Time growth between two sizes of one format."""

    sizes: str
    factor: float
    judged: bool
    passed: bool
    parser_factor: float
    warm_factor: float


# --------------------------------------------------------------------------------------
# One cold process
# --------------------------------------------------------------------------------------


def parse_alone(path: Path) -> float:
    """Seconds the parser stepback uses takes on its own: linear work, for reference."""
    import tomllib

    text = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    if path.suffix == ".json":
        json.loads(text)
    else:
        tomllib.loads(text)
    return time.perf_counter() - start


def time_bank(path: Path, answers: Mapping[str, str]) -> tuple[float, float]:
    """Seconds to load (read, parse, validate, check) the bank and to assess the answers
    (score, stability and flips, warnings, plan)."""
    from stepback.core.assessment import assess
    from stepback.files.banks import load_bank

    start = time.perf_counter()
    bank = load_bank(str(path))
    loaded = time.perf_counter()
    assess(bank, answers)
    return loaded - start, time.perf_counter() - loaded


def child(
    bank: Path, answers: Path, warm_bank: Path, warm_answers: Path, repeats: int
) -> dict[str, float]:
    """One cold timing, after warming the code on a small bank of the same format; then the
    parser alone; then, with ``repeats``, the best of that many more runs of the same bank in
    this now warm process. The cyclic collector is off, as ``stepback``'s ``main`` turns it
    off: the timings are those of the command, not of a library call."""
    import gc

    gc.disable()
    small = json.loads(warm_answers.read_text(encoding="utf-8"))
    for _ in range(WARM_REPEATS):
        time_bank(warm_bank, small)
    full = json.loads(answers.read_text(encoding="utf-8"))
    load, assess = time_bank(bank, full)
    timings = {"load": load, "assess": assess, "parser": parse_alone(bank)}
    if repeats:
        timings["warm"] = min(sum(time_bank(bank, full)) for _ in range(repeats))
    return timings


# --------------------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BankFiles:
    format: str
    questions: int
    factors: int
    bank: Path
    answers: Path


def write_files(folder: Path, fmt: str, size: int) -> BankFiles:
    bank = synthetic_bank(size)
    path = folder / f"synthetic_{size}.{fmt}"
    write_bank(bank, path)
    answers = folder / f"answers_{size}.json"
    answers.write_text(json.dumps(synthetic_answers(bank)), encoding="utf-8")
    return BankFiles(fmt, size, len(bank["factors"]), path, answers)


def run_child(
    files: BankFiles, warm: BankFiles, env: Mapping[str, str], repeats: int = 0
) -> dict[str, float]:
    argv = [sys.executable, "-m", "tests.benchmarks.scale", "--child"]
    argv += [str(p) for p in (files.bank, files.answers, warm.bank, warm.answers)]
    argv.append(str(repeats))
    completed = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"timing {files.bank.name} failed:\n{completed.stderr.strip()}")
    timings: dict[str, float] = json.loads(completed.stdout)
    return timings


def run_scale(
    env: Mapping[str, str], runs: int = SCALE_RUNS, sizes: Sequence[int] = SCALE_SIZES
) -> list[ScaleRow]:
    """Every size of every format, ``runs`` cold processes each, interleaved by round."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="stepback-scale-") as name:
        folder = Path(name)
        for fmt in SCALE_FORMATS:
            (folder / fmt).mkdir()
            warm = write_files(folder / fmt, fmt, WARM_SIZE)
            banks = [write_files(folder / fmt, fmt, size) for size in sizes]
            samples: dict[int, list[dict[str, float]]] = {size: [] for size in sizes}
            for round_index in range(runs):
                for files in banks:
                    repeats = WARM_REPEATS if round_index == 0 else 0
                    samples[files.questions].append(run_child(files, warm, env, repeats))
            for files in banks:
                timings = samples[files.questions]
                judged = files.questions == LIMIT_SIZE and fmt == LIMIT_FORMAT
                total = statistics.median(t["load"] + t["assess"] for t in timings)
                rows.append(
                    ScaleRow(
                        format=fmt,
                        questions=files.questions,
                        factors=files.factors,
                        file_kib=files.bank.stat().st_size / 1024,
                        load_ms=statistics.median(t["load"] for t in timings) * 1000,
                        assess_ms=statistics.median(t["assess"] for t in timings) * 1000,
                        total_ms=total * 1000,
                        parser_ms=statistics.median(t["parser"] for t in timings) * 1000,
                        warm_total_ms=timings[0]["warm"] * 1000,
                        passed=total < LIMIT_SECONDS if judged else None,
                    )
                )
    return rows


def growth(rows: Sequence[ScaleRow]) -> list[Growth]:
    """Growth between consecutive sizes of one format, judged on the cold totals from
    ``GROWTH_FROM`` questions up."""

    def ratio(large: float, small: float) -> float:
        return large / small if small else float("inf")

    result = []
    for small, large in itertools.pairwise(rows):
        if small.format != large.format:
            continue
        factor = ratio(large.total_ms, small.total_ms)
        result.append(
            Growth(
                sizes=f"{small.format} {small.questions} -> {large.questions}",
                factor=factor,
                judged=small.questions >= GROWTH_FROM,
                passed=factor <= GROWTH_LIMIT or small.questions < GROWTH_FROM,
                parser_factor=ratio(large.parser_ms, small.parser_ms),
                warm_factor=ratio(large.warm_total_ms, small.warm_total_ms),
            )
        )
    return result


def print_scale(rows: Sequence[ScaleRow], runs: int) -> None:
    print(
        f"Scale: median of {runs} cold processes each: load_bank(path), then "
        "assess(bank, answers); warm = same process, best of 3 (reference)"
    )
    print(
        f"{'format':<6} {'questions':>9} {'factors':>7} {'KiB':>7} {'load ms':>9} "
        f"{'assess ms':>9} {'total ms':>9} {'parser ms':>9} {'warm ms':>9}  result"
    )
    for row in rows:
        result = "" if row.passed is None else ("PASS" if row.passed else "FAIL")
        if row.passed is not None:
            result += f" (< {LIMIT_SECONDS:.0f} s)"
        print(
            f"{row.format:<6} {row.questions:>9} {row.factors:>7} {row.file_kib:>7.0f} "
            f"{row.load_ms:>9.1f} {row.assess_ms:>9.1f} {row.total_ms:>9.1f} "
            f"{row.parser_ms:>9.1f} {row.warm_total_ms:>9.1f}  {result}"
        )
    for item in growth(rows):
        verdict = ("PASS" if item.passed else "FAIL") if item.judged else "not judged (noise)"
        print(
            f"growth {item.sizes}: {item.factor:.1f}x (<= {GROWTH_LIMIT:.0f}x) {verdict}"
            f"   [parser alone: {item.parser_factor:.1f}x; warm: {item.warm_factor:.1f}x]"
        )


def scale_report(rows: Sequence[ScaleRow]) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        "rows": [asdict(row) for row in rows],
        "growth": [asdict(item) for item in growth(rows)],
    }


if __name__ == "__main__":
    if len(sys.argv) != 7 or sys.argv[1] != "--child":
        raise SystemExit(
            f"usage: {sys.argv[0]} --child BANK ANSWERS WARM_BANK WARM_ANSWERS REPEATS"
        )
    bank, answers, warm_bank, warm_answers, repeats = sys.argv[2:]
    timings = child(Path(bank), Path(answers), Path(warm_bank), Path(warm_answers), int(repeats))
    print(json.dumps(timings))
