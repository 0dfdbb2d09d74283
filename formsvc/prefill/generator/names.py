"""Vietnamese names, surname first, as the population database writes them.

Kinh names are surname + middle name(s) + given name with realistic surname frequencies
(Nguyễn about 38%); "Văn" and "Thị" are far commoner among older people than among children.
Minority groups get their own surnames and, for Khmer and H'Mông, their own name shapes.
Faker's vi_VN locale puts the given name first, which is why none of this comes from it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from formsvc.prefill.generator.weighted import Weighted

__all__ = ["FEMALE", "MALE", "name_for", "surname_for"]

MALE = "male"
FEMALE = "female"

# Percentages after the Vietnamese surname surveys; "Hoàng" and "Vũ" are written "Huỳnh" and
# "Võ" in the South, where the names were changed to avoid a Nguyễn lord's taboo.
_KINH_SURNAMES = {
    "Nguyễn": 38.4, "Trần": 11.0, "Lê": 9.5, "Phạm": 7.1, "Hoàng": 5.1, "Phan": 4.5,
    "Vũ": 3.9, "Đặng": 2.1, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1.0,
    "Lý": 0.5, "Đào": 0.4, "Đoàn": 0.4, "Vương": 0.3, "Trịnh": 0.3, "Trương": 0.3,
    "Lâm": 0.3, "Mai": 0.3, "Hà": 0.3, "Lương": 0.3, "Cao": 0.3, "Đinh": 0.3, "Phùng": 0.2,
    "Tô": 0.2, "Tạ": 0.2, "Châu": 0.2, "Lưu": 0.2, "Thái": 0.1, "Kiều": 0.1, "Quách": 0.1,
    "La": 0.1, "Chu": 0.1, "Triệu": 0.1,
}  # fmt: skip
_SOUTHERN = {"Hoàng": "Huỳnh", "Vũ": "Võ"}

_SURNAMES = {
    "Kinh": Weighted(_KINH_SURNAMES),
    "Tày": Weighted({"Hoàng": 25, "Nông": 20, "Lương": 10, "Lục": 8, "Bế": 8, "Hà": 8,
                     "Vi": 6, "Triệu": 6, "Đàm": 5, "Lăng": 4}),
    "Nùng": Weighted({"Hoàng": 22, "Nông": 18, "Lương": 12, "Vi": 10, "Lục": 10, "Mã": 8,
                      "Chu": 8, "Triệu": 6, "Lăng": 6}),
    "Thái": Weighted({"Lò": 25, "Cầm": 15, "Quàng": 12, "Lường": 12, "Hà": 10, "Vi": 8,
                      "Tòng": 8, "Điêu": 5, "Lù": 5}),
    "Mường": Weighted({"Bùi": 45, "Đinh": 25, "Quách": 10, "Hà": 10, "Xa": 5, "Bạch": 5}),
    "Hoa": Weighted({"Lâm": 15, "Trương": 12, "Lý": 12, "Quách": 8, "Hứa": 8, "Lưu": 8,
                     "Châu": 8, "Mã": 6, "Tăng": 6, "Diệp": 5, "Thái": 4, "La": 4, "Dương": 4}),
    "Khmer": Weighted({"Thạch": 30, "Sơn": 25, "Kim": 15, "Danh": 15, "Lâm": 5, "Lý": 5,
                       "Chau": 5}),
    "H'Mông": Weighted({"Giàng": 20, "Vàng": 18, "Sùng": 15, "Thào": 14, "Lý": 10, "Hờ": 8,
                        "Mùa": 8, "Lầu": 7}),
}  # fmt: skip

_MIDDLE = {
    MALE: Weighted({"Minh": 10, "Quốc": 7, "Đức": 7, "Hữu": 6, "Thanh": 6, "Công": 5,
                    "Gia": 5, "Duy": 4, "Hoàng": 4, "Quang": 5, "Tuấn": 3, "Trọng": 3,
                    "Xuân": 3, "Ngọc": 3, "Anh": 3, "Nhật": 3, "Bảo": 4, "Đình": 4, "Thế": 3,
                    "Tiến": 2, "Chí": 3, "Việt": 2, "Trung": 2}),
    FEMALE: Weighted({"Ngọc": 9, "Thu": 6, "Thanh": 6, "Minh": 5, "Bảo": 5, "Khánh": 5,
                      "Phương": 5, "Mai": 3, "Hồng": 5, "Kim": 5, "Thúy": 4, "Thảo": 3,
                      "Hoài": 3, "Diệu": 2, "Mỹ": 4, "Bích": 4, "Cẩm": 2, "Tuyết": 2,
                      "Quỳnh": 3, "Như": 3, "Yến": 2, "Gia": 3, "Tường": 2}),
}  # fmt: skip

_GIVEN = {
    MALE: Weighted(dict.fromkeys((
        "An", "Anh", "Bảo", "Bình", "Chiến", "Công", "Cường", "Đạt", "Dũng", "Duy", "Đức",
        "Giang", "Hải", "Hào", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khang",
        "Khánh", "Khoa", "Khôi", "Kiên", "Lâm", "Long", "Lộc", "Luân", "Minh", "Nam", "Nghĩa",
        "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Sang", "Sơn", "Tài", "Tâm",
        "Thắng", "Thành", "Thiện", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt",
        "Vinh", "Vũ"), 1.0)),
    FEMALE: Weighted(dict.fromkeys((
        "An", "Anh", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng",
        "Hân", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Ly",
        "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Quyên",
        "Quỳnh", "Tâm", "Thảo", "Thanh", "Thủy", "Thư", "Trang", "Trâm", "Trinh", "Tuyết",
        "Uyên", "Vân", "Vy", "Xuân", "Yến"), 1.0)),
}  # fmt: skip

_KHMER_GIVEN = {
    MALE: Weighted(dict.fromkeys((
        "Sô Phol", "Sà Rết", "Chanh Đa", "Sóc Khum", "Sa Ren", "Sô Vanh", "Vi Sal", "Đa Ra",
        "Rinh", "Sang", "Phên", "Ra Va", "Chăn Thu", "Sa Rươn"), 1.0)),
    FEMALE: Weighted(dict.fromkeys((
        "Sa Ri", "Sa Ranh", "Phol Ly", "Srây", "Mỹ Nương", "Sa Phia", "Chanh Thi", "Sô Phi",
        "Ra Ny", "Chăn Đa", "Sóc Thia", "Kim Loan"), 1.0)),
}  # fmt: skip

_HMONG_GIVEN = {
    MALE: Weighted(dict.fromkeys((
        "Páo", "Dính", "Tủa", "Sử", "Chứ", "Lử", "Sình", "Chống", "Pó", "Dế", "Ký", "Vư"), 1.0)),
    FEMALE: Weighted(dict.fromkeys((
        "Mỷ", "Dợ", "Sua", "Chá", "Mai", "Pà", "Sí", "Mỉ", "Dua", "Chư", "Ly", "Xá"), 1.0)),
}  # fmt: skip


def _traditional_share(sex: str, born_year: int) -> float:
    """How likely "Văn" (men) or "Thị" (women) is as the middle name, by birth cohort."""
    shares = (0.65, 0.45, 0.2, 0.08) if sex == MALE else (0.85, 0.7, 0.4, 0.2)
    if born_year < 1975:
        return shares[0]
    if born_year < 1995:
        return shares[1]
    return shares[2] if born_year < 2010 else shares[3]


@dataclass(frozen=True)
class _Style:
    """How one ethnic group's names are built."""

    surnames: Weighted[str]
    kind: str  # "vietnamese", "khmer" or "hmong"


