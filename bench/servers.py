"""Serving an ASGI app with uvicorn in a process of its own, loading it with wrk, and reading its memory."""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict, dataclass
from importlib.util import find_spec

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def uvicorn_flags(access_log: bool = False, loop: str = "auto", http: str = "auto") -> list[str]:
    """The same flags for every server of a run: one worker, and the event loop and HTTP parser named
    (auto: uvloop and httptools when installed, as `uvicorn[standard]` installs them)."""
    loop = loop if loop != "auto" else "uvloop" if find_spec("uvloop") else "asyncio"
    http = http if http != "auto" else "httptools" if find_spec("httptools") else "h11"
    flags = ["--workers", "1", "--loop", loop, "--http", http, "--log-level", "warning"]
    return flags if access_log else [*flags, "--no-access-log"]


@dataclass
class Server:
    process: subprocess.Popen
    base: str

    def peak_rss_mb(self) -> float:
        """The process's high-water mark of resident memory (VmHWM) since it started."""
        return _status_field(self.process.pid, "VmHWM")

    def rss_mb(self) -> float:
        return _status_field(self.process.pid, "VmRSS")

    def wait_idle(self, limit: float = 60) -> None:
        """Wait (LIMIT seconds at most) until the server stops using CPU: requests wrk gave up on at the end of
        a run are still being answered, and would otherwise slow the next run down."""
        deadline = time.monotonic() + limit
        before = self._cpu_ticks()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self._cpu_ticks()
            if now - before <= 2:  # 20 ms of CPU in half a second: idle
                return
            before = now

    def cpu_seconds(self) -> float:
        return self._cpu_ticks() / os.sysconf("SC_CLK_TCK")

    def _cpu_ticks(self) -> int:
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime


def _status_field(pid: int, field: str) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


@contextmanager
def serve(app: str, port: int, flags: list[str], env: dict[str, str], ready_path: str) -> Iterator[Server]:
    """uvicorn APP on 127.0.0.1:PORT until the block ends; waits (60 s at most) for READY_PATH to answer."""
    with tempfile.TemporaryFile() as log:
        yield from _serve(app, port, flags, env, ready_path, log)


def _serve(app: str, port: int, flags: list[str], env: dict[str, str], ready_path: str, log) -> Iterator[Server]:
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), *flags],
        cwd=ROOT,
        env=os.environ | env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"{app} exited at start:\n{log.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(base + ready_path, timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not answer {ready_path} within 60 s") from None
                time.sleep(0.2)
        yield Server(process, base)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors and non-2xx/3xx answers: a run with any is not a figure
    # CPU time the server spent per request answered: what the request costs, whatever else the machine is
    # running (req/s and latency move with the machine's load; this much less).
    cpu_ms_per_request: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


# wrk sends the requests of this file round robin, a line each: a path, and the JSON body to POST there (none: GET).
_REQUESTS_SCRIPT = """
local requests = {}
for line in io.lines(os.getenv("WRK_REQUESTS")) do
  local path, body = line:match("^(%S+)\t(.*)$")
  if body == "" then
    requests[#requests + 1] = wrk.format("GET", path)
  else
    requests[#requests + 1] = wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
  end
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
"""


def wrk(
    server: Server,
    paths: list[str],
    seconds: float,
    connections: int = 32,
    warmup: int = 2,
    beside: AbstractContextManager | None = None,
    bodies: list[dict] | None = None,
) -> WrkResult:
    """Load the server with wrk (one thread, CONNECTIONS connections, keep-alive) for SECONDS, after an
    unmeasured warm-up of WARMUP seconds; before each, the server is left to finish what it was doing.
    BESIDE runs from the warm-up to the end of the measured run (a writer, say). With BODIES, each request POSTs
    the body at its place in the list to the path at the same place; otherwise each GETs its path."""
    base = server.base
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script, tempfile.NamedTemporaryFile("w") as listing:
        script.write(_REQUESTS_SCRIPT)
        script.flush()
        listing.writelines(
            f"{path}\t{json.dumps(body) if body else ''}\n"
            for path, body in zip(paths, bodies or [None] * len(paths), strict=True)
        )
        listing.flush()
        env = os.environ | {"WRK_REQUESTS": listing.name}

        def run(duration: float) -> str:
            command = ["wrk", "-t1", f"-c{connections}", f"-d{duration:g}s", "--timeout", "10s", "--latency"]
            command += ["-s", script.name, base + paths[0]]
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=duration + 60)
            if done.returncode != 0:
                raise RuntimeError(f"wrk failed: {done.stderr or done.stdout}")
            return done.stdout

        server.wait_idle()
        with beside or nullcontext():
            if warmup:
                run(warmup)
            cpu_before = server.cpu_seconds()
            output = run(seconds)
        server.wait_idle()  # what it spends finishing the requests wrk counted, and those it gave up on
        result = _parse(output)
        # The requests in flight when wrk stopped were answered too (and their CPU counted): up to one per connection.
        answered = result.requests + connections
        result.cpu_ms_per_request = round((server.cpu_seconds() - cpu_before) * 1000 / answered, 2)
        return result


def _parse(output: str) -> WrkResult:
    def latency(percentile: str) -> float:
        match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if match is None:
            raise RuntimeError(f"no {percentile}% latency in wrk's output:\n{output}")
        value, unit = float(match[1]), match[2]
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    errors += sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    return WrkResult(
        requests_per_second=round(float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]), 1),
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        requests=int(re.search(r"(\d+) requests in", output)[1]),
        errors=errors,
    )
