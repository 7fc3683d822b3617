"""The registry's routes, one module per area."""
