"""Citizen-facing error messages, Vietnamese first, written for people rather than parsers.

Wording follows the public-service portals: "Vui lòng nhập …", "… không đúng định dạng",
"… là bắt buộc".
"""

from __future__ import annotations

from typing import Any

__all__ = ["Bilingual", "message_for"]

Pair = tuple[str, str]


class Bilingual(str):
    """A Vietnamese message that also knows its English: passes anywhere a ``str`` does
    (WTForms keeps coercion errors as plain strings) without losing the translation."""

    en: str
    keyword: str  # the rule that failed, as FieldError names it

    def __new__(cls, vi: str, en: str, keyword: str = "format") -> Bilingual:
        message = super().__new__(cls, vi)
        message.en = en
        message.keyword = keyword
        return message


_BY_FORMAT: dict[str, Pair] = {
    "personal-id": (
        "Vui lòng nhập số định danh cá nhân gồm 12 chữ số",
        "Please enter a 12-digit personal identification number",
    ),
    "phone": (
        "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09",
        "The phone number must have 10 digits starting with 03, 05, 07, 08 or 09",
    ),
    "date": (
        "{label} không đúng định dạng ngày/tháng/năm (dd/mm/yyyy)",
        "{label} is not a valid date (dd/mm/yyyy)",
    ),
    "email": ("{label} không đúng định dạng", "{label} is not a valid email address"),
}

_BY_KEYWORD: dict[str, Pair] = {
    "required": ("{label} là bắt buộc", "{label} is required"),
    "minLength": ("Vui lòng nhập {label}", "Please enter {label}"),
    "maxLength": (
        "{label} không được dài quá {limit} ký tự",
        "{label} must be at most {limit} characters",
    ),
    "pattern": ("{label} không đúng định dạng", "{label} is not in the right format"),
    "minimum": ("{label} phải lớn hơn hoặc bằng {limit}", "{label} must be at least {limit}"),
    "maximum": ("{label} phải nhỏ hơn hoặc bằng {limit}", "{label} must be at most {limit}"),
    "enum": ("Vui lòng chọn {label} trong danh sách", "Please choose {label} from the list"),
    "const": ("{label} không được thay đổi", "{label} cannot be changed"),
    "type": ("{label} không đúng kiểu dữ liệu", "{label} has the wrong type"),
    "multipleOf": ("{label} phải là bội số của {limit}", "{label} must be a multiple of {limit}"),
    "minItems": (
        "{label} phải có ít nhất {limit} mục",
        "{label} must have at least {limit} entries",
    ),
    "maxItems": (
        "{label} chỉ được có tối đa {limit} mục",
        "{label} must have at most {limit} entries",
    ),
    "uniqueItems": ("{label} có mục bị lặp lại", "{label} has an entry more than once"),
    "additionalProperties": (
        "Biểu mẫu không có trường {label}",
        "The form has no field {label}",
    ),
}
_BY_KEYWORD["oneOf"] = _BY_KEYWORD["anyOf"] = _BY_KEYWORD["enum"]

_BY_KEYWORD["integer"] = ("{label} phải là số nguyên", "{label} must be a whole number")
_BY_KEYWORD["number"] = ("{label} phải là một số", "{label} must be a number")
_BY_KEYWORD["x-characters"] = (
    "{label} chứa ký tự điều khiển không in được ({limit}); vui lòng xoá ký tự này",
    "{label} contains a control character that cannot be printed ({limit}); please remove it",
)
_BY_KEYWORD["x-date-exists"] = (
    "{label}: ngày {limit} không có trên lịch",
    "{label}: {limit} is not a real date",
)
_BY_KEYWORD["x-date-max"] = (
    "{label} không được sau ngày {limit}",
    "{label} must not be later than {limit}",
)
_BY_KEYWORD["x-date-min"] = (
    "{label} không được trước ngày {limit}",
    "{label} must not be earlier than {limit}",
)
_TODAY: dict[str, Pair] = {
    "x-date-max": (
        "{label} không được sau ngày hôm nay",
        "{label} must not be later than today",
    ),
    "x-date-min": (
        "{label} không được trước ngày hôm nay",
        "{label} must not be earlier than today",
    ),
}
_BY_KEYWORD["x-not-applicable"] = (
    "{label} không áp dụng với các câu trả lời khác của bạn",
    "{label} does not apply given your other answers",
)
_BY_KEYWORD["json"] = ("{label}: dữ liệu JSON không hợp lệ", "{label}: the JSON is not valid")

_FALLBACK: Pair = ("{label} không hợp lệ", "{label} is not valid")


def message_for(
    keyword: str,
    label: str,
    limit: Any = None,
    fmt: str | None = None,
    label_en: str | None = None,
) -> Pair:
    """The (Vietnamese, English) message for a failed keyword on a field labelled ``label``
    (``label_en`` in the English message, where the definition translates it)."""
    if keyword == "minLength" and limit not in (None, 1):
        template: Pair = (
            "{label} phải có ít nhất {limit} ký tự",
            "{label} must be at least {limit} characters",
        )
    elif keyword in _TODAY and limit is None:
        template = _TODAY[keyword]
    elif keyword == "format" and fmt in _BY_FORMAT:
        template = _BY_FORMAT[fmt]
    else:
        template = _BY_KEYWORD.get(keyword, _FALLBACK)
    vi, en = template
    english_label = label if label_en is None else label_en
    return vi.format(label=label, limit=limit), en.format(label=english_label, limit=limit)
