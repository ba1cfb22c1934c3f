"""Email targets (in progress)."""
