"""evidex web search page (Flask application factory)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask


def create_app(index_dir: str | os.PathLike, test_config: dict[str, Any] | None = None) -> Flask:
    """The web app over the index in ``index_dir``: search pages and the JSON API."""
    app = Flask(__name__)
    app.config.from_mapping(INDEX_DIR=str(Path(index_dir)), PAGE_SIZE=10, BODIES_LIMIT=50,
                            JSON_SORT_KEYS=False)
    if test_config:
        app.config.update(test_config)
    app.json.sort_keys = False

    from . import api, auth, errors, search

    auth.init_app(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    return app
