"""`cronica serve`: the HTTP API and the web dashboard in one process.

Binds 127.0.0.1 unless told otherwise. ``POST /api/ingest`` is enabled only with a token
(``--token`` or ``$CRONICA_TOKEN``); every reading route is open to whoever can reach
the port, so bind a public address only behind something that controls access.

Requests must name this server in their ``Host`` header (a guard against DNS rebinding,
by which a web page on another site reaches a server on 127.0.0.1): the bound address,
the loopback names when it binds a loopback address, the machine's name when it binds
every address (0.0.0.0, ::), and every name given with ``--allow-host`` or in
``$CRONICA_ALLOWED_HOSTS`` (comma-separated). Other requests get 400.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import sys

TOKEN_ENV = "CRONICA_TOKEN"
HOSTS_ENV = "CRONICA_ALLOWED_HOSTS"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="HTTP API and web dashboard over an event store",
        description="Serve the JSON API (/api, OpenAPI at /docs) and the dashboard (/).",
    )
    p.add_argument(
        "--db", help="store path or postgresql:// URL (default: $CRONICA_DB or data/cronica.db)"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument(
        "--token",
        help=f"bearer token that enables POST /api/ingest (default: ${TOKEN_ENV}, the safer "
        "way: other users can read command-line arguments)",
    )
    p.add_argument(
        "--allow-host", action="append", metavar="NAME", default=[],
        help="a host name requests may address this server by, besides the bound address "
        f"(repeatable; also ${HOSTS_ENV}, comma-separated; '*' allows any)",
    )
    p.set_defaults(func=run)


def allowed_hosts(host: str, extra: list[str] | None = None) -> list[str]:
    """The names the Host header may carry for a server bound to ``host``."""
    import socket

    from cronica.api_http import LOOPBACK_HOSTS

    names = [host]
    if _is_loopback(host):
        names += list(LOOPBACK_HOSTS)
    elif host in ("0.0.0.0", "::", ""):
        names += [*LOOPBACK_HOSTS, socket.gethostname(), socket.getfqdn()]
    names += [h.strip() for item in (extra or []) for h in item.split(",") if h.strip()]
    names += [h.strip() for h in os.environ.get(HOSTS_ENV, "").split(",") if h.strip()]
    return list(dict.fromkeys(n for n in names if n))


def resolve_token(args: argparse.Namespace) -> str | None:
    """The ingest token: ``--token`` first, then the environment; None disables ingest."""
    return args.token or os.environ.get(TOKEN_ENV) or None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _printable(target: str) -> str:
    """The store location without a password: 'postgresql://u:***@host/db'."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", target)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from cronica.api import create_app
    from cronica.store.base import resolve_db
    from cronica.store.factory import open_store

    if not 0 < args.port < 65536:
        print(f"cronica serve: bad port {args.port}", file=sys.stderr)
        return 2
    token = resolve_token(args)
    if not _is_loopback(args.host):
        print(
            f"cronica serve: warning: binding {args.host}: the API and dashboard are readable "
            "by anyone who can reach this address",
            file=sys.stderr,
        )
    try:
        store = open_store(args.db)
    except Exception as exc:  # a clear message, not a traceback, for a bad path or URL
        print(f"cronica serve: cannot open the store {_printable(resolve_db(args.db))}: {exc}", file=sys.stderr)
        return 2
    try:
        app = create_app(store=store, token=token,
                         allowed_hosts=allowed_hosts(args.host, args.allow_host))
        print(
            f"cronica serve: store {_printable(resolve_db(args.db))}; dashboard at "
            f"http://{args.host}:{args.port}/ (ingest {'enabled' if token else 'disabled: no token'})",
            file=sys.stderr,
        )
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    finally:
        store.close()
    return 0
