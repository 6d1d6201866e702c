"""Serve the web app on waitress, a production WSGI server (debug is never on).

`evidex serve` calls ``serve``; benchmarks and tests start it with
``python -m webui.server --index DIR --port N``, or use ``make_server`` in a thread.
"""
from __future__ import annotations

import argparse
import os

from waitress import create_server
from waitress.server import BaseWSGIServer

from . import create_app

DEFAULT_THREADS = 8


def make_server(index_dir: str | os.PathLike, host: str = "127.0.0.1", port: int = 8080,
                threads: int = DEFAULT_THREADS) -> BaseWSGIServer:
    """A waitress server bound to host:port (port 0 picks a free one), not yet running.
    Call ``.run()`` to serve and ``.close()`` to stop."""
    return create_server(create_app(index_dir), host=host, port=port, threads=threads,
                         ident="evidex")


def serve(index_dir: str | os.PathLike, host: str = "127.0.0.1", port: int = 8080,
          threads: int = DEFAULT_THREADS) -> None:
    """Serve until interrupted, printing the address to open."""
    server = make_server(index_dir, host, port, threads)
    print(f"evidex: serving {index_dir} at http://{server.effective_host}:{server.effective_port}/",
          flush=True)
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
    args = parser.parse_args(argv)
    serve(args.index, args.host, args.port, args.threads)


if __name__ == "__main__":
    main()
