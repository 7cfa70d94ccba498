"""The pure core: bib data, names, venues, dates, filters. No Sphinx here."""
