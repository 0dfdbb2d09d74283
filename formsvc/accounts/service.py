"""Account creation and sign-in checks, independent of Flask so the CLI and tests share them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from formsvc.accounts.models import CITIZEN, ROLES, Account
from formsvc.prefill.models import Citizen

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_STAFF_PASSWORD",
    "authenticate",
    "ensure_citizen_account",
    "ensure_staff_account",
]

# Printed by ``formsvc demo``; a demo database holds only invented people.
DEMO_PASSWORD = "demo1234"
DEMO_STAFF_PASSWORD = "staff1234"

# Checked when the username is unknown so a miss costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password")


def ensure_citizen_account(session: Session, citizen: Citizen, password: str) -> Account:
    """The mock e-ID account of a citizen: username is the personal ID number."""
    account = session.scalars(select(Account).where(Account.citizen_id == citizen.id)).first()
    if account is None:
        account = Account(
            username=citizen.personal_id,
            password_hash=generate_password_hash(password),
            role=CITIZEN,
            display_name=citizen.full_name,
            citizen=citizen,
        )
        session.add(account)
        session.flush()
    return account


def ensure_staff_account(
    session: Session, username: str, role: str, display_name: str, password: str
) -> Account:
    """A staff account (designer or officer) signing in with a username, not an ID number."""
    if role == CITIZEN or role not in ROLES:
        raise ValueError(f"not a staff role: {role!r}")
    account = session.scalars(select(Account).where(Account.username == username)).first()
    if account is None:
        account = Account(
            username=username,
            password_hash=generate_password_hash(password),
            role=role,
            display_name=display_name,
        )
        session.add(account)
        session.flush()
    return account


def authenticate(session: Session, username: str, password: str) -> Account | None:
    account = session.scalars(select(Account).where(Account.username == username.strip())).first()
    if account is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return account if check_password_hash(account.password_hash, password) else None
