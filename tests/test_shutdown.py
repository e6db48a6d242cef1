"""Graceful shutdown: on SIGTERM, `sanctions-tracker serve` stops taking connections, finishes the request in
flight (here a write whose body is still arriving), stores it, and exits."""

import json
import signal
import socket
import time

from sqlalchemy.orm import Session

from service.config import Settings
from service.db import make_engine
from service.models import Actor
from tests.conftest import free_port, make_key, start_server


def _refuses_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_sigterm_lets_the_request_in_flight_finish_and_keeps_its_write(fresh_seeded_url: str):
    token = make_key(fresh_seeded_url, "shutdown", "write")
    port = free_port()
    server = start_server(["service.cli", "serve", "--port", str(port)], fresh_seeded_url, port)
    body = json.dumps({"id": "actor-in-flight", "name": "In Flight Trading Co", "kind": "organization"}).encode()
    head = (
        f"POST /v1/actors HTTP/1.1\r\nHost: tracker.test\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
            connection.sendall(head + body[:10])
            time.sleep(0.5)  # the server has read the headers: the request is in flight
            server.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            while not _refuses_connections(port) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _refuses_connections(port), "the server still accepts connections after SIGTERM"
            assert server.poll() is None, "the server left before the request in flight had finished"

            connection.sendall(body[10:])
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        status_line, _, rest = answer.partition(b"\r\n")
        assert status_line == b"HTTP/1.1 201 Created", answer[:500]
        assert json.loads(rest.partition(b"\r\n\r\n")[2])["id"] == "actor-in-flight"
        # uvicorn re-raises the signal it caught once it has shut down, so the exit status is SIGTERM's.
        assert server.wait(timeout=15) == -signal.SIGTERM
    finally:
        if server.poll() is None:
            server.kill()
    engine = make_engine(Settings(database_url=fresh_seeded_url))
    with Session(engine) as session:
        assert session.get(Actor, "actor-in-flight").name == "In Flight Trading Co"
    engine.dispose()
