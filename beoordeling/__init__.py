"""Compile answers into the beleidsniveau assessment (the factsheet)."""
