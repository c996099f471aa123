"""Fetch a web page that a user named, reaching the public web and nothing else.

Reviewers paste any address, so a naive fetch would let them (or a page they link to)
make the server talk to its own network: the database, the cloud metadata service, an
admin panel on localhost. Every step that matters for that is here, in the standard
library only, so it can be read in one sitting:

1. only http and https, and no user name or password in the address;
2. the host is resolved once, and every address it resolves to must be global: not
   loopback, private, link-local, carrier-grade NAT, multicast, reserved, unspecified,
   the metadata address, nor an IPv6 address that wraps an IPv4 one;
3. the connection goes to an address that was checked (no second lookup that a hostile
   DNS server could answer differently), sending the original Host header and, for https,
   SNI and the certificate check for the original host name;
4. every redirect goes through the same checks, at most `max_redirects` of them;
5. connect and read timeouts, an overall deadline that covers connecting, the TLS
   handshake, the status line, headers, chunk sizes and body (a timer shuts the socket
   down when it passes), a byte cap enforced while reading, and only HTML or plain text.

No Django here: the caller passes a `FetchPolicy` (`FetchPolicy.from_settings(settings)`).
Errors are sentences for the reviewer; `TemporaryFetchError` is the one worth retrying.
Each is a template marked for the translation catalog with its values beside it, so a page
can say it in the reader's language (factcheck/i18n.py); str() is the English sentence.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any
from urllib.parse import quote, urljoin, urlsplit

ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Statuses that say "try again later"; every other 4xx is the site's final answer.
RETRYABLE_STATUSES = frozenset({408, 425, 429})
DEAD_STATUSES = frozenset({404, 410})
CHUNK_BYTES = 64 * 1024

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]{1,40})""", re.I
)
_SURROGATE = re.compile("[\ud800-\udfff]")

