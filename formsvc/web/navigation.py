"""Where each role starts, and the staff tabs it is offered.

Officers work the submission queue and designers their forms, so each lands there after
signing in. Both staff roles may read all three staff lists (designers see how forms are
answered, officers which forms exist), so the tabs are the same set in the order of each
role's work; what a role may not do (create a form, move a submission) is not linked here,
and the pages themselves offer those actions only to the role allowed them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _l

from formsvc.accounts import CITIZEN, DESIGNER, OFFICER, Account

__all__ = ["Tab", "init_app", "landing", "staff_tabs"]

_LANDING = {CITIZEN: "citizen.index", OFFICER: "officer.queue", DESIGNER: "designer.forms_list"}

# endpoint → (label, the path prefix of the pages that belong under the tab)
_SECTIONS = {
    "officer.queue": (_l("Hồ sơ"), "/staff/submissions"),
    "designer.forms_list": (_l("Biểu mẫu"), "/staff/forms/"),
    "staff.audit": (_l("Nhật ký đọc dữ liệu"), "/staff/audit"),
}
_TABS = {
    OFFICER: ("officer.queue", "designer.forms_list", "staff.audit"),
    DESIGNER: ("designer.forms_list", "officer.queue", "staff.audit"),
}


@dataclass(frozen=True)
class Tab:
    url: str
    label: str
    current: bool


def landing(account: Account) -> str:
    """The page a role starts from when sign-in was not on the way somewhere else."""
    return url_for(_LANDING.get(account.role, "citizen.index"))


def staff_tabs(account: Account | None) -> list[Tab]:
    if account is None:
        return []
    tabs = []
    for endpoint in _TABS.get(account.role, ()):
        label, section = _SECTIONS[endpoint]
        url = url_for(endpoint)
        current = request.path == url or request.path.startswith(section)
        tabs.append(Tab(url, str(label), current))
    return tabs


def init_app(app: Flask) -> None:
    app.jinja_env.globals["staff_tabs"] = staff_tabs
    app.jinja_env.globals["landing"] = landing
