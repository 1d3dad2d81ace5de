"""Sourced reference facts (CSV files in data/) and helpers to read them."""
