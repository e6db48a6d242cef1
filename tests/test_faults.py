"""A PostgreSQL that goes away: every database route answers 503 problem+json within a bounded time, and the
service recovers by itself when the database returns. Runs against a throwaway cluster this test starts
(initdb + pg_ctl, as the postgres system user), never the shared server."""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import client_for, free_port, seed

pytestmark = pytest.mark.anyio

BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def _unavailable() -> str | None:
    if not BINARIES:
        return "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql"
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        return "starting a throwaway cluster needs root (to run initdb as the postgres user)"
    return None


class Cluster:
    def __init__(self, directory: Path):
        self.data, self.port = directory / "data", free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *command: str) -> None:
        # No pipes: a started server would hold them open and the call would never return.
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )

    def init(self) -> None:
        self._as_postgres(f"{BINARIES[-1]}/initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres")

    def start(self) -> None:
        options = f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.data.parent / "server.log")
        self._as_postgres(f"{BINARIES[-1]}/pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self) -> None:
        self._as_postgres(f"{BINARIES[-1]}/pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def cluster():
    reason = _unavailable()
    if reason:
        pytest.skip(reason)
    # Not under pytest's tmp_path: that is private to root, and the server runs as postgres.
    directory = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    directory.chmod(0o777)
    cluster = Cluster(directory)
    cluster.init()
    cluster.start()
    seed(cluster.url)
    yield cluster
    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped by the test
        cluster.stop()
    shutil.rmtree(directory, ignore_errors=True)


async def test_a_stopped_database_gives_bounded_503s_and_the_service_recovers(cluster):
    async for client in client_for(cluster.url, db_timeout_seconds=2):
        assert (await client.get("/v1/actions")).status_code == 200
        cluster.stop()
        for path in ("/readyz", "/v1/actions", "/v1/resolutions/1718/actions", "/v1/actors?q=DPRK"):
            started = time.monotonic()
            response = await client.get(path)
            assert response.status_code == 503, (path, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            assert time.monotonic() - started < 5, path
        cluster.start()
        recovered = await client.get("/v1/actions")
        assert recovered.status_code == 200 and len(recovered.json()["items"]) == 10
        assert (await client.get("/readyz")).status_code == 200
