"""The figures of a run as Markdown, checked against the targets, and written into docs/benchmarks.md between
the markers of the run's size (everything else in the document stays as it is)."""

import json
from pathlib import Path

ENDPOINTS = {
    "headline": "`/v1/resolutions/1718/actions?limit=50`, first page",
    "headline_deep": "the same, the page 1,000 rows deep (cursor)",
    "actor_since": "`/v1/actions?actor=…&date_from=2020-01-01`",
    "action": "`/v1/actions/{id}` (1,000 ids in turn)",
    "actor_search": "`/v1/actors?q=…` (two words of a company's name)",
    "headline_writes": "the headline, while a writer adds an unrelated actor 10 times a second",
}
PEER = {
    "newest_citing": "Datasette, the same records (actions with their links and quotes, as JSON arrays)",
    "newest_citing_rows": "Datasette, the action rows alone",
}


def read(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, figure, met); met is None where this run cannot tell (PostgreSQL-only, or a part skipped)."""
    reads = results["reads"]
    sqlite, ceiling = reads["sqlite"], reads["ceiling"]["ping"]["requests_per_second"]
    headline = sqlite["headline"]["requests_per_second"]
    peer = reads["datasette"]["newest_citing"]["requests_per_second"]
    worst_p99 = max((sqlite[name]["p99_ms"], name) for name in ENDPOINTS if name in sqlite)
    cpu = {
        "headline": sqlite["headline"].get("cpu_ms_per_request"),
        "ceiling": reads["ceiling"]["ping"].get("cpu_ms_per_request"),
        "peer": reads["datasette"]["newest_citing"].get("cpu_ms_per_request"),
    }
    by_cpu = all(cpu.values())
    ceiling_note = f" (by CPU per request: {cpu['ceiling'] / cpu['headline']:.0%})" if by_cpu else ""
    peer_note = f" (by CPU per request: {cpu['peer'] / cpu['headline']:.1f}×)" if by_cpu else ""
    rows = [
        (
            "headline ≥ 50% of the framework ceiling",
            f"{headline / ceiling:.0%}{ceiling_note}",
            headline / ceiling >= 0.5,
        ),
        ("headline ≥ 2× Datasette (same records)", f"{headline / peer:.1f}×{peer_note}", headline / peer >= 2),
        (
            "p99 ≤ 50 ms at 32 connections, every endpoint",
            f"{worst_p99[0]:g} ms at worst ({worst_p99[1]})",
            worst_p99[0] <= 50,
        ),
    ]
    uncached = reads.get("sqlite-uncached")
    if uncached:
        cold = uncached["headline"]["requests_per_second"]
        slowest = min((uncached[name]["requests_per_second"], name) for name in ENDPOINTS if name in uncached)
        action = uncached["action"]["requests_per_second"]
        search = uncached["actor_search"]["requests_per_second"]
        rows += [
            (
                "answer cache off: the headline ≥ 2× Datasette (aim 5×)",
                f"{cold / peer:.1f}× ({cold:,.0f} against {peer:,.0f} req/s), {cold / ceiling:.0%} of the ceiling",
                cold / peer >= 2,
            ),
            (
                "answer cache off: every endpoint ≥ Datasette's headline",
                f"slowest {slowest[1]}, {slowest[0]:,.0f} req/s ({slowest[0] / peer:.1f}×)",
                slowest[0] >= peer,
            ),
            (
                "answer cache off: `/v1/actions/{id}` ≥ 40% of the ceiling",
                f"{action / ceiling:.0%}",
                action / ceiling >= 0.4,
            ),
            (
                "answer cache off: actor search ≥ 500 req/s (target at 1M)",
                f"{search:,.0f} req/s",
                search >= 500 if results["actions"] >= 1_000_000 else None,
            ),
        ]
    writes = sqlite.get("headline_writes")
    if writes:
        kept = writes["requests_per_second"] / headline
        rows.append(
            (
                "cache on, 10 writes a second: headline ≥ 50% of its no-write throughput, p99 ≤ 100 ms",
                f"{kept:.0%} ({writes['requests_per_second']:,.0f} req/s, {writes['writes']} writes), "
                f"p99 {writes['p99_ms']:g} ms",
                kept >= 0.5 and writes["p99_ms"] <= 100,
            )
        )
    pg_ceiling = reads.get("postgresql-ceiling")
    if pg_ceiling and "postgresql-uncached" in reads:
        bare = pg_ceiling["headline"]["requests_per_second"]
        computed = reads["postgresql-uncached"]["headline"]["requests_per_second"]
        cached = reads["postgresql"]["headline"]
        rows += [
            (
                "PostgreSQL, answer cache off: headline ≥ 50% of bare FastAPI + one psycopg query",
                f"{computed / bare:.0%} ({computed:,.0f} against {bare:,.0f} req/s)",
                computed / bare >= 0.5,
            ),
            (
                "PostgreSQL, cache on: headline ≥ 50% of the framework ceiling, p99 ≤ 50 ms",
                f"{cached['requests_per_second'] / ceiling:.0%}, p99 {cached['p99_ms']:g} ms",
                cached["requests_per_second"] / ceiling >= 0.5 and cached["p99_ms"] <= 50,
            ),
        ]
        pg_writes = reads["postgresql"].get("headline_writes")
        if pg_writes:
            kept = pg_writes["requests_per_second"] / cached["requests_per_second"]
            rows.append(
                (
                    "PostgreSQL, cache on, 10 writes a second: ≥ 50% of no-write throughput, p99 ≤ 100 ms",
                    f"{kept:.0%}, p99 {pg_writes['p99_ms']:g} ms",
                    kept >= 0.5 and pg_writes["p99_ms"] <= 100,
                )
            )
    load = results.get("load", {}).get("sqlite")
    if load:
        note = f" ({load['per_cpu_second']:,} per CPU-second)" if "per_cpu_second" in load else ""
        rows.append(("bulk load ≥ 20,000 actions/s", f"{load['per_second']:,}/s{note}", load["per_second"] >= 20_000))
    else:
        rows.append(("bulk load ≥ 20,000 actions/s", "not loaded this run", None))
    rss = sqlite["peak_rss_mb"]
    rows.append(("server RSS ≤ 250 MB", f"{rss:g} MB", rss <= 250))
    export = results.get("export")
    if export:
        tenths = export["rss_mb_each_tenth"]
        growth = tenths[-1] - tenths[1]
        rows.append(
            (
                "export memory flat",
                f"{tenths[1]:g} MB after a tenth, {tenths[-1]:g} MB at the end",
                growth <= max(10, 0.1 * tenths[1]),
            )
        )
    return rows


def markdown(results: dict) -> str:
    m, reads = results["machine"], results["reads"]
    ceiling = reads["ceiling"]["ping"]
    backends = [name for name in ("sqlite", "sqlite-uncached", "postgresql", "postgresql-uncached") if name in reads]
    label = f" ({results['label']})" if results.get("label") else ""
    lines = [
        f"### {results['actions']:,} actions{label}",
        "",
        f"Run of {results['date']}, {results['minutes']} min. Machine: {m['nproc']} cores ({m['cpu']}), "
        f"{m['memory']} of memory, Linux {m['kernel']}; Python {m['python']}, SQLite {m['sqlite']}, "
        f"{m['postgresql'].replace('psql ', '')}; "
        + ", ".join(f"{name} {v}" for name, v in results["versions"].items())
        + f". uvicorn `{results['uvicorn_flags']}`; wrk {results['wrk']}."
        + (
            f" Load average (1 min) {results['load_average']['start']} at the start, {results['load_average']['end']}"
            " at the end: the machine is shared, so read the ratios to the ceiling and the peer measured beside them."
            if results.get("load_average")
            else ""
        ),
        "",
        *([results["load_note"] + ".", ""] if results.get("load_note") else []),
        f"| target ({results['actions']:,} actions; SQLite unless named) | this run | met |",
        "| --- | --- | --- |",
    ]
    for target, figure, met in targets(results):
        lines.append(f"| {target} | {figure} | {'yes' if met else 'n/a' if met is None else '**no**'} |")
    lines += [
        "",
        "| load through `put_actions` | actions/s | seconds | actions per CPU-second of the loader | database size |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, load in results.get("load", {}).items():
        part = "" if load["actions"] == results["actions"] else f" (the first {load['actions']:,}: budget spent)"
        cpu = f"{load['per_cpu_second']:,}" if "per_cpu_second" in load else "?"
        if name == "postgresql":
            cpu += " (the server's share not counted)"
        lines.append(
            f"| {name}{part} | {load['per_second']:,} | {load['seconds']:g} | {cpu} "
            f"| {results['databases'].get(name, {}).get('mb', '?')} MB |"
        )
    for name in backends:
        database, cache = _variant(name)
        count = results["databases"][database]["actions"]
        held = "" if count == results["actions"] else f", holding {count:,} actions"
        lines += [
            "",
            f"| reads on {database}{held}{cache}, 32 connections | req/s | p50 ms | p99 ms | ÷ ceiling "
            "| server CPU ms per request | ÷ ceiling, by CPU |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            f"| framework ceiling (bare FastAPI, `/ping`) | {ceiling['requests_per_second']:,.0f} "
            f"| {ceiling['p50_ms']:g} | {ceiling['p99_ms']:g} | 100% "
            f"| {ceiling.get('cpu_ms_per_request', 0):g} | 100% |",
        ]
        for endpoint, title in ENDPOINTS.items():
            if endpoint not in reads[name]:
                continue
            run = reads[name][endpoint]
            ratio = run["requests_per_second"] / ceiling["requests_per_second"]
            flag = f" ({run['errors']} errors)" if run["errors"] else ""
            cpu = run.get("cpu_ms_per_request", 0)
            by_cpu = f"{ceiling.get('cpu_ms_per_request', 0) / cpu:.0%}" if cpu else "?"
            lines.append(
                f"| {title} | {run['requests_per_second']:,.0f}{flag} | {run['p50_ms']:g} | {run['p99_ms']:g} "
                f"| {ratio:.0%} | {cpu:g} | {by_cpu} |"
            )
    headline = reads["sqlite"]["headline"]["requests_per_second"]
    headline_cpu = reads["sqlite"]["headline"].get("cpu_ms_per_request", 0)
    lines += [
        "",
        "| peer, same question, same file | req/s | p50 ms | p99 ms | service headline ÷ peer "
        "| server CPU ms per request | service ÷ peer, by CPU |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for query, title in PEER.items():
        run = reads["datasette"][query]
        cpu = run.get("cpu_ms_per_request", 0)
        by_cpu = f"{cpu / headline_cpu:.1f}×" if cpu and headline_cpu else "?"
        lines.append(
            f"| {title} | {run['requests_per_second']:,.0f} | {run['p50_ms']:g} | {run['p99_ms']:g} "
            f"| {headline / run['requests_per_second']:.1f}× | {cpu:g} | {by_cpu} |"
        )
    pg_ceiling = reads.get("postgresql-ceiling")
    if pg_ceiling:
        run = pg_ceiling["headline"]
        lines += [
            "",
            "| ceiling of PostgreSQL: bare FastAPI, one psycopg query building the headline's JSON | req/s "
            "| p50 ms | p99 ms | server CPU ms per request |",
            "| --- | --- | --- | --- | --- |",
            f"| `bench/pg_ceiling.py` | {run['requests_per_second']:,.0f} | {run['p50_ms']:g} | {run['p99_ms']:g} "
            f"| {run.get('cpu_ms_per_request', 0):g} |",
        ]
    lines += ["", "| memory | peak RSS |", "| --- | --- |"]
    for name in backends:
        database, cache = _variant(name)
        lines.append(f"| server on {database}{cache}, through its read runs | {reads[name]['peak_rss_mb']:g} MB |")
    lines.append(f"| Datasette, through its read runs | {reads['datasette']['peak_rss_mb']:g} MB |")
    export = results.get("export")
    if export:
        lines.append(
            f"| export of all {export['actions']:,} actions as JSON lines ({export['per_second']:,}/s, "
            f"{export['megabytes_written']:,} MB written) | {export['peak_rss_mb']:g} MB; "
            f"RSS at each tenth: {', '.join(f'{v:g}' for v in export['rss_mb_each_tenth'])} MB |"
        )
    return "\n".join(lines) + "\n"


def _variant(name: str) -> tuple[str, str]:
    """The database a read run's name says, and the words for its cache: `sqlite-uncached` is SQLite, cache off."""
    database = name.removesuffix("-uncached")
    return database, "" if database == name else ", answer cache off"


def update_document(path: Path, results: dict) -> None:
    """Put the figures between `<!-- bench:SIZE:start -->` and `<!-- bench:SIZE:end -->`, appended at the end
    when the markers are missing; nothing else in the document changes."""
    start, end = f"<!-- bench:{results['size']}:start -->", f"<!-- bench:{results['size']}:end -->"
    document = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{start}\n{markdown(results)}{end}"
    if start in document and end in document:
        before, rest = document.split(start, 1)
        document = before + block + rest.split(end, 1)[1]
    else:
        document = document.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(document)
