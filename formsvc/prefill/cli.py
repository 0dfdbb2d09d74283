"""``formsvc population …``: seed the mock population database and list the prefill paths."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from formsvc.db import get_engine
from formsvc.prefill.generator import DEFAULT_SEED, generate
from formsvc.prefill.paths import PATHS, PrefillPath

__all__ = ["population"]

population = AppGroup("population", help="The mock national population database.")


@population.command("seed")
@click.option("--citizens", type=click.IntRange(min=1), required=True, help="How many.")
@click.option("--seed", type=click.IntRange(min=0, max=2**31 - 1), default=DEFAULT_SEED,
              show_default=True, help="Same citizens and seed, same people.")  # fmt: skip
def seed_command(citizens: int, seed: int) -> None:
    """Add a generated population (households, families, addresses on real wards)."""
    result = generate(get_engine(), citizens, seed)
    if not result.created:
        click.echo(f"already seeded: {result.citizens} citizens with seed {seed}; nothing to do")
        return
    rate = result.citizens / result.seconds if result.seconds else 0
    click.echo(
        f"seeded {result.citizens} citizens in {result.households} households "
        f"(seed {seed}) in {result.seconds:.1f} s, {rate:,.0f} citizens/s"
    )


def _rows(path: PrefillPath) -> list[tuple[str, str, str, str]]:
    rows = [(path.path, path.type, path.label, path.description)]
    rows += [(f"{path.path}[].{item.key}", item.type, item.label, "") for item in path.items]
    return rows


@population.command("fields")
@click.option("--markdown", is_flag=True, help="A Markdown table, as in docs/population.md.")
def fields_command(markdown: bool) -> None:
    """Every prefill path with its type, Vietnamese label and description."""
    rows = [row for path in PATHS.values() for row in _rows(path)]
    if markdown:
        click.echo("| Path | Type | Nhãn | Description |\n|---|---|---|---|")
        for row in rows:
            click.echo("| " + " | ".join([f"`{row[0]}`", *row[1:]]) + " |")
        return
    width = max(len(row[0]) for row in rows)
    for path, kind, label, description in rows:
        click.echo(
            f"{path:<{width}}  {kind:<7}  {label}" + (f" – {description}" if description else "")
        )
