#!/usr/bin/env python3
"""Stop early, with one line naming the Debian packages, when WeasyPrint's libraries are missing.

Runs with the system Python before any virtual environment exists, so it uses only the
standard library. Without HarfBuzz's subset library WeasyPrint still works but subsets fonts
with fontTools, several times slower, so it is required too. No system font is needed: the
PDF font (Liberation Serif, with full Vietnamese coverage) ships inside the package.
"""

from __future__ import annotations

import ctypes.util
import sys

MIN_PYTHON = (3, 11)
LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
    "fontconfig": "libfontconfig1",
}


def missing_packages() -> list[str]:
    return [package for name, package in LIBRARIES.items() if not ctypes.util.find_library(name)]


def main() -> int:
    if sys.version_info < MIN_PYTHON:
        wanted = ".".join(map(str, MIN_PYTHON))
        print(f"formsvc needs Python {wanted}+; this is {sys.version.split()[0]}")
        return 1
    missing = missing_packages()
    if missing:
        print(f"Missing system libraries for PDF output: sudo apt-get install {' '.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
