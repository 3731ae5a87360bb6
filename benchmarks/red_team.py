"""The bad-input tally of issue 17: every attack of tests/test_red_team.py, each run as a user runs it (its own
process: ``python -m helpers.build``, a loader, ``python -m helpers.publishing.execute`` or ``.site``) on a copy
of a checkout, and how it ended.

    python benchmarks/red_team.py [--src CHECKOUT] [--jobs 2]

``--src`` is any checkout of the project (default: this one), e.g. one made by ``git worktree add`` or
``git archive`` of an older commit: its src/, data/ and notebooks/ are copied for each attack and its own code
runs there. Outcomes:

* one line: a non-zero status and one line on stderr (for the current code, also the expected line);
* traceback: a non-zero status and more than one line (a traceback, or noise around the message);
* silent: status 0 for bad input that had to be refused;
* correct: status 0 and the correct result (the attacks whose right answer is to accept the input);
* wrong: such an input refused, or accepted with a wrong result.

Prints one line per attack and the tally; asserts nothing (tests/test_red_team.py is the test).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "tests"))

from test_red_team import ATTACKS, NOTEBOOK, Attack  # noqa: E402

LOAD = ("import sys\nfrom helpers.build.load import load\nfrom helpers.errors import DataError\n"
        "try:\n    load({resource!r})\nexcept DataError as err:\n    print(f'error: {{err}}', file=sys.stderr)\n"
        "    sys.exit(1)\n")


def command(attack: Attack) -> list[str]:
    if attack.run == "build":
        return ["-m", "helpers.build"]
    if attack.run.startswith("load "):
        return ["-c", LOAD.format(resource=attack.run.split()[1])]
    if attack.run == "execute":
        return ["-m", "helpers.publishing.execute", "--cache", "cache.json", f"notebooks/{NOTEBOOK}"]
    if attack.run == "site":
        return ["-m", "helpers.publishing.site", "--out", "html", "--work", "work", f"notebooks/{NOTEBOOK}"]
    raise ValueError(attack.run)


def replay(attack: Attack, checkout: Path, current: bool) -> tuple[str, str]:
    """(outcome, detail) of one attack on a fresh copy of ``checkout``."""
    with tempfile.TemporaryDirectory(prefix="red-team-") as folder:
        root = Path(folder)
        for part in ("src", "data", "notebooks"):
            shutil.copytree(checkout / part, root / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        attack.damage(root)
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root / "src"), "HELPERS_FIGURES_DIR": str(root / "figs"),
               "HOME": folder}
        done = subprocess.run([sys.executable, *command(attack)], cwd=root, env=env, capture_output=True,
                              text=True, timeout=900)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        if done.returncode == 0:
            if attack.expect is not None:
                return "silent", "accepted"
            try:
                attack.check(root)
            except AssertionError as err:
                return "wrong", f"wrong result: {err}"
            return "correct", ""
        if attack.expect is None:
            return "wrong", f"refused: {lines[-1] if lines else ''}"
        if len(lines) != 1:
            return "traceback", lines[-1] if lines else f"status {done.returncode}, no message"
        if current and not re.search(attack.expect, lines[0]):
            return "one line", f"(not the expected line) {lines[0]}"
        return "one line", lines[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=HERE, help="the checkout to attack (default: this one)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    checkout = args.src.resolve()
    current = checkout == HERE
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda a: (a, *replay(a, checkout, current)), ATTACKS))
    for attack, outcome, detail in results:
        print(f"{outcome:<10} {attack.id}: {detail[:160]}")
    tally = Counter(outcome for _, outcome, _ in results)
    print(f"\n{len(results)} attacks on {checkout}: " + ", ".join(
        f"{tally[k]} {k}" for k in ("one line", "correct", "traceback", "silent", "wrong")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
