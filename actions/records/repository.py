"""Read access for the actions: one function per question, a session passed in."""

from __future__ import annotations

from typing import List, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions.records.models import Supplier


def get_supplier(session: Session, supplier_id: int) -> Optional[Supplier]:
    return session.get(Supplier, supplier_id)


def suppliers_where(
    session: Session, country_iso2: Optional[str] = None, risk_code: Optional[str] = None, limit: int = 10
) -> List[Supplier]:
    query = select(Supplier)
    if country_iso2:
        query = query.where(Supplier.country_iso2 == country_iso2)
    if risk_code:
        # risk codes are stored ;-separated; match whole codes only
        query = query.where((";" + Supplier.known_risks + ";").contains(f";{risk_code};"))
    query = query.order_by(Supplier.annual_spend_eur.desc().nullslast(), Supplier.name).limit(limit)
    return list(session.execute(query).scalars())


def count_suppliers(session: Session, country_iso2: Optional[str] = None, risk_code: Optional[str] = None) -> int:
    query = select(func.count(Supplier.id))
    if country_iso2:
        query = query.where(Supplier.country_iso2 == country_iso2)
    if risk_code:
        query = query.where((";" + Supplier.known_risks + ";").contains(f";{risk_code};"))
    return session.execute(query).scalar() or 0
