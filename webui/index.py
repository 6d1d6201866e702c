"""The web app's one handle on the index, opened lazily and shared by all requests.

A missing index is not cached: once `evidex index` has run, the next request finds it.
"""
from __future__ import annotations

import threading

from flask import current_app

_open_lock = threading.Lock()


def get_index() -> Index:
    """The app's open Index; raises IndexMissingError (503) when there is none yet."""
    ext = current_app.extensions
    index = ext.get("evidex.index")
    if index is None:
        with _open_lock:
            index = ext.get("evidex.index")
            if index is None:
                from indexer.store import Index  # the only module that knows Whoosh

                index = Index.open(current_app.config["INDEX_DIR"])
                ext["evidex.index"] = index
    return index
