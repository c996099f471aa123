"""A small web on 127.0.0.1, the only web a test reaches: pages for the fetcher, the
browser's source sites, a partner's webhook receiver (the `web` fixture of tests/conftest.py).

Each path answers from a list of replies (one per request, the last one repeating), so a
test can script a server that fails twice then answers, redirects, trickles bytes or
stalls until the test lets it go. Every wait is bounded so a failing test cannot hang.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STALL_LIMIT_SECONDS = 60.0  # a stalled reply gives up on its own after this long


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: no Content-Length, the body ends when the socket closes
    trickle_seconds: float = 0.0  # > 0: send the body one byte at a time, this far apart
    stall: Stall | None = None  # wait for the test's go-ahead before answering
    # The whole response, status line and headers included, written as it is (a server
    # that misbehaves below HTTP); with trickle_seconds, bytes from trickle_from on are
    # sent one at a time.
    raw: bytes | None = None
    trickle_from: int = 0

    @property
    def data(self) -> bytes:
        return self.body.encode() if isinstance(self.body, str) else self.body


class Stall:
    """Holds a request until the test releases it; tells the test when it arrived."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()

    def hold(self) -> None:
        self.arrived.set()
        self.release.wait(STALL_LIMIT_SECONDS)


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location}, content_type=None)


def html_page(title: str, paragraphs: list[str], *, author: str = "", site: str = "") -> str:
    metas = ""
    if author:
        metas += f'<meta name="author" content="{author}">'
    if site:
        metas += f'<meta property="og:site_name" content="{site}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>{metas}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        f"<footer>Copyright the publisher.</footer></body></html>"
    )


def article_page(text: str, title: str = "Russia and China start joint military drills") -> str:
    """A news page with `text` as its article, one paragraph per line."""
    lines = [line for line in text.splitlines() if line.strip()]
    return html_page(title, lines, author="Moscow Times staff", site="The Moscow Times")


class LocalWeb:
    def __init__(self) -> None:
        self._routes: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self.requests: dict[str, list[dict[str, str]]] = defaultdict(list)  # their headers
        self.bodies: dict[str, list[bytes]] = defaultdict(list)  # their bodies (a GET's: b"")
        self.trickled: dict[str, int] = defaultdict(int)  # raw bytes sent one at a time
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web._answer(self)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                web._answer(self, body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, *replies: Reply) -> str:
        """Serve `replies` at `path` in order, the last one repeating; returns the URL."""
        with self._lock:
            self._routes[path] = list(replies)
        return self.url(path)

    def hits(self, path: str) -> int:
        with self._lock:
            return len(self.requests[path])

    def close(self) -> None:
        with self._lock:
            for replies in self._routes.values():
                for reply in replies:
                    if reply.stall:
                        reply.stall.release.set()
        self.server.shutdown()
        self.server.server_close()

    def received(self, path: str) -> list[tuple[dict[str, str], bytes]]:
        """The requests to `path`: each one's headers and body, in order."""
        with self._lock:
            return list(zip(self.requests[path], self.bodies[path], strict=True))

    def _answer(self, handler: BaseHTTPRequestHandler, body: bytes = b"") -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests[path].append(dict(handler.headers.items()))
            self.bodies[path].append(body)
            replies = self._routes.get(path)
            if replies and len(replies) > 1:
                reply = replies.pop(0)
            else:
                reply = replies[0] if replies else Reply(status=404, body="not here")
        if reply.stall:
            reply.stall.hold()
        data = reply.data
        try:
            if reply.raw is not None:
                handler.wfile.write(reply.raw[: reply.trickle_from])
                handler.wfile.flush()
                for i in range(reply.trickle_from, len(reply.raw)):
                    handler.wfile.write(reply.raw[i : i + 1])
                    handler.wfile.flush()
                    with self._lock:
                        self.trickled[path] += 1
                    time.sleep(reply.trickle_seconds)
                handler.close_connection = True
                return
            handler.send_response(reply.status)
            if reply.content_type:
                handler.send_header("Content-Type", reply.content_type)
            if reply.send_length:
                handler.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.send_header("Connection", "close")
            handler.end_headers()
            if reply.trickle_seconds:
                for i in range(len(data)):
                    handler.wfile.write(data[i : i + 1])
                    handler.wfile.flush()
                    time.sleep(reply.trickle_seconds)
            else:
                handler.wfile.write(data)
        except OSError:
            pass  # the client went away (a refusal, a timeout, a killed worker)


def wait_for(
    predicate: Callable[[], object], *, timeout: float = 60.0, interval: float = 0.1, what: str = ""
) -> None:
    """Poll `predicate` until it is true; fail the test (never hang) after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"gave up after {timeout:g}s waiting for {what or predicate}")
