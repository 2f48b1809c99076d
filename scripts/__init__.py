"""Measuring and maintenance tools (README, "Other commands")."""
