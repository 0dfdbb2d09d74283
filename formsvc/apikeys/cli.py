"""``formsvc apikey create|revoke``: keys are printed once and never again."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy.exc import IntegrityError

from formsvc.apikeys.service import SCOPES, UnknownScope, create_key, revoke_key
from formsvc.db import session_scope

__all__ = ["apikey"]

apikey = AppGroup("apikey", help="API keys for other systems.")


@apikey.command("create")
@click.option("--name", required=True, help="Who holds the key, e.g. the portal's system name.")
@click.option(
    "--scope", "scopes", multiple=True, required=True, type=click.Choice(SCOPES), help="Repeat."
)
def create(name: str, scopes: tuple[str, ...]) -> None:
    """Create a key and print it; only its hash is stored."""
    try:
        with session_scope() as session:
            _key, secret = create_key(session, name.strip(), list(scopes))
    except IntegrityError as error:
        raise click.ClickException(f"a key named {name!r} already exists") from error
    except UnknownScope as error:
        raise click.ClickException(f"unknown scope: {error}") from error
    click.echo(secret)
    click.echo(
        f"scopes: {', '.join(sorted(set(scopes)))} (store the key now; it is not shown again)",
        err=True,
    )


@apikey.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Revoke the live key with this name."""
    with session_scope() as session:
        if not revoke_key(session, name):
            raise click.ClickException(f"no live key named {name!r}")
    click.echo(f"revoked {name}")
