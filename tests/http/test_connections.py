"""Connections as clients keep them: an idle keep-alive connection stays open longer than common clients and
proxies keep theirs, so that the client, never the server, is the one to close it."""

import http.client
import time
from urllib.parse import urlsplit

from tests.http.conftest import Served


def test_an_idle_connection_outlives_the_idle_timeout_of_common_clients(served: Served):
    address = urlsplit(served.base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        answers = []
        for pause in (0, 6):  # past uvicorn's own 5 s, and httpx's: a reuse the server may not refuse
            time.sleep(pause)
            connection.request("GET", "/healthz")
            answer = connection.getresponse()
            answers.append((answer.status, answer.read()))
        assert [status for status, _ in answers] == [200, 200]
        assert answers[0][1] == answers[1][1]
    finally:
        connection.close()
