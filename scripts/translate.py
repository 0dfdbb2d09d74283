#!/usr/bin/env python3
"""Lists (or fills from a JSON file of {"Vietnamese": "English"}) untranslated interface text.

.venv/bin/python scripts/translate.py                 # list what is missing
.venv/bin/python scripts/translate.py additions.json  # fill it in
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = (
    Path(__file__).resolve().parent.parent / "formsvc/translations/en/LC_MESSAGES/messages.po"
)


def main() -> int:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    additions = (
        json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")) if len(sys.argv) > 1 else {}
    )
    missing = []
    for message in catalogue:
        if message.id and not message.string:
            if message.id in additions:
                message.string = additions[message.id]
            else:
                missing.append(message.id)
    if additions:
        with CATALOGUE.open("wb") as handle:
            write_po(handle, catalogue, width=76)
    for text in missing:
        print(text)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
