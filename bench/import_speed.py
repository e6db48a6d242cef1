"""Import speed and memory of the list importers on the full files, against a bare parse of the same files.

    python bench/import_speed.py                            # the lists in lists/: SQLite, and PostgreSQL if it answers
    python bench/import_speed.py --backend sqlite --quick   # skip the memory runs
    python bench/import_speed.py --case ofac-all            # one measurement

Each measurement runs in a process of its own on a fresh, migrated and seeded database, so that one run's
memory and caches do not reach the next. Speed is measured without tracing; peak memory in a second run under
tracemalloc (what the import allocates, above what was allocated before it began). The reference is a bare
streaming pass over the same file (iterparse with clearing; csv.reader) that maps nothing and writes nothing,
timed in the same process right after each import (best of five), so that both ran under the same load; its
memory is traced in a process of its own. It also checks the data:
155 DPRK designations with every alias the UN file gives, and every DPRK-program entry of the 2021 OFAC file
(counted here straight from the CSV).
"""

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import time
import tracemalloc
import uuid
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing it

# A database of its own: the writers' feed lock (pg_advisory_xact_lock) is per database, and a long import holding
# it in `test` would hold up every test that writes.
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/sanctions_import_bench"
)
DPRK_PROGRAMS = ["DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"]
# OFAC's legacy CSV carries no date and the import requires one. The 2021 file is of about mid-2021 (its highest
# ent_num); this day is the benchmark's stand-in, not a fact about the file.
OFAC_LIST_DATE = date(2021, 7, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--realdata",
        type=Path,
        default=ROOT / "lists",
        help="Folder with un_consolidated.xml and ofac_sdn_2021/ (default: the project's lists/)",
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="Speed only: no tracemalloc runs.")
    parser.add_argument("--case", action="append", choices=list(CASES), help="Only these measurements (repeat).")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one measurement, in a child process
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(args.one, args.realdata, args.url, args.traced)))
        return
    _report(args)


CASES = {
    # name: (what, file, options)
    "un-dprk": ("un", "un_consolidated.xml", {"regimes": ["DPRK"]}),
    "un-all": ("un", "un_consolidated.xml", {"regimes": ["all"]}),
    "ofac-dprk": ("ofac", "ofac_sdn_2021", {"programs": DPRK_PROGRAMS, "list_date": OFAC_LIST_DATE}),
    "ofac-all": ("ofac", "ofac_sdn_2021", {"list_date": OFAC_LIST_DATE}),
}


def _measure(case: str, realdata: Path, url: str | None, traced: bool) -> dict:
    """One measurement: the reference pass (`ref-un`, `ref-ofac`) or an import, first and then again."""
    if case.startswith("ref-"):
        _start_tracing(traced)
        started = time.perf_counter()
        count = _bare_xml(realdata) if case == "ref-un" else _bare_csv(realdata)
        result = {"entries": count, "seconds": time.perf_counter() - started}
    else:
        result = _import(case, realdata, url, traced)
        if not traced:
            # The reference again, right after, in this process: the machine's load then was the import's.
            result["reference"] = _reference("ref-un" if case.startswith("un") else "ref-ofac", realdata)
    if traced:
        _, peak = tracemalloc.get_traced_memory()
        result["peak_bytes"] = peak - BASELINE[0]
    return result


BASELINE = [0]


def _start_tracing(traced: bool) -> None:
    """Trace from here: the peak counts what the pass allocates, not the modules loaded before it."""
    if traced:
        tracemalloc.start()
        BASELINE[0] = tracemalloc.get_traced_memory()[0]


def _reference(case: str, realdata: Path) -> dict:
    """The bare pass, five times: its best time."""
    seconds = []
    for _ in range(5):
        started = time.perf_counter()
        count = _bare_xml(realdata) if case == "ref-un" else _bare_csv(realdata)
        seconds.append(time.perf_counter() - started)
    return {"entries": count, "seconds": min(seconds)}


def _bare_xml(realdata: Path) -> int:
    count = 0
    for _event, element in ET.iterparse(realdata / CASES["un-all"][1], events=("end",)):
        if element.tag in ("INDIVIDUAL", "ENTITY"):
            count += 1
            element.clear()
    return count


def _bare_csv(realdata: Path) -> int:
    with open(realdata / "ofac_sdn_2021" / "sdn.csv", newline="", encoding="utf-8") as file:
        return sum(1 for row in csv.reader(file) if len(row) == 12)


