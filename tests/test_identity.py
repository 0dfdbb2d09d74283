from datetime import date

import pytest

from formsvc.identity import BIRTH_REGISTRATION_PROVINCES, compose, parse


@pytest.mark.parametrize(
    ("sex", "born", "digit"),
    [
        ("male", date(1985, 1, 1), "0"),
        ("female", date(1999, 12, 31), "1"),
        ("male", date(2000, 1, 1), "2"),
        ("female", date(2024, 6, 1), "3"),
        ("male", date(2100, 1, 1), "4"),
    ],
)
def test_sex_and_century_digit(sex: str, born: date, digit: str) -> None:
    number = compose("092", sex, born, 42)
    assert number[3] == digit
    assert number[4:6] == f"{born.year % 100:02d}"
    decoded = parse(number)
    assert decoded is not None and decoded.agrees_with(sex, born)


def test_disagreement_with_record_is_detected() -> None:
    decoded = parse(compose("001", "female", date(1990, 5, 5), 1))
    assert decoded is not None
    assert not decoded.agrees_with("male", date(1990, 5, 5))
    assert not decoded.agrees_with("female", date(1991, 5, 5))
    assert not decoded.agrees_with("female", date(2090, 5, 5))


@pytest.mark.parametrize(
    "number", ["", "09208012345", "0920801234567", "003080123451", "09208O123451", "092680123451"]
)
def test_impossible_numbers(number: str) -> None:
    assert parse(number) is None


def test_old_province_list_has_63_codes() -> None:
    assert len(BIRTH_REGISTRATION_PROVINCES) == 63
    assert BIRTH_REGISTRATION_PROVINCES["092"] == "Cần Thơ"


def test_compose_refuses_unknown_province() -> None:
    with pytest.raises(ValueError, match="003"):
        compose("003", "male", date(1980, 1, 1), 1)