# (family, type, proto, canonname, sockaddr), as socket.getaddrinfo returns them.
AddrInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]
Resolver = Callable[[str, int], Sequence[AddrInfo]]


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalog (makemessages reads this name) without
    importing Django; the Django side translates the template when it shows the message."""
    return message


def english(template: str, params: dict[str, int | str]) -> str:
    """A message template filled in English, numbers grouped; one without values is said
    as written (a literal "%" in it needs no escaping)."""
    if not params:
        return template
    return template % {k: f"{v:,}" if isinstance(v, int) else v for k, v in params.items()}


class FetchError(Exception):
    """The page could not be fetched; `str(error)` is a sentence for the reviewer.

    `template` (marked with gettext_noop) and `params` let a caller say it in the reader's
    language; a str value that is itself a marked phrase ("a loopback address") is
    translated too."""

    retryable = False
    dead = False  # the link itself is gone (404, 410, a host name that does not exist)

    def __init__(
        self, template: str, *, status: int | None = None, url: str = "", **params: int | str
    ) -> None:
        super().__init__(english(template, params))
        self.template, self.params = template, params
        self.status = status
        self.url = url


class FetchRefused(FetchError):
    """We will not fetch this address or keep this response: retrying cannot help."""


class FetchFailed(FetchError):
    """The site gave a final answer that is not a page (a 403, a bad certificate...)."""


class LinkDead(FetchFailed):
    """The page or its host no longer exists."""

    dead = True


class TemporaryFetchError(FetchError):
    """A connection error, a timeout or a 5xx: worth trying again a little later."""

    retryable = True


class HostNotFound(TemporaryFetchError):
    """No address for the host name. Retried: a resolver that is down or slow answers
    the same as a name that is gone, and the first is far more common for a name that
    worked when someone copied the link. Dead if it is still not found after the retries."""

    dead = True


@dataclass(frozen=True)
class FetchPolicy:
    max_bytes: int = 10 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 30.0  # for the whole fetch, redirects included
    max_redirects: int = 5
    # (host, port) pairs, the host as written in the address, that may resolve to
    # non-global addresses. Tests only: it is how they reach their local server, and only
    # the port it listens on, not the database or Redis on the same host.
    allowed_private_hosts: frozenset[tuple[str, int]] = frozenset()
    user_agent: str = "factcheck-workbench/0.1"
    content_types: frozenset[str] = ALLOWED_CONTENT_TYPES  # feeds widen it to JSON and CSV

    @classmethod
    def from_settings(cls, settings: Any) -> FetchPolicy:
        """Build the policy from a settings object (Django's, or any with these names)."""
        defaults = cls()
        return cls(
            max_bytes=int(getattr(settings, "FETCH_MAX_BYTES", defaults.max_bytes)),
            connect_timeout=float(
                getattr(settings, "FETCH_CONNECT_TIMEOUT_SECONDS", defaults.connect_timeout)
            ),
            read_timeout=float(getattr(settings, "FETCH_TIMEOUT_SECONDS", defaults.read_timeout)),
            deadline=float(getattr(settings, "FETCH_DEADLINE_SECONDS", defaults.deadline)),
            allowed_private_hosts=frozenset(
                parse_host_port(entry)
                for entry in getattr(settings, "FETCH_ALLOWED_PRIVATE_HOSTS", [])
            ),
            # Name the newsroom's site, so a publisher who sees our requests knows who asks.
            user_agent=(
                f"{defaults.user_agent} (+{settings.SITE_URL})"
                if getattr(settings, "SITE_URL", "")
                else defaults.user_agent
            ),
        )


@dataclass(frozen=True)
class Page:
    url: str  # the address asked for
    final_url: str  # the address that answered, after redirects
    status: int
    content_type: str  # e.g. "text/html", without parameters
    charset: str | None
    body: bytes  # decompressed, at most the policy's max_bytes
    redirects: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # The validators a conditional GET sends back next time (followed feeds).
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        """A 304 to a conditional GET: nothing changed, and there is no body."""
        return self.status == 304

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def is_html(self) -> bool:
        return self.content_type != "text/plain"

    def text(self) -> str:
        """The body as text: a BOM, the declared charset, a <meta> charset, UTF-8, cp1252."""
        candidates: list[str] = []
        if self.body.startswith(b"\xef\xbb\xbf"):
            candidates.append("utf-8-sig")
        if self.charset:
            candidates.append(self.charset)
        if self.is_html and (match := _META_CHARSET.search(self.body[:4096])):
            candidates.append(match.group(1).decode("ascii"))
        candidates.append("utf-8")
        for encoding in candidates:
            try:
                return _plain_text(self.body.decode(encoding))
            except (UnicodeError, LookupError):  # "undefined" raises UnicodeError itself
                continue
        # Windows-1252 is what most mislabelled pages are; never fail on a stray byte.
        return _plain_text(self.body.decode("cp1252", errors="replace"))


def _plain_text(text: str) -> str:
    """Text that can be stored: no NUL, and no lone surrogate. A page may name any codec
    Python has, and utf-7 or unicode_escape turn a few bytes into half a character, which
    neither UTF-8 nor PostgreSQL accept; it becomes U+FFFD."""
    text = text.replace("\x00", "")
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    path: str  # path and query, percent-encoded


def resolve(host: str, port: int) -> Sequence[AddrInfo]:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    resolver: Resolver = resolve,
    sink: IO[bytes] | None = None,
    headers: dict[str, str] | None = None,
) -> Page:
    """GET `url` under `policy`; a `Page` for a 2xx answer, else a `FetchError`.

    With `sink`, the body is written there as it arrives (a large feed never sits in
    memory whole) and the Page's body is empty. `headers` are added to the request
    (`If-None-Match`, `If-Modified-Since`, `Accept`); a conditional GET answered 304 is
    a bodiless Page whose `not_modified` is true.
    """
    deadline = _Deadline(policy.deadline)
    try:
        return _fetch(url, policy, resolver, deadline, sink, headers or {})
    finally:
        deadline.cancel()


def _fetch(
    url: str,
    policy: FetchPolicy,
    resolver: Resolver,
    deadline: _Deadline,
    sink: IO[bytes] | None,
    headers: dict[str, str],
) -> Page:
    redirects: list[str] = []
    current = url.strip()
    while True:
        target = _parse(current, is_redirect=bool(redirects))
        addresses = _checked_addresses(target, policy, resolver, is_redirect=bool(redirects))
        conn = _connect(target, addresses, policy, deadline)
        try:
            response = _send(conn, target, policy, deadline, headers)
            status = response.status
            location = response.getheader("Location")
            if status in REDIRECT_STATUSES and location:
                if len(redirects) >= policy.max_redirects:
                    raise FetchRefused(
                        gettext_noop(
                            "%(address)s redirects more than %(count)s times; "
                            "it was not followed further."
                        ),
                        url=current,
                        address=url,
                        count=policy.max_redirects,
                    )
                redirects.append(current)
                current = urljoin(current, location.strip())
                continue
            etag = (response.getheader("ETag") or "")[:500]
            last_modified = (response.getheader("Last-Modified") or "")[:100]
            if status == 304 and ("If-None-Match" in headers or "If-Modified-Since" in headers):
                return Page(
                    url=url,
                    final_url=current,
                    status=status,
                    content_type="",
                    charset=None,
                    body=b"",
                    redirects=tuple(redirects),
                    etag=etag,
                    last_modified=last_modified,
                )
            if 200 <= status < 300:
                content_type, charset = _check_content_type(response, target, policy)
                body = _read_body(conn, response, target, policy, deadline, sink)
                return Page(
                    url=url,
                    final_url=current,
                    status=status,
                    content_type=content_type,
                    charset=charset,
                    body=body,
                    redirects=tuple(redirects),
                    etag=etag,
                    last_modified=last_modified,
                )
            raise _status_error(status, response.reason, current)
        finally:
            conn.close()


