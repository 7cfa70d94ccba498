"""Builders of other formats than Sphinx's own."""
