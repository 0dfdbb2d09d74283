"""formsvc: standardised electronic forms that reuse the national population database."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from formsvc import config, db

__all__ = ["create_app"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Application factory: defaults, then ``FORMSVC_*`` variables (or the test config)."""
    app = Flask(
        __name__,
        instance_path=os.environ.get(f"{config.PREFIX}INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder="web/templates",
        static_folder="web/static",
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.default_config(app.instance_path))
    app.config.update(config.from_environment() if test_config is None else test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.instance_secret_key(app.instance_path)

    from formsvc import cli, prefill, web

    db.init_app(app)
    prefill.init_app(app)
    cli.init_app(app)
    web.init_app(app)
    return app
