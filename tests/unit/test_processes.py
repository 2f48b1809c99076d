"""Starting a service whose port is taken fails clearly instead of trusting the other one."""

import socket

import pytest

from bot.processes import Service


def test_a_taken_port_is_refused_before_starting() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        service = Service("demo", ["true"], f"http://127.0.0.1:{port}/health")
        with pytest.raises(RuntimeError, match=f"port {port} is already in use"):
            service.start()
        assert service.process is None
