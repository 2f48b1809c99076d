"""Request handlers of the staff console, one module per area."""
