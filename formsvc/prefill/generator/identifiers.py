"""Numbers people carry: unique ID numbers, old ID numbers, mobile numbers, email addresses.

Uniqueness without memory: within one ID prefix (province, sex/century, year) the k-th person
gets serial ``(a·k + b) mod 10⁶``. With ``a`` coprime to 10 that map is a bijection, so serials
never repeat and look random, while the generator remembers one counter per prefix (a few
thousand) instead of every number it issued (a million).
"""

from __future__ import annotations

import random
import unicodedata
import zlib
from datetime import date

from formsvc.identity import prefix
from formsvc.prefill.generator.weighted import Weighted

__all__ = ["PHONE_PREFIXES", "AffineSerials", "email_for", "phone"]

# Mobile prefixes in use since the 2018 renumbering (Viettel 03x/086/09x, Vinaphone 08x/09x,
# MobiFone 07x/089/09x, Vietnamobile 05x/092, Gmobile 059/099).
PHONE_PREFIXES = Weighted({
    **dict.fromkeys(("032", "033", "034", "035", "036", "037", "038", "039"), 3.0),
    **dict.fromkeys(("086", "096", "097", "098"), 4.0),
    **dict.fromkeys(("081", "082", "083", "084", "085", "088", "091", "094"), 2.5),
    **dict.fromkeys(("070", "076", "077", "078", "079", "089", "090", "093"), 2.0),
    **dict.fromkeys(("056", "058", "092", "059", "099"), 0.5),
})  # fmt: skip

_MAIL_DOMAINS = Weighted({"example.vn": 3, "example.com": 2, "example.net": 1})


class AffineSerials:
    """Serial numbers of ``width`` digits, unique per key, from an affine bijection."""

    def __init__(self, seed: int, width: int) -> None:
        self.modulus = 10**width
        self.width = width
        self.seed = seed
        multiplier = (1 + 2 * (seed * 7919 % (self.modulus // 2 - 1))) % self.modulus
        self.multiplier = multiplier + 2 if multiplier % 5 == 0 else multiplier
        self.counters: dict[str, tuple[int, int]] = {}

    def next(self, key: str = "") -> str:
        count, offset = self.counters.get(key) or (
            0,
            zlib.crc32(f"{self.seed}:{key}".encode()) % self.modulus,
        )
        if count >= self.modulus:
            raise OverflowError(f"no serial numbers left for {key!r}")
        self.counters[key] = (count + 1, offset)
        return f"{(self.multiplier * count + offset) % self.modulus:0{self.width}d}"

    def personal_id(self, province_code: str, sex: str, born: date) -> str:
        head = prefix(province_code, sex, born)
        return head + self.next(head)


def phone(rng: random.Random) -> str:
    return f"{PHONE_PREFIXES.pick(rng)}{rng.randrange(10_000_000):07d}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


def email_for(rng: random.Random, full_name: str, born_year: int) -> str:
    """e.g. nguyenthilan.90@example.vn: what people pick, at reserved example domains."""
    words = full_name.split()
    local = _ascii(words[-1]) + _ascii(words[0])
    if rng.random() < 0.5:
        local = _ascii("".join(words))
    return f"{local}.{born_year % 100:02d}{rng.randrange(100)}@{_MAIL_DOMAINS.pick(rng)}"
