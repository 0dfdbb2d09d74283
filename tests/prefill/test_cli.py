"""``formsvc population seed`` and ``formsvc population fields``."""

from __future__ import annotations

from flask import Flask

from formsvc.prefill import PATHS


def test_fields_lists_every_path_with_type_and_label(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["population", "fields"])
    assert result.exit_code == 0, result.output
    for path in PATHS.values():
        assert path.path in result.output
    assert (
        "citizen.mother.full_name" in result.output and "Họ, chữ đệm và tên của mẹ" in result.output
    )
    assert "citizen.household.members[].relationship_to_head" in result.output


def test_fields_as_markdown(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["population", "fields", "--markdown"])
    assert result.exit_code == 0
    assert result.output.startswith("| Path | Type |")
    assert "| `citizen.children` | array | Con |" in result.output


def test_seed_adds_citizens_once(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["population", "seed", "--citizens", "120", "--seed", "4242"])
    assert first.exit_code == 0, first.output
    assert "seeded 120 citizens" in first.output
    again = runner.invoke(args=["population", "seed", "--citizens", "120", "--seed", "4242"])
    assert again.exit_code == 0 and "already seeded" in again.output


def test_seed_refuses_nonsense(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["population", "seed", "--citizens", "0"])
    assert result.exit_code == 2
    assert "--citizens" in result.output
