"""Stream every published action as JSON lines through the project's read path, and measure its memory.

No exporter exists yet; this is what one would do: list_actions over keyset pages (load_actions for each
page's records), one line per action. Prints one JSON object: count, seconds, bytes written, peak RSS, and
the RSS after each tenth of the run (flat when memory does not grow with the number of actions).

    python -m bench.export DATABASE_URL [--out FILE] [--page 500]
"""

import argparse
import json
import sys
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.actions.queries import list_actions
from service.actions.schemas import ActionFilters
from service.config import Settings
from service.db import make_engine
from service.models import Action


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory now, or at its highest so far (VmHWM; getrusage's ru_maxrss can carry the parent's)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def export(url: str, out, page: int) -> dict:
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        total = session.scalar(select(func.count()).select_from(Action).where(Action.status == "published"))
    started = time.perf_counter()
    written = count = 0
    samples: list[float] = [round(rss_mb(), 1)]
    next_sample = total / 10
    cursor = None
    while True:
        # A session per page, as a request would have: nothing accumulates from one page to the next.
        with Session(engine) as session:
            result = list_actions(session, ActionFilters(limit=page, cursor=cursor))
        for action in result.items:
            line = action.model_dump_json() + "\n"
            out.write(line)
            written += len(line)
        count += len(result.items)
        while count >= next_sample and len(samples) <= 10:
            samples.append(round(rss_mb(), 1))
            next_sample += total / 10
        cursor = result.next_cursor
        if cursor is None:
            break
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "actions": count,
        "seconds": round(seconds, 1),
        "per_second": round(count / seconds),
        "megabytes_written": round(written / 1e6),
        "peak_rss_mb": round(rss_mb("VmHWM"), 1),
        "rss_mb_each_tenth": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--out", default="/dev/null")
    parser.add_argument("--page", type=int, default=500)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as out:
        print(json.dumps(export(args.url, out, args.page)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
