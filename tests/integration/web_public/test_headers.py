"""Every response of bot.web, static files and error pages included, carries nosniff and a CSP."""

from __future__ import annotations

from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.web.app import create_app
from bot.web.settings import WebSettings
from tests.ports import free_port


async def test_static_files_and_errors_carry_the_baseline_headers(tmp_path: Path) -> None:
    settings = WebSettings(port=free_port(), database_url=f"sqlite:///{tmp_path / 'bot.db'}", actions_url="")
    async with TestClient(TestServer(create_app(settings), port=settings.port)) as client:
        for path, status in [
            ("/public/chat.js", 200), ("/public/icon.svg", 200), ("/public/style.css", 200),
            ("/public/missing.js", 404), ("/nothing-here", 404), ("/fr/", 200), ("/staff/login", 200),
        ]:  # fmt: skip
            response = await client.get(path, allow_redirects=False)
            assert response.status == status, path
            assert response.headers["X-Content-Type-Options"] == "nosniff", path
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        page = await client.get("/fr/")
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]  # the page keeps its own
        console = await client.get("/staff/login")
        assert "script-src 'none'" in console.headers["Content-Security-Policy"]  # and the console its own
        wrong_method = await client.post("/fr/")
        assert wrong_method.status == 405 and wrong_method.headers["X-Content-Type-Options"] == "nosniff"
