"""reference facts leave the database

The sourced reference facts (countries, NCPs, risk types, schemes, IRBC
agreements) are read from actions/reference/data by actions/reference/catalogue.py,
once per process. The database keeps the company's own records only: this drops
the copies and the suppliers' foreign key to the countries copy (country codes are
checked on import).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REFERENCE_TABLES = ("national_contact_points", "certification_schemes", "sector_agreements", "risk_types", "countries")
# SQLite keeps the foreign key unnamed; Alembic's batch mode finds it through this naming convention.
SQLITE_NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table("suppliers", naming_convention=SQLITE_NAMING) as batch_op:
            batch_op.drop_constraint("fk_suppliers_country_iso2_countries", type_="foreignkey")
    else:
        for foreign_key in sa.inspect(bind).get_foreign_keys("suppliers"):
            if foreign_key["referred_table"] == "countries":
                op.drop_constraint(foreign_key["name"], "suppliers", type_="foreignkey")
    for table in REFERENCE_TABLES:
        op.drop_table(table)
    op.execute("DELETE FROM data_versions WHERE table_name = 'reference'")


def downgrade() -> None:
    # The tables come back empty and without the foreign key: version 0001's loader filled them.
    op.create_table(
        "countries",
        sa.Column("iso2", sa.String(length=2), primary_key=True),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_nl", sa.String(length=120), nullable=False),
        sa.Column("ituc_rating", sa.String(length=4)),
        sa.Column("ituc_year", sa.String(length=20)),
        sa.Column("unions_prohibited", sa.String(length=10), nullable=False),
        sa.Column("union_notes", sa.Text()),
        sa.Column("source_url", sa.Text(), nullable=False),
    )
    op.create_table(
        "national_contact_points",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("country_iso2", sa.String(length=2), sa.ForeignKey("countries.iso2"), nullable=False, unique=True),
        sa.Column("name", sa.Text()),
        sa.Column("hosting_institution", sa.Text()),
        sa.Column("website", sa.Text()),
        sa.Column("email", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.Column("source_url", sa.Text(), nullable=False),
    )
    op.create_table(
        "risk_types",
        sa.Column("code", sa.String(length=40), primary_key=True),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_nl", sa.String(length=120), nullable=False),
        sa.Column("severity_tier", sa.Integer(), nullable=False),
        sa.Column("synonyms", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=False),
    )
    op.create_table(
        "certification_schemes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False, unique=True),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("risks_addressed", sa.Text(), nullable=False),
        sa.Column("sectors", sa.Text(), nullable=False),
        sa.Column("website", sa.Text()),
        sa.Column("source_url", sa.Text(), nullable=False),
    )
    op.create_table(
        "sector_agreements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name_nl", sa.String(length=200), nullable=False, unique=True),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=120), nullable=False),
        sa.Column("years", sa.Text()),
        sa.Column("status", sa.Text()),
        sa.Column("website", sa.Text()),
        sa.Column("source_url", sa.Text(), nullable=False),
    )
