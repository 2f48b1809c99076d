"""What HAProxy says of each server (its stats page as CSV): the cluster is ready when
every instance is in, and a test sees a killed one taken out and brought back."""

from __future__ import annotations

import csv
import io
import time
import urllib.request


def server_states(monitor_port: int) -> dict[str, str]:
    """{"rasa/rasa1": "UP" | "DOWN" | "UP 1/2" | ...} for every server of every backend."""
    with urllib.request.urlopen(f"http://127.0.0.1:{monitor_port}/stats;csv", timeout=5) as response:
        rows = csv.DictReader(io.StringIO(response.read().decode().lstrip("# ")))
        servers = [r for r in rows if r["svname"] not in ("FRONTEND", "BACKEND")]
        return {f"{r['pxname']}/{r['svname']}": r["status"] for r in servers}


def wait_for(monitor_port: int, wanted: str, servers: list[str] | None = None, timeout: float = 30.0) -> float:
    """Seconds until HAProxy reports each of `servers` (default: all) exactly `wanted`.

    Raises:
        TimeoutError: Not so after `timeout` seconds.
    """
    started = time.monotonic()
    while True:
        states = server_states(monitor_port)
        if all(states.get(name) == wanted for name in servers or states):
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"load balancer: not all {wanted} after {timeout:.0f} s: {states}")
        time.sleep(0.1)
