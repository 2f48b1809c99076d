"""How the assistant does: figures for the console's insight page, computed with SQL from
the tracker store and the tickets database, and their plots."""
