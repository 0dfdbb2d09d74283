"""Sign-in accounts: citizens (mock national e-ID) and staff, kept apart by role."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from formsvc.db import Base
from formsvc.prefill.models import Citizen

__all__ = ["CITIZEN", "DESIGNER", "OFFICER", "ROLES", "STAFF_ROLES", "Account"]

CITIZEN = "citizen"
DESIGNER = "designer"  # writes and publishes form definitions
OFFICER = "officer"  # one-stop-shop officer (cán bộ Bộ phận Một cửa)
STAFF_ROLES = (DESIGNER, OFFICER)
ROLES = (CITIZEN, *STAFF_ROLES)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(String(120))
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), unique=True)

    citizen: Mapped[Citizen | None] = relationship()
