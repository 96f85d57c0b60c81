#!/usr/bin/env python3
"""Time `trellis build` on pathological input: each case must stay linear.

    python3 bench/pathological.py [--no-cargo] [--only NAME] [--keep]

Builds the release binary (`cargo build --release`; `--no-cargo` uses the
existing target/release/trellis), writes each case as a one-lesson course into a
temporary folder, and prints, per case: the wall time of one
`trellis build --quiet`, whether it built or failed (a capped case fails on
purpose, with the error shown), and the stage timings (`TRELLIS_TIMINGS=1`).
The goal for each case is well under 2 s. Standard library only. Timings never
run in CI or in tests; tests/pathological.rs checks the output of each case.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TIMEOUT = 600
FRONT = '+++\ntitle = "Case"\n+++\n'
SIZE_LIMIT = 2 << 20


def just_under(unit: str) -> str:
    """`unit` repeated to 2.09 MB (decimal), just under the 2 MiB limit."""
    target = 2_090_000 - len(FRONT)
    return unit * (target // len(unit))


def cases() -> dict[str, dict[str, str]]:
    """Case name -> files of its course (besides site.toml and the home page)."""
    lesson = "content/01-case.md"
    other = ("content/02-other.md", FRONT + "## Part\n\nText.\n")
    return {
        "20k-identical-headings": {lesson: FRONT + "## x\n\n" * 20_000},
        "10k-links": {
            lesson: FRONT
            + "## Here\n\n"
            + "".join(f"[a{i}](02-other.md#part) [b{i}](#here)\n" for i in range(5_000)),
            other[0]: other[1],
        },
        "70k-nested-yaml-extra": {
            lesson: '---\ntitle: Case\nextra:\n  k: ' + "[" * 70_000 + "\n---\nBody.\n"
        },
        "70k-nested-colon-fences": {lesson: FRONT + "::: note\n" * 70_000 + ":::\n" * 70_000},
        "2MiB-prose": {
            lesson: FRONT + just_under("A sentence of plain prose, with *some* emphasis and `code`.\n\n")
        },
        "2MiB-one-paragraph": {lesson: FRONT + just_under("word ")},
        "2MiB-headings": {lesson: FRONT + just_under("## A heading\n\n")},
        "2MiB-links": {lesson: FRONT + "## x\n\n" + just_under("[x](#x) "), other[0]: other[1]},
        "2MiB-list": {lesson: FRONT + just_under("- an item\n")},
        "2MiB-table": {lesson: FRONT + "| a | b |\n|---|---|\n" + just_under("| 1 | 2 |\n")},
        "2MiB-brackets": {lesson: FRONT + just_under("[")},
        "2MiB-emphasis": {lesson: FRONT + just_under("*a _")},
        "2MiB-raw-html": {lesson: FRONT + just_under('<span class="x">y</span>\n')},
        "2MiB-fields": {lesson: FRONT + "::: worksheet\n" + just_under("[[lines 1]]\n") + ":::\n"},
    }


def write_course(root: str, files: dict[str, str]) -> None:
    base = {
        "site.toml": 'title = "Bench"\nbase_url = "https://example.org/c/"\n',
        "content/_index.md": '+++\ntitle = "Bench"\n+++\nWelcome.\n',
    }
    for rel, text in {**base, **files}.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        assert len(text.encode()) <= SIZE_LIMIT, rel


def run_case(binary: str, root: str) -> tuple[float, int, str]:
    out = os.path.join(root, "public")
    cmd = [binary, "build", "--quiet", "--root", root, "--output", out]
    env = dict(os.environ, TRELLIS_TIMINGS="1")
    t = time.perf_counter()
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return TIMEOUT, -1, f"timed out after {TIMEOUT} s"
    return time.perf_counter() - t, p.returncode, p.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-cargo", action="store_true", help="use the existing target/release/trellis")
    ap.add_argument("--only", help="run only cases whose name contains this")
    ap.add_argument("--keep", action="store_true", help="keep the generated courses and print where")
    args = ap.parse_args()
    if not args.no_cargo:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "trellis"], cwd=REPO, check=True)
    binary = os.path.join(REPO, "target", "release", "trellis")
    work = tempfile.mkdtemp(prefix="trellis-patho-")
    print(f"{'case':<26} {'time':>8}  result")
    for name, files in cases().items():
        if args.only and args.only not in name:
            continue
        root = os.path.join(work, name)
        write_course(root, files)
        secs, code, err = run_case(binary, root)
        errors = [l for l in err.splitlines() if ": error:" in l]
        result = "built" if code == 0 else f"failed ({code}): {errors[0] if errors else err.strip()[:200]}"
        print(f"{name:<26} {secs:>7.2f}s  {result}")
        stages = [l.strip() for l in err.splitlines() if l.startswith("timing:")]
        for s in stages[:12]:
            print(f"{'':<28}{s}")
        sys.stdout.flush()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if args.keep:
        print(f"courses kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
