"""Loaded once by the extraction workers' fork server (``indexer.pipeline``), so that what
every worker would otherwise build for itself on its first file (the gazetteer's
patterns, the tagger's tables: about 3 s of CPU) is built once, before they fork."""
from __future__ import annotations

from indexer.extract import text_pages
from indexer.ingest import documents_of
from indexer.store import prepare

LETTER = ("Dear Chair,\n\nThank you for your letter of 1 May 2020.\n\n"
          "Yours sincerely,\n\nA. Person\nWelsh Local Government Association\n")

try:  # an invented letter: reading it loads every table the tagger and the store use
    prepare(documents_of(text_pages(LETTER), "preload.txt"))
except Exception:  # only a head start: a worker meets any real fault on its own files
    pass
