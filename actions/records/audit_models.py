"""The audit log: who looked up which supplier record or plan, when, through which channel (docs/privacy.md)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, func

from actions.records.models import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, server_default=func.now(), index=True)  # UTC; pruned by age
    who = Column(String(200), nullable=False)  # the signed-in user, or how the caller was trusted
    role = Column(String(60), nullable=False, default="")
    channel = Column(String(40), nullable=False)  # socketio, rest, slack, teams, admin, plan_link
    kind = Column(String(40), nullable=False)  # what was looked up: supplier_record, supplier_advice, plan, …
    supplier_id = Column(Integer)  # no foreign key: the row outlives a supplier removed from the records
    subject = Column(String(200), nullable=False, default="")  # the supplier's name, a plan, a page
