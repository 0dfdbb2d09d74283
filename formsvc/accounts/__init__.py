"""Accounts: mock national e-ID sign-in for citizens, and staff accounts with roles."""

from formsvc.accounts.models import CITIZEN, ROLES, Account
from formsvc.accounts.service import DEMO_PASSWORD, authenticate, ensure_citizen_account

__all__ = ["CITIZEN", "DEMO_PASSWORD", "ROLES", "Account", "authenticate", "ensure_citizen_account"]
