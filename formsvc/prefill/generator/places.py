"""Where generated people live, and the regional facts that follow from it.

Provinces are drawn by rough population (millions, 2024 estimates summed over the merged
units), a ward uniformly within the province. Ethnicity shares depend on the region (Khmer
around Cần Thơ and the Mekong delta, Tày, Thái, Nùng and H'Mông in the northern mountains,
Hoa around Hồ Chí Minh City), which is how the national mix lands near 85% Kinh.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from vietnam_provinces import Province, Ward

from formsvc.prefill.generator.weighted import Weighted
from formsvc.prefill.units import PREDECESSORS, clean_name

__all__ = ["Geography", "Place", "religion_table"]

_POPULATION = {
    1: 8.7, 4: 0.57, 8: 1.87, 11: 0.64, 12: 0.49, 14: 1.3, 15: 1.78, 19: 1.8, 20: 0.8,
    22: 1.4, 24: 3.6, 25: 4.0, 31: 4.7, 33: 3.6, 37: 4.4, 38: 4.3, 40: 3.8, 42: 1.6,
    44: 1.9, 46: 1.4, 48: 3.1, 51: 2.2, 52: 3.6, 56: 2.2, 66: 3.3, 68: 3.9, 75: 4.5,
    79: 14.0, 80: 3.3, 82: 4.4, 86: 4.3, 91: 4.9, 92: 4.2, 96: 2.6,
}  # fmt: skip

_NORTHERN_MOUNTAINS = {4, 8, 11, 12, 14, 15, 19, 20}
_MUONG_AND_THAI = {25, 38, 40}
_CENTRAL_HIGHLANDS = {52, 66, 68}
_MEKONG = {86, 91, 92, 96}
_SAIGON = {75, 79, 80}
# From Huế southwards, Hoàng and Vũ are written Huỳnh and Võ, and hamlets are "ấp".
_SOUTHERN_FROM = 46
_HAMLET_SOUTH_FROM = 75

_ETHNICITY = {
    "northern_mountains": Weighted({"Kinh": 30, "Tày": 20, "Thái": 18, "H'Mông": 14,
                                    "Nùng": 12, "Mường": 4, "Hoa": 2}),
    "muong_and_thai": Weighted({"Kinh": 84, "Mường": 9, "Thái": 6, "H'Mông": 1}),
    "central_highlands": Weighted({"Kinh": 72, "Tày": 9, "Nùng": 9, "H'Mông": 4, "Thái": 3,
                                   "Mường": 2, "Hoa": 1}),
    "mekong": Weighted({"Kinh": 84, "Khmer": 14, "Hoa": 2}),
    "saigon": Weighted({"Kinh": 93, "Hoa": 5, "Khmer": 2}),
    "elsewhere": Weighted({"Kinh": 98, "Hoa": 1, "Mường": 0.5, "Tày": 0.5}),
}  # fmt: skip

_RELIGION = {
    "Kinh": Weighted({"Không": 80, "Phật giáo": 8, "Công giáo": 8, "Cao Đài": 1.5,
                      "Phật giáo Hòa Hảo": 1.5, "Tin lành": 1}),
    "Khmer": Weighted({"Phật giáo": 92, "Không": 7, "Công giáo": 1}),
    "H'Mông": Weighted({"Không": 65, "Tin lành": 33, "Công giáo": 2}),
    "Hoa": Weighted({"Không": 55, "Phật giáo": 40, "Công giáo": 5}),
    "other": Weighted({"Không": 93, "Tin lành": 3, "Công giáo": 3, "Phật giáo": 1}),
}  # fmt: skip

_STREETS = (
    "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "30 Tháng 4",
    "Hùng Vương", "Quang Trung", "Nguyễn Huệ", "Lê Duẩn", "Điện Biên Phủ", "Cách Mạng Tháng 8",
    "Nguyễn Văn Cừ", "Trần Phú", "Phan Đình Phùng", "Lê Hồng Phong", "Nguyễn Thị Minh Khai",
    "Võ Văn Kiệt", "Ngô Quyền", "Bà Triệu", "Lý Tự Trọng", "Phan Chu Trinh", "Mậu Thân",
    "Nguyễn Đình Chiểu", "Hoàng Văn Thụ", "Tôn Đức Thắng", "Ba Tháng Hai", "Lê Thánh Tông",
    "Nguyễn Du", "Chu Văn An", "Trần Quang Diệu", "Phạm Ngũ Lão", "Nguyễn Văn Linh",
    "Hòa Bình", "Độc Lập", "Lạc Long Quân", "Âu Cơ", "Yết Kiêu", "Trưng Nữ Vương",
)  # fmt: skip
_HAMLETS = (
    "Tân Phú", "Long Hòa", "An Thạnh", "Thới Bình", "Phú Lợi", "Mỹ Hòa", "Bình An",
    "Thạnh Lợi", "Hòa Thuận", "Tân Lập", "Đông Hưng", "Phước Thạnh", "Vĩnh Phú", "Trung Hòa",
)  # fmt: skip


def _region(province: int) -> str:
    for name, members in (
        ("northern_mountains", _NORTHERN_MOUNTAINS),
        ("muong_and_thai", _MUONG_AND_THAI),
        ("central_highlands", _CENTRAL_HIGHLANDS),
        ("mekong", _MEKONG),
        ("saigon", _SAIGON),
    ):
        if province in members:
            return name
    return "elsewhere"


def religion_table(ethnicity: str) -> Weighted[str]:
    return _RELIGION.get(ethnicity, _RELIGION["other"])


@dataclass(frozen=True)
class Place:
    """A real ward, with what addresses and ID numbers need to know about it."""

    ward_code: int
    province_code: int
    text: str  # "Phường Ninh Kiều, Thành phố Cần Thơ"
    is_urban: bool
    southern: bool
    registration_codes: tuple[str, ...]  # old-list codes of the province's predecessors
    ethnicity: Weighted[str]

    def street(self, rng: random.Random) -> str:
        """A street line: house number and street in towns, a hamlet in the countryside."""
        if self.is_urban:
            number = rng.randint(1, 350)
            if rng.random() < 0.3:
                return f"Số {number}/{rng.randint(1, 60)}, đường {rng.choice(_STREETS)}"
            return f"Số {number}, đường {rng.choice(_STREETS)}"
        if self.province_code in _NORTHERN_MOUNTAINS:
            return f"Bản {rng.choice(_HAMLETS)}"
        if self.province_code >= _HAMLET_SOUTH_FROM:
            return f"Ấp {rng.choice(_HAMLETS)}"
        return f"Thôn {rng.randint(1, 12)}"


class Geography:
    """Every current ward, grouped for drawing: the same units ``load_units`` stores."""

    def __init__(self) -> None:
        names = {int(p.code): clean_name(p.name) for p in Province.iter_all()}
        self.by_province: dict[int, list[Place]] = {code: [] for code in sorted(names)}
        for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
            province = int(ward.province_code)
            self.by_province[province].append(
                Place(
                    ward_code=int(ward.code),
                    province_code=province,
                    text=f"{clean_name(ward.name)}, {names[province]}",
                    is_urban=ward.division_type.value != "xã",
                    southern=province >= _SOUTHERN_FROM,
                    registration_codes=PREDECESSORS[province],
                    ethnicity=_ETHNICITY[_region(province)],
                )
            )
        self.provinces = Weighted({code: _POPULATION[code] for code in self.by_province})
        self.cities = Weighted({79: 5, 1: 3, 75: 1, 24: 1, 48: 1, 92: 1})

    def place(self, rng: random.Random, province: int | None = None) -> Place:
        wards = self.by_province[province or self.provinces.pick(rng)]
        return wards[int(rng.random() * len(wards))]

    def city_place(self, rng: random.Random) -> Place:
        """Where people of working age go to study or work (temporary residence)."""
        return self.place(rng, self.cities.pick(rng))
