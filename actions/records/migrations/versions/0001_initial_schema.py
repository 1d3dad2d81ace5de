"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 09:37:10.950083
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certification_schemes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("risks_addressed", sa.Text(), nullable=False),
        sa.Column("sectors", sa.Text(), nullable=False),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "countries",
        sa.Column("iso2", sa.String(length=2), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_nl", sa.String(length=120), nullable=False),
        sa.Column("ituc_rating", sa.String(length=4), nullable=True),
        sa.Column("ituc_year", sa.String(length=20), nullable=True),
        sa.Column("unions_prohibited", sa.String(length=10), nullable=False),
        sa.Column("union_notes", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("iso2"),
    )
    op.create_table(
        "data_versions",
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name"),
    )
    op.create_table(
        "risk_types",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_nl", sa.String(length=120), nullable=False),
        sa.Column("severity_tier", sa.Integer(), nullable=False),
        sa.Column("synonyms", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "sector_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_nl", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=120), nullable=False),
        sa.Column("years", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_nl"),
    )
    op.create_table(
        "national_contact_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_iso2", sa.String(length=2), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("hosting_institution", sa.Text(), nullable=True),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_iso2"],
            ["countries.iso2"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("country_iso2"),
    )
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country_iso2", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("sector", sa.String(length=120), nullable=False),
        sa.Column("products", sa.Text(), nullable=False),
        sa.Column("annual_spend_eur", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("share_of_supplier_revenue_pct", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("relationship_years", sa.Integer(), nullable=True),
        sa.Column("tier", sa.Integer(), nullable=True),
        sa.Column("certifications", sa.Text(), nullable=False),
        sa.Column("known_risks", sa.Text(), nullable=False),
        sa.Column("last_audit_date", sa.Date(), nullable=True),
        sa.Column("contact_person", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_iso2"],
            ["countries.iso2"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", "country_iso2", name="uq_supplier_name_country"),
    )
    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suppliers_country_iso2"), ["country_iso2"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suppliers_country_iso2"))

    op.drop_table("suppliers")
    op.drop_table("national_contact_points")
    op.drop_table("sector_agreements")
    op.drop_table("risk_types")
    op.drop_table("data_versions")
    op.drop_table("countries")
    op.drop_table("certification_schemes")
