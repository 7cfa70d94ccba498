"""The Sphinx layer: configuration, bib data access, directives, roles and the domain."""
