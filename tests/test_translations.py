"""The English interface is complete: every Vietnamese interface text has a translation."""

from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = (
    Path(__file__).resolve().parent.parent / "formsvc/translations/en/LC_MESSAGES/messages.po"
)


def test_every_message_is_translated() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    assert [m.id for m in catalogue if m.id and not m.string] == []
    assert not [m.id for m in catalogue if m.id and m.fuzzy]
