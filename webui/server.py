"""Serve the web app on waitress, a production WSGI server (debug is never on).

`evidex serve` calls ``serve``; benchmarks and tests start it with
``python -m webui.server --index DIR --port N``, or use ``make_server`` in a thread.

Who may listen (``check_listening``): without accounts only this machine (loopback),
unless ``public`` (published evidence to anyone). ``proxy`` names a reverse proxy whose
X-Forwarded-For/-Proto headers are believed (waitress's trusted_proxy), so addresses in
the audit log are the visitors' and cookies are Secure when the proxy speaks HTTPS.
"""
from __future__ import annotations

import argparse
import ipaddress
import os

from waitress import create_server
from waitress.server import BaseWSGIServer

from indexer.accounts import Accounts
from indexer.errors import UsageError

from . import create_app

DEFAULT_THREADS = 8
PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_listening(index_dir: str | os.PathLike, host: str, public: bool) -> None:
    """Raise UsageError when serving ``host`` would show the index to people who have
    not signed in: a non-loopback address, no accounts, and not ``public``."""
    if public or is_loopback_host(host) or Accounts(index_dir).any():
        return
    raise UsageError(
        f"refusing to serve {host}: this index has no accounts, so anyone who can reach"
        " this machine could read every document. Add an account first"
        " (evidex users add NAME --role clerk), then members sign in; or serve published"
        " evidence to anyone with --public; or keep the default --host 127.0.0.1")


def make_server(index_dir: str | os.PathLike, host: str = "127.0.0.1", port: int = 8080,
                threads: int = DEFAULT_THREADS, public: bool = False,
                proxy: str | None = None) -> BaseWSGIServer:
    """A waitress server bound to host:port (port 0 picks a free one), not yet running.
    Call ``.run()`` to serve and ``.close()`` to stop."""
    check_listening(index_dir, host, public)
    options = {}
    if proxy:
        options = {"trusted_proxy": proxy, "trusted_proxy_count": 1,
                   "trusted_proxy_headers": PROXY_HEADERS, "clear_untrusted_proxy_headers": True}
    return create_server(create_app(index_dir, {"PUBLIC": public}), host=host, port=port,
                         threads=threads, ident="evidex", **options)


def serve(index_dir: str | os.PathLike, host: str = "127.0.0.1", port: int = 8080,
          threads: int = DEFAULT_THREADS, public: bool = False, proxy: str | None = None) -> None:
    """Serve until interrupted, printing the address to open."""
    server = make_server(index_dir, host, port, threads, public, proxy)
    who = ("published evidence to anyone" if public else
           "signed-in accounts only" if Accounts(index_dir).any() else "this machine only")
    print(f"evidex: serving {index_dir} at http://{server.effective_host}:{server.effective_port}/"
          f" ({who})", flush=True)
    if not proxy and not is_loopback_host(host) and not public:
        print("evidex: note: passwords cross the network in clear over plain HTTP; off a trusted"
              " network, serve behind a reverse proxy doing HTTPS (--proxy, see README)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the evidex web page and JSON API.")
    parser.add_argument("--index", required=True, help="index folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument("--public", action="store_true")
    parser.add_argument("--proxy", default=None)
    args = parser.parse_args(argv)
    try:
        serve(args.index, args.host, args.port, args.threads, args.public, args.proxy)
    except UsageError as e:
        parser.exit(2, f"evidex: {e}\n")


if __name__ == "__main__":
    main()
