"""A progress bar on stderr for index runs, fed by pipeline events."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .pipeline import Event


class ProgressBar:
    """click's progress bar over the files to extract; silent when disabled or when
    there is nothing to extract."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._bar = None

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
            self._bar = None

    def update(self, event: Event) -> None:
        if event.kind == "notice":  # a warning, not progress: said even when quiet
            click.echo(f"evidex: {event.reason}", err=True)
            return
        if not self.enabled:
            return
        if event.kind == "plan" and event.total:
            self._bar = click.progressbar(length=event.total, label="Indexing", file=sys.stderr,
                                          show_pos=True, item_show_func=lambda s: s)
            self._bar.__enter__()
        elif event.kind == "finish" and self._bar is not None:
            self._bar.update(1, Path(event.source).name[:40] if event.source else None)