def _import(case: str, realdata: Path, url: str, traced: bool) -> dict:
    from sqlalchemy.orm import Session

    from service import migrations
    from service.config import PROJECT_ROOT, Settings
    from service.db import make_engine
    from service.importers.ofac_csv import import_ofac_csv, total_size
    from service.importers.un_xml import import_un_xml
    from service.seeding.loader import load_seeds

    what, path, options = CASES[case]
    importer = import_un_xml if what == "un" else import_ofac_csv
    engine = make_engine(Settings(database_url=url))
    with engine.begin() as connection:
        migrations.upgrade(connection)
    with Session(engine) as session:
        load_seeds(session, PROJECT_ROOT / "seeds")
        session.commit()
    _start_tracing(traced)
    runs, cpu, rss, rows = [], [], [], []
    size = (realdata / path).stat().st_size if what == "un" else total_size(realdata / path)
    for _ in range(1 if traced else 2):  # the second run finds everything unchanged
        rows.append(_row_counts(engine))
        rss.append(_RssByTenths(size))
        with Session(engine) as session:
            started, cpu_started = time.perf_counter(), time.process_time()
            report = importer(session, realdata / path, progress=rss[-1].advance, **options)
            session.commit()
            runs.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        rss[-1].at_end()
    rows.append(_row_counts(engine))
    result: dict[str, Any] = {"entries": report.selected, "read": report.read, "seconds": runs[0]}
    result["again_seconds"] = runs[-1]
    result["cpu_seconds"], result["again_cpu_seconds"] = cpu[0], cpu[-1]
    result["rss_mb"] = rss[0].megabytes
    if not traced:
        result["rows_written_again"] = {table: rows[2][table] - rows[1][table] for table in rows[1]}
    result["load_average"] = os.getloadavg()[0]
    result["counts"] = {kind: dict(counts) for kind, counts in report.counts.items()}
    if not traced:
        with Session(engine) as session:
            result["checks"] = _checks(session, case, realdata)
    engine.dispose()
    return result


class _RssByTenths:
    """The process's resident memory after each tenth of the file is read, and at the end."""

    def __init__(self, size: int):
        self.size, self.read = size, 0
        self.megabytes: list[float] = []

    def advance(self, read: int) -> None:
        self.read += read
        if self.read * 10 >= self.size * (len(self.megabytes) + 1) and len(self.megabytes) < 9:
            self.megabytes.append(_rss_mb())

    def at_end(self) -> None:
        self.megabytes.append(_rss_mb())


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _row_counts(engine) -> dict[str, int]:
    """Rows of every table, and the highest updated_at: what a run that writes nothing leaves as it was."""
    from sqlalchemy import func, select

    from service.models import Base

    with engine.connect() as connection:
        counts = {
            name: connection.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }
        for name, table in Base.metadata.tables.items():
            if "updated_at" in table.c:
                stamp = connection.scalar(select(func.max(table.c.updated_at)))
                counts[f"{name} updated"] = 0 if stamp is None else int(stamp.timestamp() * 1e6)
    return counts


def _checks(session, case: str, realdata: Path) -> dict:
    """The imported data against counts taken straight from the file."""
    from sqlalchemy import func, select

    from service.models import Action, ActorAlias, ActorLink, ListEntry

    designations = session.scalar(
        select(func.count())
        .select_from(Action)
        .where(Action.type == "designation", Action.id.like(f"act-{case.split('-')[0]}-%"))
    )
    if case.startswith("un"):
        expected_aliases = {}
        for _event, element in ET.iterparse(realdata / CASES[case][1], events=("end",)):
            if element.tag not in ("INDIVIDUAL", "ENTITY"):
                continue
            if case == "un-dprk" and (element.findtext("UN_LIST_TYPE") or "").strip() != "DPRK":
                element.clear()
                continue
            reference = (element.findtext("REFERENCE_NUMBER") or "").strip()
            names = [
                (element.findtext(tag) or "").strip()
                for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
            ]
            name = " ".join(part for part in names if part)
            # One ALIAS_NAME may join several spellings with ';' (27 entries of the list of 27 February 2026).
            aliases = {part.strip() for alias in element.iter("ALIAS_NAME") for part in (alias.text or "").split(";")}
            aliases |= {(alias.text or "").strip() for alias in element.iter("NAME_ORIGINAL_SCRIPT")}
            expected_aliases["un-" + reference.casefold()] = aliases - {"", name}
            element.clear()
        stored: dict[str, set[str]] = {key: set() for key in expected_aliases}
        for actor_id, alias in session.execute(
            select(ActorAlias.actor_id, ActorAlias.alias).where(ActorAlias.actor_id.like("un-%"))
        ):
            stored.setdefault(actor_id, set()).add(alias)
        return {
            "entries_in_file": len(expected_aliases),
            "designations": designations,
            "aliases_in_file": sum(map(len, expected_aliases.values())),
            "aliases_stored": sum(len(stored[key]) for key in expected_aliases),
            "actors_whose_aliases_differ": sorted(
                key for key in expected_aliases if stored[key] != expected_aliases[key]
            ),
        }
    with open(realdata / "ofac_sdn_2021" / "sdn.csv", newline="", encoding="utf-8") as file:
        rows = [row for row in csv.reader(file) if len(row) == 12]
    dprk = {
        row[0].strip()
        for row in rows
        if any(tag.strip().startswith("DPRK") for tag in row[3].strip("[] ").split("] ["))
    }
    listed = set(session.scalars(select(ListEntry.reference).where(ListEntry.list_name == "ofac_sdn")))
    targets = session.scalar(
        select(func.count()).select_from(ActorLink).where(ActorLink.role == "target", ActorLink.actor_id.like("ofac-%"))
    )
    return {
        "rows_in_file": len(rows),
        "dprk_rows_in_file": len(dprk),
        "dprk_rows_imported": len(dprk & listed),
        "entries_imported": len(listed),
        "designations": designations,
        "target_links": targets,
    }


