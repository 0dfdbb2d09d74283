import re

from formsvc.submissions.tracking import ALPHABET, new_code, normalise


def test_codes_use_only_unambiguous_symbols() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert re.fullmatch(r"[^-]{4}-[^-]{4}-[^-]{4}", code)
        assert set(code.replace("-", "")) <= set(ALPHABET)
        assert not set(code) & set("ILOU")


def test_typed_codes_are_normalised() -> None:
    assert normalise("ab1o-23cd-efgh") == "AB10-23CD-EFGH"
    assert normalise(" AB10 23CD EFGH ") == "AB10-23CD-EFGH"
    assert normalise("short") == ""
    assert normalise("'; DROP TABLE submissions; --") == ""