_STYLES = {
    ethnicity: _Style(table, {"Khmer": "khmer", "H'Mông": "hmong"}.get(ethnicity, "vietnamese"))
    for ethnicity, table in _SURNAMES.items()
}


def surname_for(rng: random.Random, ethnicity: str, southern: bool) -> str:
    surname = _STYLES.get(ethnicity, _STYLES["Kinh"]).surnames.pick(rng)
    return _SOUTHERN.get(surname, surname) if southern else surname


def _vietnamese(rng: random.Random, sex: str, born_year: int) -> str:
    traditional = "Văn" if sex == MALE else "Thị"
    if rng.random() < _traditional_share(sex, born_year):
        middle = traditional
        if sex == FEMALE and rng.random() < 0.25:
            middle = f"{middle} {_MIDDLE[sex].pick(rng)}"
    else:
        middle = _MIDDLE[sex].pick(rng)
    given = _GIVEN[sex].pick(rng)
    while given == middle:
        given = _GIVEN[sex].pick(rng)
    return f"{middle} {given}"


def name_for(rng: random.Random, ethnicity: str, sex: str, born_year: int, surname: str) -> str:
    """A full name, surname first, for a person of this group, sex and birth year."""
    kind = _STYLES.get(ethnicity, _STYLES["Kinh"]).kind
    if kind == "khmer":
        rest = _KHMER_GIVEN[sex].pick(rng)
        rest = f"Thị {rest}" if sex == FEMALE else rest
    elif kind == "hmong":
        rest = ("A " if sex == MALE else "Thị ") + _HMONG_GIVEN[sex].pick(rng)
    else:
        rest = _vietnamese(rng, sex, born_year)
    return f"{surname} {rest}"
