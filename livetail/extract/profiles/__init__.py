"""Site profiles (in progress)."""
