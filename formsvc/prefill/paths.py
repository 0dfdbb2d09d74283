"""The prefill path language: dotted paths from a citizen record to the values forms reuse.

``citizen.<attribute>`` reads the signed-in citizen; ``citizen.<relative>.<attribute>`` reads
a linked record (``father``, ``mother``, ``spouse``, ``household.head``); residences read as
one line of text (``citizen.permanent_address``) or by part (``….street``, ``….ward``,
``….ward_code``, ``….province``, ``….province_code``); ``citizen.household.members`` and
``citizen.children`` are lists of small objects that fill repeatable groups.

Each path declares the model attributes it ``reads`` (dotted, through relationships) so a
source can load exactly those and nothing else: data minimisation is a property of the table
below, not a promise in a comment. The getter is the single place that turns them into the
JSON value a form receives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from formsvc.prefill.models import HEAD_OF_HOUSEHOLD, Citizen
from formsvc.prefill.units import full_address

__all__ = ["CATEGORIES", "CATEGORIES_EN", "PATHS", "ItemField", "PrefillPath", "jsonable"]

# Categories of personal data, as the consent page names them.
IDENTITY = "identity"
DOCUMENTS = "documents"
RESIDENCE = "residence"
HOUSEHOLD = "household"
FAMILY = "family"
CONTACT = "contact"

# Only names: the consent page lists under each the items the form really reads, and a name
# with examples ("họ tên, dân tộc, tôn giáo…") would seem to ask for data the form never reads.
CATEGORIES = {
    IDENTITY: "Thông tin nhân thân",
    DOCUMENTS: "Giấy tờ tùy thân",
    RESIDENCE: "Thông tin cư trú",
    HOUSEHOLD: "Thông tin hộ gia đình",
    FAMILY: "Thông tin người thân",
    CONTACT: "Thông tin liên lạc",
}
CATEGORIES_EN = {
    IDENTITY: "Personal details",
    DOCUMENTS: "Identity documents",
    RESIDENCE: "Residence",
    HOUSEHOLD: "Household",
    FAMILY: "Relatives",
    CONTACT: "Contact details",
}


def jsonable(value: Any) -> Any:
    """Dates as ISO text, recursively: what forms and submissions store."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    return value