@dataclass(frozen=True)
class Answer:
    """What a server answered to a POST: its status and the start of its body."""

    status: int
    reason: str
    body: bytes  # at most ANSWER_MAX_BYTES


ANSWER_MAX_BYTES = 4096


def post(
    url: str,
    body: bytes,
    policy: FetchPolicy,
    *,
    headers: dict[str, str],
    resolver: Resolver = resolve,
) -> Answer:
    """POST `body` to `url` under the same address rules as `fetch` (webhook deliveries:
    the address comes from an admin, and DNS can change under it).

    A redirect is not followed (the answer is returned as it is: a receiver should not
    move our signed events elsewhere); any status comes back as an `Answer`, and only
    refusals and network trouble raise (`FetchRefused`, `TemporaryFetchError`).
    """
    deadline = _Deadline(policy.deadline)
    try:
        return _post(url, body, policy, headers, resolver, deadline)
    finally:
        deadline.cancel()


def _post(
    url: str,
    body: bytes,
    policy: FetchPolicy,
    headers: dict[str, str],
    resolver: Resolver,
    deadline: _Deadline,
) -> Answer:
    target = _parse(url.strip(), is_redirect=False)
    addresses = _checked_addresses(target, policy, resolver, is_redirect=False)
    conn = _connect(target, addresses, policy, deadline)
    try:
        _set_read_timeout(conn, target, policy, deadline)
        try:
            conn.request(
                "POST",
                target.path,
                body=body,
                headers={"User-Agent": policy.user_agent, "Connection": "close", **headers},
            )
            response = conn.getresponse()
            _set_read_timeout(conn, target, policy, deadline)
            data = response.read(ANSWER_MAX_BYTES)
        except http.client.InvalidURL:
            raise FetchRefused(
                gettext_noop("The address %(address)s is not valid."),
                url=target.url,
                address=repr(target.url),
            ) from None
        except (OSError, http.client.HTTPException) as exc:
            _remaining(deadline, target, policy)  # a read cut short by the deadline says so
            raise TemporaryFetchError(
                gettext_noop("%(host)s did not answer: %(problem)s."),
                url=target.url,
                host=target.host,
                problem=_describe(exc),
            ) from None
        return Answer(status=response.status, reason=response.reason, body=data)
    finally:
        conn.close()


# Addresses


def _normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def parse_host_port(entry: str) -> tuple[str, int]:
    """`127.0.0.1:8000`, `localhost:8000` or `[::1]:8000` as a (host, port) pair.

    A host without a port is refused: allowing every port of a host would open its
    database and broker too.
    """
    host, sep, port = entry.strip().rpartition(":")
    if not sep or not port.isdigit() or not host or (":" in host and not host.endswith("]")):
        raise ValueError(
            f"FETCH_ALLOWED_PRIVATE_HOSTS: {entry!r} needs a port, as host:port "
            "(e.g. 127.0.0.1:8000 or [::1]:8000)."
        )
    return _normalise_host(host), int(port)


