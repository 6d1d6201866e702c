"""evidex command line: a thin skin over indexer.pipeline and indexer.store.

Every command that prints results takes --format table|json|csv. JSON goes to
stdout alone; progress, warnings and errors go to stderr. Exit status: 0 ok,
1 the work was done but some inputs failed, 2 bad usage or a bad query."""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from indexer import report
from indexer.errors import EvidexError
from indexer.query import build_filters

ENV_INDEX = "EVIDEX_INDEX"


def default_index_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "evidex" / "index"


def fail(message: str, code: int) -> None:
    click.echo(f"evidex: {message}", err=True)
    sys.exit(code)


def handle_errors(fn):
    """Map our own errors to a one-line message and their exit status (no tracebacks)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except EvidexError as e:
            fail(str(e), e.exit_code)
    return wrapper


def output_format(fn):
    """The shared --format option for every command that prints results."""
    return click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="table",
                        show_default=True, help="table for people, json or csv for scripts.")(fn)


def printing(fn):
    """A command that prints results: --format, the context, and our errors as one line."""
    return output_format(click.pass_context(handle_errors(fn)))


def filter_options(fn=None, *, limit: int = 10, limit_help: str = "How many documents to show."):
    """The filters shared by `search` and `bodies`, and --limit."""
    if fn is None:
        return functools.partial(filter_options, limit=limit, limit_help=limit_help)
    opts = [
        click.option("--org", help="Organisation, by any name or alias (WLGA = Welsh Local Government Association)."),
        click.option("--author", help="Who signed the document (part of the name is enough)."),
        click.option("--from", "date_from", metavar="DATE", help="On or after DATE: 2019-11-08, 2019-11 or 2019."),
        click.option("--to", "date_to", metavar="DATE", help="On or before DATE: 2019-11-30, 2019-11 or 2019."),
        click.option("--rec", type=int, metavar="N", help="Responds to recommendation N."),
        click.option("--type", "doc_type", help="Document type: letter, evidence, response, report, minutes, annex, other."),
        click.option("--paper", metavar="REF", help="Paper reference, e.g. 'PAC(5)-02-20 P3'."),
        click.option("--limit", type=click.IntRange(1, 1000), default=limit, show_default=True,
                     help=limit_help),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def open_index(ctx: click.Context):
    from indexer.store import Index
    return Index.open(ctx.obj["index"])


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), envvar=ENV_INDEX,
              help=f"Index folder (or ${ENV_INDEX}); default: {default_index_dir()}")
@click.version_option(package_name="evidex")
@click.pass_context
def main(ctx: click.Context, index_dir: Path | None) -> None:
    """evidex: search the letters and evidence papers a committee receives.

    \b
    Start with:
      evidex index corpus/                   # extract, split, tag and index files
      evidex bodies 'targets OR "financial penalties"'   # which bodies said it
      evidex search WAASP --org "Welsh Government"        # ranked passages
      evidex serve                           # the web search page
    """
    ctx.obj = {"index": index_dir or default_index_dir()}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Worker processes for extraction (default: one per CPU).")
@click.option("--timeout", type=click.FloatRange(0.1), default=60.0, show_default=True,
              help="Seconds allowed to extract one file.")
@click.option("--memory", "memory_mb", type=click.IntRange(64), default=1024, show_default=True,
              help="Memory cap per file extraction, in MB.")
@click.option("--prune", is_flag=True, help="Remove documents whose file is gone from PATHS.")
@click.option("--no-ocr", "no_ocr", is_flag=True, help="Do not read scanned pages (no text layer) with Tesseract.")
@click.option("--ocr-timeout", type=click.FloatRange(1), default=120.0, show_default=True,
              help="Seconds allowed to OCR one page (added to the file's time limit).")
@click.option("--restricted/--published", "restricted", default=None,
              help="Mark the documents of PATHS received in confidence (clerks only) or published"
                   " (default: keep each file's mark; new files are published).")
@click.option("--scheduler", envvar="EVIDEX_SCHEDULER", metavar="ADDRESS",
              help="Extract on a Dask cluster: its scheduler (tcp://HOST:8786), or local:N to start"
                   " N workers here (or $EVIDEX_SCHEDULER). The index is still written here.")
@click.option("--send-files", "send_bytes", is_flag=True,
              help="With --scheduler: send each file's bytes to the workers (no shared storage).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
@handle_errors
def index(ctx, paths, jobs, timeout, memory_mb, prune, no_ocr, ocr_timeout, restricted, scheduler,
          send_bytes, quiet):
    """Index files and folders: .pdf (scanned pages read by OCR), .txt, .md, .html,
    .docx, .odt and .eml (each attachment its own document).

    Incremental: unchanged files are skipped, changed ones replaced. A file that
    cannot be read is named on stderr with the reason, and the run goes on
    (exit status 1).

    \b
    Examples:
      evidex index ~/evidence/PAC-2020-01 --jobs 2 --timeout 30
      evidex index --restricted ~/evidence/PAC-2020-01/in-confidence
      evidex index --scheduler tcp://dask-scheduler:8786 /shared/evidence
    """
    from indexer.progress import ProgressBar
    from indexer.pipeline import PARTLY_READ, run_index

    with ProgressBar(enabled=not quiet) as bar:
        summary = run_index(paths, ctx.obj["index"], jobs=jobs, timeout=timeout, memory_mb=memory_mb,
                            prune=prune, progress=bar.update, ocr=not no_ocr, ocr_timeout=ocr_timeout,
                            restricted=restricted, scheduler=scheduler, send_bytes=send_bytes)
    for source, reason, detail in summary.failures:
        click.echo(f"evidex: {source}: {reason}" + (f" ({detail})" if detail else ""), err=True)
    for source, lost in summary.partial:
        click.echo(f"evidex: {source}: {PARTLY_READ} ({lost}); the rest is indexed", err=True)
    click.echo(summary.summary_line(), err=True)
    if summary.failed or summary.partial:
        sys.exit(1)


@main.command()
@printing
def docs(ctx, fmt):
    """List every indexed document with its metadata (json includes the text)."""
    click.echo(report.documents(open_index(ctx).documents(), fmt))


@main.command()
@click.argument("doc_id")
@printing
def show(ctx, doc_id, fmt):
    """One document: its metadata, then its text with page markers."""
    doc = open_index(ctx).get(doc_id)
    if doc is None:
        fail(f"no document with id {doc_id!r} (see `evidex docs`)", 2)
    click.echo(report.document(doc, fmt))


@main.command()
@click.argument("query")
@filter_options
@printing
def search(ctx, query, fmt, limit, **filters):
    """Ranked documents with their best passages highlighted.

    QUERY is a question in plain English, read as `ask` reads it, or Whoosh
    syntax: words, "phrases", AND/OR/NOT, field:value (fields: org, author,
    type, year, paper, rec, title). Table output shows each duplicated document once with its other
    locations; json and csv list every copy (with duplicate_of).

    \b
    Examples:
      evidex search '"financial penalties"' --from 2019-11 --to 2019-12
      evidex search children --org WLGA --format json
      evidex search spending --rec 7
      evidex search 'What did the WLGA write in November 2019?'
    """
    from indexer.ask import answer
    result = answer(open_index(ctx), query, build_filters(**filters), kind="documents", limit=limit,
                    collapse=fmt == "table")
    click.echo(report.search(result, fmt))


@main.command()
@click.argument("query")
@filter_options(limit=50, limit_help="How many organisations to show.")
@printing
def bodies(ctx, query, fmt, limit, **filters):
    """Which organisations said something matching QUERY, with the passages that show it.

    QUERY is a question in plain English or Whoosh syntax, as for `search`.

    \b
    Examples:
      evidex bodies 'targets OR "financial penalties"'
      evidex bodies 'Which bodies commented on targets or financial penalties?'
    """
    from indexer.ask import answer
    result = answer(open_index(ctx), query, build_filters(**filters), kind="bodies", limit=limit)
    click.echo(report.bodies(result, fmt))


@main.command()
@click.argument("question")
@filter_options(limit_help="How many documents or organisations to show.")
@printing
def ask(ctx, question, fmt, limit, **filters):
    """A question in plain English, answered with bodies or documents as it asks,
    with how it was read.

    \b
    Examples:
      evidex ask 'Which bodies commented on targets or financial penalties?'
      evidex ask 'What did the WLGA write in November 2019?'
    """
    from indexer.ask import answer
    from indexer.model import BodiesResult
    result = answer(open_index(ctx), question, build_filters(**filters), limit=limit,
                    collapse=fmt == "table")
    click.echo(report.bodies(result, fmt) if isinstance(result, BodiesResult) else report.search(result, fmt))


@main.command()
@printing
def stats(ctx, fmt):
    """Index location and counts of files, documents, passages, organisations."""
    from indexer.errors import IndexMissingError
    try:
        data = open_index(ctx).stats()
    except IndexMissingError:
        data = {"index": str(ctx.obj["index"]), "files": 0, "documents": 0, "passages": 0,
                "organisations": 0, "failures": 0, "last_indexed": None}
        click.echo("evidex: no index here yet; create it with: evidex index PATH", err=True)
    click.echo(report.stats(data, fmt))


@main.command()
@printing
def failures(ctx, fmt):
    """The files the index runs could not read, each with its reason."""
    click.echo(report.failures(open_index(ctx).failures(), fmt))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; another than loopback needs accounts or --public.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--public", is_flag=True,
              help="Serve published evidence to anyone, signed in or not (never restricted evidence).")
@click.option("--proxy", metavar="ADDRESS",
              help="A reverse proxy's address (e.g. 127.0.0.1) whose X-Forwarded-For/-Proto to trust.")
@click.pass_context
@handle_errors
def serve(ctx, host, port, public, proxy):
    """The web search page and JSON API, on the waitress WSGI server.

    With accounts (evidex users add), every page and API route needs sign-in.
    Without, only this machine is served, unless --public.

    \b
    Examples:
      evidex serve                                  # http://127.0.0.1:8080/, this machine only
      evidex serve --host 0.0.0.0 --port 8080       # members sign in (needs accounts)
      evidex serve --port 8080 --proxy 127.0.0.1    # behind nginx/caddy doing HTTPS
    """
    from webui.server import serve as run_server
    run_server(ctx.obj["index"], host=host, port=port, public=public, proxy=proxy)


@main.group()
def users():
    """Accounts for the web page: members see published evidence, clerks everything.

    \b
    Examples:
      evidex users add alice --role clerk       # asks for a password
      echo "$PW" | evidex users add bob --role member --password-stdin
      evidex users token bob                    # a new API token for scripts
    """


def _password(ctx_name: str, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(f"Password for {ctx_name}", hide_input=True, confirmation_prompt=True)


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["member", "clerk"]), required=True,
              help="member: published evidence; clerk: restricted evidence too.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.pass_context
@handle_errors
def users_add(ctx, name, role, password_stdin):
    """Add an account (the password is asked for, or read with --password-stdin)."""
    from indexer import accounts, audit
    accounts.check_name(name)
    accounts.Accounts(ctx.obj["index"]).add(name, role, _password(name, password_stdin))
    audit.record(ctx.obj["index"], name, None, f"account added ({role}) by evidex users")
    click.echo(f"evidex: added {name} ({role})", err=True)


@users.command("list")
@printing
def users_list(ctx, fmt):
    """Every account with its role and whether it has an API token."""
    from indexer import accounts
    click.echo(report.accounts(accounts.Accounts(ctx.obj["index"]).all().values(), fmt))


@users.command("remove")
@click.argument("name")
@click.pass_context
@handle_errors
def users_remove(ctx, name):
    """Remove an account: its sessions and token stop working at once."""
    from indexer import accounts, audit
    accounts.Accounts(ctx.obj["index"]).remove(name)
    audit.record(ctx.obj["index"], name, None, "account removed by evidex users")
    click.echo(f"evidex: removed {name}", err=True)


@users.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.pass_context
@handle_errors
def users_passwd(ctx, name, password_stdin):
    """Set a new password (the account's signed-in sessions end)."""
    from indexer import accounts, audit
    store = accounts.Accounts(ctx.obj["index"])
    if store.get(name) is None:
        fail(f"there is no account {name!r} (see `evidex users list`)", 2)
    store.set_password(name, _password(name, password_stdin))
    audit.record(ctx.obj["index"], name, None, "password changed by evidex users")
    click.echo(f"evidex: new password set for {name}", err=True)


@users.command("token")
@click.argument("name")
@click.pass_context
@handle_errors
def users_token(ctx, name):
    """Print a new API token for NAME (the old one stops working); send it as
    `Authorization: Bearer TOKEN`."""
    from indexer import accounts, audit
    token = accounts.Accounts(ctx.obj["index"]).new_token(name)
    audit.record(ctx.obj["index"], name, None, "new API token made by evidex users")
    click.echo(token)


if __name__ == "__main__":
    main()
