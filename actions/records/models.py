"""Tables of the company's own records. Reference facts are not here: actions/reference/catalogue.py."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Supplier(Base):
    __tablename__ = "suppliers"
    __table_args__ = (UniqueConstraint("name", "country_iso2", name="uq_supplier_name_country"),)

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    country_iso2 = Column(String(2), nullable=False, index=True)  # ISO 3166 alpha-2, checked on import
    city = Column(String(120), nullable=False, default="")
    sector = Column(String(120), nullable=False, default="")
    products = Column(Text, nullable=False, default="")
    annual_spend_eur = Column(Numeric(14, 2))
    share_of_supplier_revenue_pct = Column(Numeric(5, 2))
    relationship_years = Column(Integer)
    tier = Column(Integer)
    certifications = Column(Text, nullable=False, default="")  # ;-separated, as given
    known_risks = Column(Text, nullable=False, default="")  # ;-separated risk codes
    last_audit_date = Column(Date)
    contact_person = Column(String(200), nullable=False, default="")
    notes = Column(Text, nullable=False, default="")
    created_at = Column(DateTime, nullable=False, server_default=func.now())
    updated_at = Column(DateTime, nullable=False, server_default=func.now(), onupdate=func.now())

    @property
    def risk_codes(self) -> list:
        return [code for code in self.known_risks.split(";") if code]

    @property
    def certification_list(self) -> list:
        return [c for c in self.certifications.split(";") if c]


class DataVersion(Base):
    """A counter per table that writers bump, so readers know when to refresh caches."""

    __tablename__ = "data_versions"

    table_name = Column(String(60), primary_key=True)
    version = Column(Integer, nullable=False, default=0)
