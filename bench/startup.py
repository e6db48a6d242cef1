"""How long the command line takes to start: `sanctions-tracker --help` and each command's `--help`, beside a bare
interpreter (`python -c pass`) timed in the same run, alternating, so that the machine's load weighs on both.

    python -m bench.startup [--runs 15]
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = [[], ["seed"], ["serve"], ["import", "un-xml"], ["export"], ["xref"], ["db", "upgrade"]]


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    tracker = str(Path(sys.executable).parent / "sanctions-tracker")
    bare = [sys.executable, "-c", "pass"]
    print(f"{'command':<40} {'median s':>9} {'bare python s':>14} {'difference s':>13}")
    for args in COMMANDS:
        timed, reference = [], []
        for _ in range(runs):
            timed.append(_seconds([tracker, *args, "--help"]))
            reference.append(_seconds(bare))
        ours, base = statistics.median(timed), statistics.median(reference)
        label = " ".join(["sanctions-tracker", *args, "--help"])
        print(f"{label:<40} {ours:>9.3f} {base:>14.3f} {ours - base:>13.3f}")


if __name__ == "__main__":
    main()
