"""Tables. Every reference fact row keeps the URL(s) of its source."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Country(Base):
    __tablename__ = "countries"

    iso2 = Column(String(2), primary_key=True)
    name_en = Column(String(120), nullable=False)
    name_nl = Column(String(120), nullable=False)
    # ITUC Global Rights Index: "1".."5", "5+"; empty where no sourced rating
    ituc_rating = Column(String(4))
    ituc_year = Column(String(20))
    # "yes", "no" or "unknown" (as sourced)
    unions_prohibited = Column(String(10), nullable=False, default="unknown")
    union_notes = Column(Text)
    source_url = Column(Text, nullable=False)

    ncps = relationship("NationalContactPoint", back_populates="country")


class NationalContactPoint(Base):
    __tablename__ = "national_contact_points"

    id = Column(Integer, primary_key=True)
    country_iso2 = Column(String(2), ForeignKey("countries.iso2"), nullable=False, unique=True)
    name = Column(Text)  # empty where not verified
    hosting_institution = Column(Text)
    website = Column(Text)
    email = Column(Text)
    notes = Column(Text)
    source_url = Column(Text, nullable=False)

    country = relationship("Country", back_populates="ncps")


class RiskType(Base):
    __tablename__ = "risk_types"

    code = Column(String(40), primary_key=True)
    name_en = Column(String(120), nullable=False)
    name_nl = Column(String(120), nullable=False)
    severity_tier = Column(Integer, nullable=False)
    synonyms = Column(Text, nullable=False, default="")
    source_url = Column(Text, nullable=False)

    def name(self, language: str) -> str:
        return self.name_nl if language == "nl" else self.name_en


class CertificationScheme(Base):
    __tablename__ = "certification_schemes"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    kind = Column(String(60), nullable=False)
    risks_addressed = Column(Text, nullable=False, default="")  # ;-separated risk codes
    sectors = Column(Text, nullable=False, default="")  # ;-separated
    website = Column(Text)
    source_url = Column(Text, nullable=False)


class SectorAgreement(Base):
    __tablename__ = "sector_agreements"

    id = Column(Integer, primary_key=True)
    name_nl = Column(String(200), nullable=False, unique=True)
    name_en = Column(String(200), nullable=False)
    sector = Column(String(120), nullable=False)
    years = Column(Text)
    status = Column(Text)
    website = Column(Text)
    source_url = Column(Text, nullable=False)


class Supplier(Base):
    __tablename__ = "suppliers"
    __table_args__ = (UniqueConstraint("name", "country_iso2", name="uq_supplier_name_country"),)

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    country_iso2 = Column(String(2), ForeignKey("countries.iso2"), nullable=False, index=True)
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

    country = relationship("Country")

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