def _child(case: str, realdata: Path, url: str | None, traced: bool) -> dict:
    command = [sys.executable, __file__, "--realdata", str(realdata), "--one", case]
    if url:
        command += ["--url", url]
    if traced:
        command.append("--traced")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{case} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def _databases(backend: str, scratch: Path):
    """(backend, url factory): a new SQLite file, or a new PostgreSQL schema, per measurement."""
    from sqlalchemy import create_engine, text

    if backend in ("sqlite", "both"):
        yield "sqlite", lambda: f"sqlite:///{scratch / (uuid.uuid4().hex + '.db')}"
    if backend in ("postgresql", "both"):
        server, database = POSTGRES_URL.rsplit("/", 1)
        with create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT").connect() as connection:
            if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": database}):
                connection.execute(text(f'CREATE DATABASE "{database}"'))
        admin = create_engine(POSTGRES_URL)
        schemas = []

        def schema() -> str:
            name = f"bench_{uuid.uuid4().hex[:12]}"
            with admin.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {name}"))
            schemas.append(name)
            return f"{POSTGRES_URL}?options=-csearch_path%3D{name}"

        try:
            yield "postgresql", schema
        finally:
            with admin.begin() as connection:
                for name in schemas:
                    connection.execute(text(f"DROP SCHEMA {name} CASCADE"))
            admin.dispose()


def _report(args) -> None:
    import tempfile

    print(f"machine: {platform.machine()}, nproc {os.cpu_count()}, Python {platform.python_version()}")
    references = {case: _child(case, args.realdata, None, False) for case in ("ref-un", "ref-ofac")}
    traced_refs = {} if args.quick else {case: _child(case, args.realdata, None, True) for case in references}
    for case, ref in references.items():
        peak = traced_refs.get(case, {}).get("peak_bytes")
        print(
            f"{case}: {ref['entries']} entries in {ref['seconds']:.3f} s = {ref['entries'] / ref['seconds']:,.0f}/s"
            + (f", peak {peak / 2**20:.2f} MiB" if peak else "")
        )
    with tempfile.TemporaryDirectory() as scratch:
        for backend, new_url in _databases(args.backend, Path(scratch)):
            for case in args.case or CASES:
                result = _child(case, args.realdata, new_url(), False)
                ref = result["reference"]
                rate = result["entries"] / result["seconds"]
                ref_rate = ref["entries"] / ref["seconds"]
                line = (
                    f"{backend} {case}: {result['entries']} entries (of {result['read']}) in {result['seconds']:.1f} s"
                    f" = {rate:,.0f}/s ({rate / ref_rate:.4f} of the bare pass); unchanged re-import"
                    f" {result['again_seconds']:.1f} s = {result['entries'] / result['again_seconds']:,.0f}/s;"
                    f" bare pass {ref['seconds']:.3f} s = {ref_rate:,.0f}/s; load average {result['load_average']:.1f}"
                )
                if not args.quick:
                    traced = _child(case, args.realdata, new_url(), True)
                    ref_peak = traced_refs["ref-un" if case.startswith("un") else "ref-ofac"]["peak_bytes"]
                    peak = traced["peak_bytes"]
                    line += f"; peak {peak / 2**20:.2f} MiB ({peak / ref_peak:.1f}x the bare pass)"
                print(line)
                print(
                    f"    CPU seconds of the importing process: {result['cpu_seconds']:.1f}, re-import"
                    f" {result['again_cpu_seconds']:.1f} (SQLite works inside it; PostgreSQL's server is not counted)"
                )
                print(f"    RSS MB after each tenth of the file, then at the end: {result['rss_mb']}")
                written = {table: n for table, n in result["rows_written_again"].items() if n}
                print(f"    rows written by the unchanged re-import: {written or 'none'}")
                print(f"    counts {result['counts']}")
                print(f"    checks {result['checks']}")


if __name__ == "__main__":
    main()
