"""Tables of the company's action plans: one plan per supplier, its measures, and who changed what when."""

from __future__ import annotations

import secrets

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import relationship

from actions.records.models import Base

STATUSES = ("open", "in_progress", "done", "dropped")
KINDS = ("risk", "leverage", "exit", "custom")


class ActionPlan(Base):
    __tablename__ = "action_plans"

    id = Column(Integer, primary_key=True)
    # one plan per supplier; a supplier removed from the records takes its plan with it
    supplier_id = Column(Integer, ForeignKey("suppliers.id", ondelete="CASCADE"), nullable=False, unique=True)
    # the plan page's address: unguessable, so a link from the chat shows this plan and no other
    share_key = Column(String(43), nullable=False, unique=True, default=lambda: secrets.token_urlsafe(24))
    language = Column(String(2), nullable=False, default="en")  # the language the measures were drafted in
    owner_name = Column(String(200), nullable=False, default="")
    owner_role = Column(String(200), nullable=False, default="")
    owner_email = Column(String(254), nullable=False, default="")
    review_date = Column(Date)
    created_at = Column(DateTime, nullable=False, server_default=func.now())
    updated_at = Column(DateTime, nullable=False, server_default=func.now(), onupdate=func.now())

    measures = relationship(
        "PlanMeasure", order_by="PlanMeasure.position", cascade="all, delete-orphan", passive_deletes=True
    )
    changes = relationship("PlanChange", order_by="PlanChange.id", cascade="all, delete-orphan", passive_deletes=True)


class PlanMeasure(Base):
    __tablename__ = "plan_measures"

    id = Column(Integer, primary_key=True)
    plan_id = Column(Integer, ForeignKey("action_plans.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)  # most severe first, as drafted
    kind = Column(String(20), nullable=False, default="risk")  # KINDS
    risk_code = Column(String(40), nullable=False, default="")  # for kind "risk"
    text = Column(Text, nullable=False)
    first_step = Column(Text, nullable=False, default="")
    deadline = Column(Date)
    indicator = Column(Text, nullable=False, default="")
    partners = Column(Text, nullable=False, default="")
    status = Column(String(20), nullable=False, default="open")  # STATUSES
    created_at = Column(DateTime, nullable=False, server_default=func.now())
    updated_at = Column(DateTime, nullable=False, server_default=func.now(), onupdate=func.now())


class PlanChange(Base):
    """One line of a plan's history: who changed which field of the plan or a measure, from what to what."""

    __tablename__ = "plan_changes"

    id = Column(Integer, primary_key=True)
    plan_id = Column(Integer, ForeignKey("action_plans.id", ondelete="CASCADE"), nullable=False, index=True)
    measure_id = Column(Integer)  # no foreign key: the history outlives a removed measure
    changed_by = Column(String(200), nullable=False, default="")
    field = Column(String(40), nullable=False)  # created, owner, review_date, status, text, added, ...
    old_value = Column(Text, nullable=False, default="")
    new_value = Column(Text, nullable=False, default="")
    changed_at = Column(DateTime, nullable=False, server_default=func.now())
