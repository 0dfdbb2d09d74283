"""Administrative units: the 34 provinces and their wards, and the old 63-province list."""

from __future__ import annotations

import unicodedata
from collections import Counter

from flask import Flask
from sqlalchemy import func, select
from vietnam_provinces import Ward as PackageWard

from formsvc.db import session_scope
from formsvc.identity import BIRTH_REGISTRATION_PROVINCES
from formsvc.prefill.units import PREDECESSORS, LegacyProvince, Province, Ward, load_units


def test_every_old_province_has_exactly_one_successor() -> None:
    old = Counter(code for codes in PREDECESSORS.values() for code in codes)
    assert set(old) == set(BIRTH_REGISTRATION_PROVINCES)
    assert set(old.values()) == {1}
    assert len(PREDECESSORS) == 34
    assert PREDECESSORS[92] == ("092", "094", "093")  # Cần Thơ took in Sóc Trăng, Hậu Giang


def test_units_are_stored_once_with_clean_names(app: Flask) -> None:
    with session_scope(app) as session:
        assert load_units(session) == 0  # prepare() loaded them already
        assert session.scalar(select(func.count()).select_from(Province)) == 34
        wards = session.scalar(select(func.count()).select_from(Ward))
        assert wards == len(list(PackageWard.iter_all())) > 3000
        names = list(session.scalars(select(Ward.name)))
        assert all("  " not in n and unicodedata.is_normalized("NFC", n) for n in names)
        can_tho = session.get(Province, 92)
        assert can_tho is not None and can_tho.name == "Thành phố Cần Thơ"
        soc_trang = session.get(LegacyProvince, "094")
        assert soc_trang is not None and soc_trang.successor_code == 92
        ninh_kieu = session.scalars(select(Ward).where(Ward.name == "Phường Ninh Kiều")).one()
        assert ninh_kieu.province_code == 92
