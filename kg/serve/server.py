"""``kg serve``: read the graph, listen, say where, and serve until stopped (uvicorn).

The socket is bound before the start line is printed, so the URL answers as soon as it
is shown, and ``--port 0`` picks a free port and prints it.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from kg.errors import ServerError, UsageError

__all__ = ["LOOPBACK", "DEFAULT_TIMEOUT", "DEFAULT_LIMIT", "serve"]

LOOPBACK = "127.0.0.1"
DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000


def serve(
    graph: str | Path,
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int = DEFAULT_LIMIT,
    open_browser: bool = False,
) -> None:
    """Serve the explorer and the SPARQL endpoint of ``graph`` (a graph file, store folder or URL).

    Raises:
        UsageError: a bad port, timeout or limit.
        ServerError: the address cannot be listened on.
        KGError: the graph cannot be read.
    """
    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be 0 to 65535, not {port}")
    if not timeout > 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout:g}")
    if limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    from kg.api import load_graph
    from kg.serve.app import create_app
    from kg.serve.catalog import load_catalog

    loaded = load_graph(graph)
    app = create_app(loaded, load_catalog(loaded), timeout=timeout, limit=limit)
    listening = _listen(host, port)
    bound_host, bound_port = listening.getsockname()[:2]
    url = f"http://{_url_host(bound_host)}:{bound_port}/"
    print(f"kg: serving {graph} at {url} (Ctrl-C stops)", file=sys.stderr, flush=True)
    if not _is_loopback(bound_host):
        print(f"kg: warning: listening on {host}: other machines can reach it (no login)", file=sys.stderr, flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    _run(app, listening)


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as error:
        raise ServerError(f"cannot listen on {host}:{port} ({getattr(error, 'strerror', None) or error})") from None
    listening = socket.socket(family, kind, proto)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind(address)
        listening.listen(128)
    except OSError as error:
        listening.close()
        raise ServerError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    return listening


def _is_loopback(host: str) -> bool:
    import ipaddress

    return ipaddress.ip_address(host).is_loopback


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _run(app, listening: socket.socket) -> None:
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[listening])
    finally:
        listening.close()
