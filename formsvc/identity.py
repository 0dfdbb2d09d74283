"""The 12-digit personal identification number (số định danh cá nhân): ``PPP G YY RRRRRR``.

Nghị định 137/2015/NĐ-CP Điều 13 and Thông tư 07/2016/TT-BCA: ``PPP`` is the province where
the birth was registered, from the *old* 63-province list (the 2025 merger renumbered no one),
``G`` encodes sex and century, ``YY`` the birth year. There is no check digit, so agreement
with the record's sex and date of birth is the only consistency check available.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "BIRTH_REGISTRATION_PROVINCES",
    "PersonalId",
    "compose",
    "parse",
    "prefix",
]

BIRTH_REGISTRATION_PROVINCES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa–Vũng Tàu", "079": "TP Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

_SHAPE = re.compile(r"\d{12}")
_FIRST_CENTURY = 1900
_LAST_CENTURY = 2100


@dataclass(frozen=True)
class PersonalId:
    province_code: str
    sex: str  # "male" | "female"
    century: int  # 1900, 2000 or 2100
    year_digits: str
    serial: str

    def agrees_with(self, sex: str | None = None, born: date | None = None) -> bool:
        if sex is not None and sex != self.sex:
            return False
        return born is None or (
            born.year - born.year % 100 == self.century
            and f"{born.year % 100:02d}" == self.year_digits
        )


def parse(number: str) -> PersonalId | None:
    """Decode a number, or ``None`` when it cannot be one (shape, province or century)."""
    if not _SHAPE.fullmatch(number) or number[:3] not in BIRTH_REGISTRATION_PROVINCES:
        return None
    digit = int(number[3])
    century = _FIRST_CENTURY + 100 * (digit // 2)
    if century > _LAST_CENTURY:
        return None
    return PersonalId(
        province_code=number[:3],
        sex="female" if digit % 2 else "male",
        century=century,
        year_digits=number[4:6],
        serial=number[6:],
    )


def prefix(province_code: str, sex: str, born: date) -> str:
    """The first six digits, ``PPP G YY``: everything but the random serial."""
    if province_code not in BIRTH_REGISTRATION_PROVINCES:
        raise ValueError(f"unknown birth-registration province code {province_code!r}")
    if not _FIRST_CENTURY <= born.year < _LAST_CENTURY + 100:
        raise ValueError(f"birth year {born.year} outside 1900-2199")
    digit = 2 * ((born.year - _FIRST_CENTURY) // 100) + (1 if sex == "female" else 0)
    return f"{province_code}{digit}{born.year % 100:02d}"


def compose(province_code: str, sex: str, born: date, serial: int) -> str:
    """Build the number for a person; ``serial`` is the 6-digit random part."""
    return f"{prefix(province_code, sex, born)}{serial:06d}"
