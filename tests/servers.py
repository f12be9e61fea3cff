"""Real app processes for the end-to-end tests: gunicorn on the test database, and a browser
session of `requests` that posts forms with their CSRF token."""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests
from django.db import connection


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "exited")
        try:
            requests.get(url + "/sign-in/", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


def database_url(user: str | None = None) -> str:
    """The test database's address, as its owner or as another role."""
    settings = connection.settings_dict
    return (
        f"postgres://{user or settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
        f"{settings['NAME']}"
    )


@contextmanager
def gunicorn_processes(count: int, **env: str) -> Iterator[list[str]]:
    """`count` app processes of two workers each, on the test database; their addresses."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "safeguard.settings.test",
        **env,
    }
    processes, urls = [], []
    for _ in range(count):
        port = _free_port()
        command = [sys.executable, "-m", "gunicorn", "safeguard.wsgi:application"]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"]
        processes.append(
            subprocess.Popen(
                command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, processes, strict=True):
            _wait_until_serving(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def csrf(session: requests.Session, url: str) -> str:
    page = session.get(url).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def post(session: requests.Session, url: str, data: dict) -> requests.Response:
    data = {**data, "csrfmiddlewaretoken": csrf(session, url)}
    return session.post(url, data=data, allow_redirects=False)