def _parse(url: str, *, is_redirect: bool) -> _Target:
    # Two sentences each, not one with "the address" swapped in: other languages agree
    # the rest of the sentence with that noun. (Any: mypy would otherwise check the values
    # against `status` as well.)
    def refused(for_address: str, for_redirect: str, **params: Any) -> FetchRefused:
        return FetchRefused(for_redirect if is_redirect else for_address, url=url, **params)

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise refused(
            gettext_noop("The address %(address)s is not a valid web address."),
            gettext_noop("The redirect target %(address)s is not a valid web address."),
            address=repr(url),
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise refused(
            gettext_noop(
                "The address %(address)s is not an http or https address; "
                "only web pages are fetched."
            ),
            gettext_noop(
                "The redirect target %(address)s is not an http or https address; "
                "only web pages are fetched."
            ),
            address=repr(url[:200]),
        )
    if parts.username is not None or parts.password is not None:
        raise refused(
            gettext_noop(
                "The address contains a user name or password; such addresses are not fetched."
            ),
            gettext_noop(
                "The redirect target contains a user name or password; "
                "such addresses are not fetched."
            ),
        )
    host = _normalise_host(parts.hostname or "")
    if not host:
        raise refused(
            gettext_noop("The address %(address)s has no host name."),
            gettext_noop("The redirect target %(address)s has no host name."),
            address=repr(url),
        )
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise refused(
            gettext_noop("The address has an invalid host name %(host)s."),
            gettext_noop("The redirect target has an invalid host name %(host)s."),
            host=repr(host),
        ) from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # Percent-encode what http.client would refuse (spaces, non-ASCII), keep the rest.
    path = quote(path, safe="/?&=%:@!$'()*+,;-._~")
    return _Target(
        url=url,
        scheme=scheme,
        host=host,
        port=port or (443 if scheme == "https" else 80),
        path=path,
    )


def non_global_reason(address: str) -> str | None:
    """Why an IP address must not be fetched from, or None if it is a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return gettext_noop("an IPv4-mapped IPv6 address")
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and (inner := non_global_reason(str(embedded))):
            return f"an IPv6 address wrapping {inner}"
    checks: list[tuple[bool, str]] = [
        (ip in _METADATA, gettext_noop("the cloud metadata address")),
        (ip.is_loopback, gettext_noop("a loopback address")),
        (ip.is_unspecified, gettext_noop("an unspecified address")),
        (ip.is_link_local, gettext_noop("a link-local address")),
        (ip.version == 4 and ip in _CGNAT, gettext_noop("a carrier-grade NAT address")),
        (ip.is_multicast, gettext_noop("a multicast address")),
        (ip.is_reserved, gettext_noop("a reserved address")),
        (ip.is_private, gettext_noop("a private address")),
        (not ip.is_global, gettext_noop("not a public address")),
    ]
    return next((reason for refused, reason in checks if refused), None)


def _checked_addresses(
    target: _Target, policy: FetchPolicy, resolver: Resolver, *, is_redirect: bool
) -> list[AddrInfo]:
    try:
        infos = list(resolver(target.host, target.port))
    except socket.gaierror as exc:
        if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)):
            raise HostNotFound(
                gettext_noop(
                    "The host name %(host)s could not be found (it may be gone, or the name "
                    "service may be down)."
                ),
                url=target.url,
                host=target.host,
            ) from None
        raise TemporaryFetchError(
            gettext_noop("The host name %(host)s could not be looked up (%(problem)s)."),
            url=target.url,
            host=target.host,
            problem=str(exc.strerror),
        ) from None
    except (UnicodeError, ValueError):
        raise FetchRefused(
            gettext_noop("The host name %(host)s is not valid."),
            url=target.url,
            host=repr(target.host),
        ) from None
    infos = [info for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]
    if not infos:
        raise LinkDead(
            gettext_noop("The host %(host)s has no address."), url=target.url, host=target.host
        )
    if (target.host, target.port) in policy.allowed_private_hosts:
        return infos
    # Refuse when ANY address is not global: a name with one public and one private
    # address would otherwise reach the private one whenever the public one fails.
    for info in infos:
        address = str(info[4][0])
        if reason := non_global_reason(address):
            subject = target.host if target.host == address else f"{target.host} ({address})"
            template = (
                gettext_noop(
                    "The page redirects to %(host)s, %(reason)s: "
                    "only public web addresses are fetched."
                )
                if is_redirect
                else gettext_noop(
                    "Refused to fetch %(host)s, %(reason)s: only public web addresses are fetched."
                )
            )
            raise FetchRefused(template, url=target.url, host=subject, reason=reason)
    return infos


# Connections


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address we checked, whatever the host name resolves to now."""

    def __init__(
        self, host: str, port: int, info: AddrInfo, timeout: float, deadline: _Deadline
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self._info = info
        self._deadline = deadline
        self.pinned_sock: socket.socket | None = None

    def connect(self) -> None:
        self.sock = self.pinned_sock = _open_socket(self._info, self.timeout, self._deadline)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, then TLS with SNI and the certificate checked for the original host name."""

    def __init__(
        self, host: str, port: int, info: AddrInfo, timeout: float, deadline: _Deadline
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._info = info
        self._deadline = deadline
        self.pinned_sock: socket.socket | None = None

    def connect(self) -> None:
        sock = _open_socket(self._info, self.timeout, self._deadline)
        try:
            self.sock = self.pinned_sock = self._context.wrap_socket(  # type: ignore[attr-defined]
                sock, server_hostname=self.host
            )
        except BaseException:
            sock.close()
            raise


def _open_socket(info: AddrInfo, timeout: float | None, deadline: _Deadline) -> socket.socket:
    family, kind, proto, _, sockaddr = info
    sock = socket.socket(family, kind, proto)
    try:
        deadline.watch(sock)  # from here on, the deadline can cut whatever this socket waits for
        sock.settimeout(timeout)
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


class _Deadline:
    """The whole fetch's deadline, enforced by shutting down the socket in use when it passes.

    Socket timeouts bound each wait, not their sum: a server sending one byte of its status
    line, headers or chunk-size lines just before each read times out would keep
    http.client reading for as long as it liked, since those reads happen inside one call
    that we cannot interrupt between bytes. A timer thread that shuts the socket down ends
    whatever read (or connect, or TLS handshake) is waiting, at the deadline.
    """

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _cut(self) -> None:
        with self._lock:
            self.expired = True
            if self._sock is not None:
                _shut(self._sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for a TLS socket: it ends a read blocked in another
    # thread at once (the read sees end of file); close() would not. OSError: not
    # connected yet, or already closed.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _remaining(deadline: _Deadline, target: _Target, policy: FetchPolicy) -> float:
    left = deadline.at - time.monotonic()
    if left <= 0 or deadline.expired:
        raise TemporaryFetchError(
            gettext_noop("%(host)s took longer than %(seconds)s seconds to answer."),
            url=target.url,
            host=target.host,
            seconds=f"{policy.deadline:g}",
        )
    return left


def _connect(
    target: _Target, addresses: list[AddrInfo], policy: FetchPolicy, deadline: _Deadline
) -> http.client.HTTPConnection:
    """A connection to the first checked address that accepts one."""
    cls = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    last_error: OSError | None = None
    for info in addresses:
        timeout = min(policy.connect_timeout, _remaining(deadline, target, policy))
        conn = cls(target.host, target.port, info, timeout, deadline)
        try:
            conn.connect()
            _remaining(deadline, target, policy)  # a handshake cut by the deadline says so
            return conn
        except TemporaryFetchError:
            conn.close()
            raise
        except ssl.SSLCertVerificationError as exc:
            conn.close()
            raise FetchFailed(
                gettext_noop("The certificate of %(host)s is not valid (%(problem)s)."),
                url=target.url,
                host=target.host,
                problem=str(exc.verify_message),
            ) from None
        except OSError as exc:  # refused, unreachable, timed out, TLS handshake failed
            conn.close()
            _remaining(deadline, target, policy)  # cut by the deadline: say so
            last_error = exc
    raise TemporaryFetchError(
        gettext_noop("Could not connect to %(host)s: %(problem)s."),
        url=target.url,
        host=target.host,
        problem=_describe(last_error),
    )


def _send(
    conn: http.client.HTTPConnection,
    target: _Target,
    policy: FetchPolicy,
    deadline: _Deadline,
    extra: dict[str, str],
) -> http.client.HTTPResponse:
    _set_read_timeout(conn, target, policy, deadline)
    try:
        conn.request(
            "GET",
            target.path,
            headers={
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
                **extra,
                # Ours whatever the caller asks: the caps rely on them.
                "User-Agent": policy.user_agent,
                "Accept-Encoding": "gzip",
                "Connection": "close",
            },
        )
        response = conn.getresponse()
    except http.client.InvalidURL:
        raise FetchRefused(
            gettext_noop("The address %(address)s is not valid."),
            url=target.url,
            address=repr(target.url),
        ) from None
    except (OSError, http.client.HTTPException) as exc:
        _remaining(deadline, target, policy)  # a read cut short by the deadline says so
        raise TemporaryFetchError(
            gettext_noop("%(host)s did not answer: %(problem)s."),
            url=target.url,
            host=target.host,
            problem=_describe(exc),
        ) from None
    # A cut ends the header lines as an end of file would: what was read is incomplete.
    _remaining(deadline, target, policy)
    return response


def _set_read_timeout(
    conn: http.client.HTTPConnection, target: _Target, policy: FetchPolicy, deadline: _Deadline
) -> None:
    # Each read waits at most read_timeout, and never beyond the overall deadline, so a
    # server that trickles one byte at a time cannot hold a worker for long. The socket is
    # our own reference: http.client drops `conn.sock` once a response says "close".
    timeout = min(policy.read_timeout, _remaining(deadline, target, policy))
    sock = getattr(conn, "pinned_sock", None)
    if sock is not None and sock.fileno() >= 0:
        sock.settimeout(timeout)


def _describe(exc: BaseException | None) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return gettext_noop("timed out")
    if isinstance(exc, ConnectionRefusedError):
        return gettext_noop("connection refused")
    if isinstance(exc, http.client.RemoteDisconnected):
        return gettext_noop("the connection was closed without an answer")
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text)


# Responses


def _status_error(status: int, reason: str, url: str) -> FetchError:
    text = f"{status} {reason}".strip()
    if status in DEAD_STATUSES:
        return LinkDead(
            gettext_noop("The page is gone: the site answered %(answer)s."),
            status=status,
            url=url,
            answer=text,
        )
    if status >= 500 or status in RETRYABLE_STATUSES:
        return TemporaryFetchError(
            gettext_noop("The site had a problem: it answered %(answer)s."),
            status=status,
            url=url,
            answer=text,
        )
    return FetchFailed(
        gettext_noop("The site refused the page: it answered %(answer)s."),
        status=status,
        url=url,
        answer=text,
    )


def _check_content_type(
    response: http.client.HTTPResponse, target: _Target, policy: FetchPolicy
) -> tuple[str, str | None]:
    if response.getheader("Content-Type") is None:
        raise FetchRefused(
            gettext_noop(
                "The page did not say what kind of content it is; only HTML or text is fetched."
            ),
            status=response.status,
            url=target.url,
        )
    content_type = response.headers.get_content_type()
    if content_type not in policy.content_types:
        if policy.content_types == ALLOWED_CONTENT_TYPES:
            raise FetchRefused(
                gettext_noop(
                    "The address points to %(type)s content, not a web page: "
                    "only HTML or plain text is fetched."
                ),
                status=response.status,
                url=target.url,
                type=content_type,
            )
        raise FetchRefused(
            gettext_noop(
                "The address points to %(type)s content, not a web page: expected one of %(types)s."
            ),
            status=response.status,
            url=target.url,
            type=content_type,
            types=", ".join(sorted(policy.content_types)),
        )
    return content_type, response.headers.get_content_charset()


def _read_body(
    conn: http.client.HTTPConnection,
    response: http.client.HTTPResponse,
    target: _Target,
    policy: FetchPolicy,
    deadline: _Deadline,
    sink: IO[bytes] | None = None,
) -> bytes:
    too_big = FetchRefused(
        gettext_noop("The page is larger than the limit of %(limit)s bytes."),
        status=response.status,
        url=target.url,
        limit=policy.max_bytes,
    )
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        raise too_big
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchFailed(
            gettext_noop("The page is compressed as %(encoding)s, which cannot be read."),
            url=target.url,
            encoding=repr(encoding),
        )
    # 32 + 15: accept a gzip or a zlib header; the cap applies to the decompressed size.
    inflater = zlib.decompressobj(47) if encoding != "identity" else None
    chunks: list[bytes] = []
    total = 0
    try:
        while not response.isclosed():  # http.client closes it at the end of the body
            _set_read_timeout(conn, target, policy, deadline)
            chunk = response.read1(CHUNK_BYTES)
            if not chunk:
                break
            if inflater is not None:
                chunk = inflater.decompress(chunk, policy.max_bytes - total + 1)
            total += len(chunk)
            if total > policy.max_bytes:
                raise too_big
            if sink is not None:
                sink.write(chunk)
            else:
                chunks.append(chunk)
        if inflater is not None:
            tail = inflater.flush()
            if total + len(tail) > policy.max_bytes:
                raise too_big
            if sink is not None:
                sink.write(tail)
            else:
                chunks.append(tail)
    except (OSError, http.client.HTTPException) as exc:
        _remaining(deadline, target, policy)  # a read cut short by the deadline says so
        raise TemporaryFetchError(
            gettext_noop("%(host)s stopped sending the page: %(problem)s."),
            url=target.url,
            host=target.host,
            problem=_describe(exc),
        ) from None
    except zlib.error:
        raise FetchFailed(
            gettext_noop("The page's compressed data is corrupt."), url=target.url
        ) from None
    # A cut body reads as a short one: never return it as the page.
    _remaining(deadline, target, policy)
    return b"".join(chunks)