def _walk(record: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        if record is None:
            return None
        record = getattr(record, name)
    return record


@dataclass(frozen=True)
class ItemField:
    """One property of the objects in a list path (``citizen.household.members[].full_name``)."""

    key: str
    type: str
    label: str


@dataclass(frozen=True)
class PrefillPath:
    path: str
    type: str  # "string", "date", "integer" or "array"
    label: str
    description: str
    category: str
    reads: tuple[str, ...]
    get: Callable[[Citizen], Any]
    items: tuple[ItemField, ...] = field(default=())
    label_en: str = ""  # the label on English pages (consent)

    def label_in(self, language: str) -> str:
        return self.label_en if language == "en" and self.label_en else self.label

    @property
    def item_keys(self) -> frozenset[str]:
        """Keys of a list path's entries: what an item property's x-prefill may name."""
        return frozenset(item.key for item in self.items)

    def read(self, citizen: Citizen) -> Any:
        """The JSON value for a form (dates as ISO text), or ``None`` when unknown."""
        return jsonable(self.get(citizen))


def _attribute(
    path: str, kind: str, label: str, description: str, category: str, chain: str, label_en: str
) -> PrefillPath:
    return PrefillPath(
        path, kind, label, description, category, (chain,), lambda c: _walk(c, chain),
        label_en=label_en,
    )  # fmt: skip


def _zero_padded(chain: str, width: int) -> Callable[[Citizen], Any]:
    def get(citizen: Citizen) -> str | None:
        code = _walk(citizen, chain)
        return None if code is None else f"{code:0{width}d}"

    return get


def _address(owner: str, kind: str) -> Callable[[Citizen], Any]:
    prefix = f"{owner}." if owner else ""
    return lambda c: full_address(
        _walk(c, f"{prefix}{kind}street"), _walk(c, f"{prefix}{kind}ward")
    )


def _address_reads(owner: str, kind: str) -> tuple[str, ...]:
    prefix = f"{owner}." if owner else ""
    return (
        f"{prefix}{kind}street",
        f"{prefix}{kind}ward.name",
        f"{prefix}{kind}ward.province.name",
    )


def _residence(kind: str, label: str, description: str) -> list[PrefillPath]:
    """``description`` is the English name of the residence, e.g. "Permanent residence"."""
    """A residence as text plus its parts, e.g. citizen.permanent_address(.ward)."""
    base = f"citizen.{kind}_address"
    column = f"{kind}_"
    ward = f"{column}ward"
    return [
        PrefillPath(
            base, "string", label, f"{description}: street, ward and province as one line.",
            RESIDENCE, _address_reads("", column), _address("", column), label_en=description,
        ),
        _attribute(f"{base}.street", "string", f"{label} – số nhà, đường, thôn/ấp",
                   f"{description}: house number and street, or hamlet.", RESIDENCE,
                   f"{column}street", f"{description} – house number, street, village"),
        _attribute(f"{base}.ward", "string", f"{label} – xã/phường/đặc khu",
                   f"{description}: name of the commune, ward or special zone.", RESIDENCE,
                   f"{ward}.name", f"{description} – commune, ward or special zone"),
        PrefillPath(f"{base}.ward_code", "string", f"{label} – mã xã/phường",
                    f"{description}: 5-digit code of the commune or ward.", RESIDENCE,
                    (f"{ward}_code",), _zero_padded(f"{ward}_code", 5),
                    label_en=f"{description} – commune or ward code"),
        _attribute(f"{base}.province", "string", f"{label} – tỉnh/thành phố",
                   f"{description}: name of the province or city.", RESIDENCE,
                   f"{ward}.province.name", f"{description} – province or city"),
        PrefillPath(f"{base}.province_code", "string", f"{label} – mã tỉnh/thành phố",
                    f"{description}: 2-digit code of the province or city.", RESIDENCE,
                    (f"{ward}.province_code",), _zero_padded(f"{ward}.province_code", 2),
                    label_en=f"{description} – province or city code"),
    ]  # fmt: skip


# Luật Căn cước 2023 took effect on 1 July 2024: cards issued from then on are "thẻ căn cước",
# earlier ones "thẻ căn cước công dân" (still valid until they expire).
CAN_CUOC_SINCE = date(2024, 7, 1)


def _id_card_kind(citizen: Citizen) -> str | None:
    """The identity-document component's ``kind`` choice for the citizen's current card."""
    if citizen.id_card_number is None:
        return None
    issued = citizen.id_card_issue_date
    return "can_cuoc" if issued is None or issued >= CAN_CUOC_SINCE else "can_cuoc_cong_dan"


def _birth_year(chain: str) -> Callable[[Citizen], Any]:
    return lambda c: getattr(_walk(c, chain), "year", None)


_RELATIVES = {
    "father": ("cha", "The father's", "Father's"),
    "mother": ("mẹ", "The mother's", "Mother's"),
    "spouse": ("vợ/chồng", "The spouse's", "Spouse's"),
}


def _relative(relation: str) -> list[PrefillPath]:
    """The same facts about each linked relative: name, ID, birth, ethnicity, residence."""
    word, whose, label = _RELATIVES[relation]
    base = f"citizen.{relation}"
    return [
        _attribute(f"{base}.full_name", "string", f"Họ, chữ đệm và tên của {word}",
                   f"{whose} full name.", FAMILY, f"{relation}.full_name", f"{label} full name"),
        _attribute(f"{base}.personal_id", "string", f"Số định danh cá nhân của {word}",
                   f"{whose} 12-digit personal ID number.", FAMILY, f"{relation}.personal_id",
                   f"{label} personal identification number"),
        _attribute(f"{base}.date_of_birth", "date", f"Ngày sinh của {word}",
                   f"{whose} date of birth.", FAMILY, f"{relation}.date_of_birth",
                   f"{label} date of birth"),
        PrefillPath(f"{base}.birth_year", "integer", f"Năm sinh của {word}",
                    f"{whose} year of birth (forms that ask only the year).", FAMILY,
                    (f"{relation}.date_of_birth",), _birth_year(f"{relation}.date_of_birth"),
                    label_en=f"{label} year of birth"),
        _attribute(f"{base}.ethnicity", "string", f"Dân tộc của {word}",
                   f"{whose} ethnicity.", FAMILY, f"{relation}.ethnicity", f"{label} ethnic group"),
        _attribute(f"{base}.nationality", "string", f"Quốc tịch của {word}",
                   f"{whose} nationality.", FAMILY, f"{relation}.nationality",
                   f"{label} nationality"),
        PrefillPath(f"{base}.permanent_address", "string", f"Nơi thường trú của {word}",
                    f"{whose} permanent residence as one line.", FAMILY,
                    _address_reads(relation, "permanent_"), _address(relation, "permanent_"),
                    label_en=f"{label} permanent residence"),
    ]  # fmt: skip


MEMBER_ITEMS = (
    ItemField("full_name", "string", "Họ, chữ đệm và tên"),
    ItemField("date_of_birth", "date", "Ngày sinh"),
    ItemField("sex", "string", "Giới tính (male/female)"),
    ItemField("personal_id", "string", "Số định danh cá nhân"),
    ItemField("relationship_to_head", "string", "Quan hệ với chủ hộ"),
)
CHILD_ITEMS = MEMBER_ITEMS[:4]


def _members(citizen: Citizen) -> list[dict[str, Any]] | None:
    household = citizen.household
    if household is None:
        return None
    ordered = sorted(
        household.members,
        key=lambda m: (m.relationship_to_head != HEAD_OF_HOUSEHOLD, m.date_of_birth, m.id),
    )
    return [{item.key: getattr(m, item.key) for item in MEMBER_ITEMS} for m in ordered]


def _children(citizen: Citizen) -> list[dict[str, Any]]:
    return [{item.key: getattr(c, item.key) for item in CHILD_ITEMS} for c in citizen.children]


_SCALARS = [
    ("citizen.full_name", "string", "Họ, chữ đệm và tên",
     "Full name at birth (họ, chữ đệm và tên khai sinh), surname first.", IDENTITY, "full_name",
     "Full name"),
    ("citizen.other_name", "string", "Tên gọi khác", "Other name, if one is recorded.",
     IDENTITY, "other_name",
     "Other name"),
    ("citizen.date_of_birth", "date", "Ngày, tháng, năm sinh", "Date of birth.", IDENTITY,
     "date_of_birth",
     "Date of birth"),
    ("citizen.sex", "string", "Giới tính", 'Sex: "male" or "female".', IDENTITY, "sex",
     "Sex"),
    ("citizen.place_of_birth", "string", "Nơi sinh", "Place of birth.", IDENTITY,
     "place_of_birth",
     "Place of birth"),
    ("citizen.place_of_birth_registration", "string", "Nơi đăng ký khai sinh",
     "The authority where the birth was registered.", IDENTITY, "birth_registration_place",
     "Place of birth registration"),
    ("citizen.hometown", "string", "Quê quán", "Hometown (quê quán).", IDENTITY, "hometown",
     "Hometown"),
    ("citizen.ethnicity", "string", "Dân tộc", "Ethnicity, e.g. Kinh, Khmer, Tày.", IDENTITY,
     "ethnicity",
     "Ethnic group"),
    ("citizen.religion", "string", "Tôn giáo", 'Religion; "Không" when none.', IDENTITY,
     "religion",
     "Religion"),
    ("citizen.nationality", "string", "Quốc tịch", "Nationality.", IDENTITY, "nationality",
     "Nationality"),
    ("citizen.blood_group", "string", "Nhóm máu", "Blood group (A, B, AB, O) if recorded.",
     IDENTITY, "blood_group",
     "Blood group"),
    ("citizen.marital_status", "string", "Tình trạng hôn nhân",
     "Chưa kết hôn, Đã kết hôn, Đã ly hôn or Góa.", IDENTITY, "marital_status",
     "Marital status"),
    ("citizen.date_of_death", "date", "Ngày chết", "Date of death, if recorded.", IDENTITY,
     "date_of_death",
     "Date of death"),
    ("citizen.personal_id", "string", "Số định danh cá nhân",
     "12-digit personal ID number (số định danh cá nhân).", DOCUMENTS, "personal_id",
     "Personal identification number"),
    ("citizen.id_card.number", "string", "Số thẻ Căn cước/CCCD",
     "Number of the current ID card.", DOCUMENTS, "id_card_number",
     "Identity card number"),
    ("citizen.id_card.issue_date", "date", "Ngày cấp thẻ Căn cước/CCCD",
     "Issue date of the current ID card.", DOCUMENTS, "id_card_issue_date",
     "Identity card date of issue"),
    ("citizen.id_card.issue_place", "string", "Nơi cấp thẻ Căn cước/CCCD",
     "Issuing authority of the current ID card.", DOCUMENTS, "id_card_issue_place",
     "Identity card place of issue"),
    ("citizen.id_card.expiry_date", "date", "Có giá trị đến",
     "Expiry date of the current ID card; empty when it does not expire.", DOCUMENTS,
     "id_card_expiry_date",
     "Identity card valid until"),
    ("citizen.old_id_number", "string", "Số Chứng minh nhân dân",
     "The old 9-digit ID number (CMND), if one was issued.", DOCUMENTS, "old_id_number",
     "Old identity card (CMND) number"),
    ("citizen.phone", "string", "Số điện thoại", "10-digit mobile number.", CONTACT, "phone",
     "Phone number"),
    ("citizen.email", "string", "Email", "Email address.", CONTACT, "email",
     "Email"),
    ("citizen.relationship_to_head", "string", "Mối quan hệ với chủ hộ",
     'Relationship to the head of household, e.g. "Chủ hộ", "Vợ", "Con đẻ".', HOUSEHOLD,
     "relationship_to_head",
     "Relationship to the head of household"),
    ("citizen.household.head.full_name", "string", "Họ tên chủ hộ",
     "Full name of the head of the citizen's household.", HOUSEHOLD, "household.head.full_name",
     "Full name of the head of household"),
    ("citizen.household.head.personal_id", "string", "Số định danh cá nhân của chủ hộ",
     "Personal ID number of the head of household.", HOUSEHOLD, "household.head.personal_id",
     "Personal identification number of the head of household"),
    ("citizen.household.head.date_of_birth", "date", "Ngày sinh của chủ hộ",
     "Date of birth of the head of household.", HOUSEHOLD, "household.head.date_of_birth",
     "Date of birth of the head of household"),
]  # fmt: skip

_DEFINITIONS: list[PrefillPath] = [
    *(_attribute(*row) for row in _SCALARS),
    PrefillPath(
        "citizen.id_card.kind", "string", "Loại thẻ Căn cước/CCCD",
        'Kind of the current ID card: "can_cuoc" (issued from 1 July 2024) or '
        '"can_cuoc_cong_dan" (earlier), as the identity-document component\'s choices.',
        DOCUMENTS, ("id_card_number", "id_card_issue_date"), _id_card_kind,
        label_en="Type of identity card",
    ),
    PrefillPath(
        "citizen.birth_year", "integer", "Năm sinh",
        "Year of birth (forms that ask only the year, such as a parent on a birth "
        "registration).", IDENTITY, ("date_of_birth",), _birth_year("date_of_birth"),
        label_en="Year of birth",
    ),
    *_residence("permanent", "Nơi thường trú", "Permanent residence"),
    *_residence("temporary", "Nơi tạm trú", "Temporary residence"),
    *_residence("current", "Nơi ở hiện tại", "Current residence"),
    PrefillPath(
        "citizen.household.address", "string", "Địa chỉ hộ gia đình",
        "Address the household is registered at, as one line.", HOUSEHOLD,
        _address_reads("household", ""), _address("household", ""),
        label_en="Household address",
    ),
    PrefillPath(
        "citizen.household.members", "array", "Thành viên hộ gia đình",
        "Every member of the citizen's household (the citizen included), head first, then by "
        "date of birth.", HOUSEHOLD,
        ("household.members.relationship_to_head",
         *(f"household.members.{item.key}" for item in MEMBER_ITEMS)),
        _members, MEMBER_ITEMS, label_en="Household members",
    ),
    *_relative("father"),
    *_relative("mother"),
    *_relative("spouse"),
    PrefillPath(
        "citizen.children", "array", "Con",
        "The citizen's children (linked by their father or mother), oldest first.", FAMILY,
        tuple(f"children.{item.key}" for item in CHILD_ITEMS), _children, CHILD_ITEMS,
        label_en="Children",
    ),
]  # fmt: skip

PATHS: dict[str, PrefillPath] = {definition.path: definition for definition in _DEFINITIONS}
