"""Rendering: the doctree nodes, their visitors per builder, and entry formatting."""
