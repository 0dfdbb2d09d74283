"""The ``formsvc`` command (also ``flask --app formsvc``): one group per package."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext
from werkzeug.serving import run_simple

from formsvc.migrations import upgrade

__all__ = ["init_app", "main"]

db_group = AppGroup("db", help="Database schema.")


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Apply every Alembic migration to FORMSVC_DATABASE_URL."""
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("database is at the latest migration")


@click.command("demo")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--serve/--no-serve", default=True, help="Start the web server afterwards.")
def demo_command(host: str, port: int, serve: bool) -> None:
    """Migrate, seed the demo population, load the catalogue, print sign-ins, serve."""
    from formsvc.accounts import CITIZEN
    from formsvc.demo import DEMO_POPULATION, DEMO_SEED, prepare

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    accounts, imported = prepare(app)
    click.echo(f"Catalogue: {', '.join(r.form_id for r in imported) or 'empty'}")
    click.echo("Demo citizens (sign in with số định danh cá nhân + mật khẩu):")
    for account in accounts:
        if account.role == CITIZEN:
            click.echo(f"  {account.username}  {account.password}  {account.name}")
    click.echo("Demo staff (sign in with tên đăng nhập + mật khẩu):")
    for account in accounts:
        if account.role != CITIZEN:
            click.echo(f"  {account.username}  {account.password}  {account.name} [{account.role}]")
    click.echo(f"Population: {DEMO_POPULATION} generated citizens (seed {DEMO_SEED}) around them")
    if serve:
        click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
        # Flask refuses app.run() inside its own CLI; the development server is what it uses.
        run_simple(host, port, app, threaded=True)


def init_app(app: Flask) -> None:
    from formsvc.apikeys.cli import apikey
    from formsvc.prefill.cli import population
    from formsvc.render.cli import forms_render, pdf_group
    from formsvc.reports.cli import report
    from formsvc.schemas.cli import forms
    from formsvc.submissions.cli import submissions

    forms.add_command(forms_render)
    app.cli.add_command(db_group)
    app.cli.add_command(forms)
    app.cli.add_command(population)
    app.cli.add_command(pdf_group)
    app.cli.add_command(report)
    app.cli.add_command(demo_command)
    app.cli.add_command(apikey)
    app.cli.add_command(submissions)


def main() -> None:
    from formsvc import create_app

    FlaskGroup(name="formsvc", create_app=create_app, add_version_option=False)()
