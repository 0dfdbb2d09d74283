"""Accounts: mock national e-ID sign-in for citizens, and staff accounts with roles."""

from formsvc.accounts.models import CITIZEN, DESIGNER, OFFICER, ROLES, STAFF_ROLES, Account
from formsvc.accounts.service import (
    DEMO_PASSWORD,
    DEMO_STAFF_PASSWORD,
    authenticate,
    ensure_citizen_account,
    ensure_staff_account,
)

__all__ = [
    "CITIZEN",
    "DEMO_PASSWORD",
    "DEMO_STAFF_PASSWORD",
    "DESIGNER",
    "OFFICER",
    "ROLES",
    "STAFF_ROLES",
    "Account",
    "authenticate",
    "ensure_citizen_account",
    "ensure_staff_account",
]
